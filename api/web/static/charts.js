// Draws every figure a page embeds as JSON (<div data-figure="id-of-json-script">) with Plotly.
"use strict";

window.homeshoreCharts = (function () {
  const config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["toImage"] };

  function draw(element, figure) {
    if (!window.Plotly) return;
    window.Plotly.react(element, figure.data, figure.layout, config);
  }

  document.addEventListener("DOMContentLoaded", function () {
    for (const element of document.querySelectorAll("[data-figure]")) {
      const source = document.getElementById(element.dataset.figure);
      if (source) draw(element, JSON.parse(source.textContent));
    }
  });
  return { draw: draw };
})();
