// Live progress of a solve: polls GET /api/v1/solves/{id} and redraws objective and bound.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  const status = document.getElementById("solve-status");
  const plot = document.getElementById("progress");
  if (!status || !plot) return;
  const texts = {};
  for (const span of document.getElementById("status-texts").content.querySelectorAll("span")) {
    texts[span.dataset.status] = span.textContent;
  }
  const figure = JSON.parse(document.getElementById("progress-data").textContent);

  async function poll() {
    const result = await window.homeshore.api("GET", "/api/v1/solves/" + status.dataset.run);
    if (!result.ok) { window.setTimeout(poll, 3000); return; }
    const run = result.data;
    if (run.status !== status.dataset.state) {
      status.dataset.state = run.status;
      status.textContent = texts[run.status] || run.status;
    }
    const points = run.progress || [];
    figure.data[0].x = points.map(function (p) { return p.seconds; });
    figure.data[0].y = points.map(function (p) { return p.objective; });
    figure.data[1].x = figure.data[0].x;
    figure.data[1].y = points.map(function (p) { return p.bound; });
    window.homeshoreCharts.draw(plot, figure);
    if (run.status !== "queued" && run.status !== "running") {
      window.location.reload();
    } else {
      window.setTimeout(poll, 1000);
    }
  }

  if (status.dataset.state === "queued" || status.dataset.state === "running") {
    window.setTimeout(poll, 500);
  }
});
