// The availability grid: drag to tick many cells, and ask the API's dry run on every change.
// No rule lives here: the messages shown are the API's own (POST .../availability/{agent}/check).
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  const form = document.getElementById("availability");
  if (!form) return;
  const status = document.getElementById("avail-status");
  const errors = document.getElementById("form-errors");
  const counter = document.getElementById("hours-ticked");
  const minutes = Number(form.dataset.cellMinutes);
  const preferred = JSON.parse(document.getElementById("preferred-windows").textContent);
  const texts = {};
  for (const span of document.getElementById("avail-texts").content.querySelectorAll("span")) {
    texts[span.dataset.key] = span.textContent;
  }
  const boxes = Array.from(form.querySelectorAll('input[type=checkbox][name=cell]'));

  // Cell values are agent-local wall times; each cell's end comes from the server, which
  // knows where the agent's clocks skip an hour (the browser may live in another zone).
  function windows() {
    const ticked = boxes.filter(function (b) { return b.checked; });
    ticked.sort(function (a, b) { return a.value < b.value ? -1 : a.value > b.value ? 1 : 0; });
    const merged = [];
    for (const box of ticked) {
      const start = box.value;
      const end = box.dataset.end;
      if (merged.length && merged[merged.length - 1].end === start) {
        merged[merged.length - 1].end = end;
      } else {
        merged.push({ start: start, end: end });
      }
    }
    return merged;
  }
  function body() { return { windows: windows(), preferred: preferred }; }

  let pending = 0;
  async function check() {
    const ticket = ++pending;
    const ticked = boxes.filter(function (b) { return b.checked; }).length;
    counter.textContent = texts.hours + " " + (ticked * minutes / 60);
    let result;
    try {
      result = await window.homeshore.api("POST", form.dataset.check, body());
    } catch (e) {
      status.textContent = texts.offline;
      return;
    }
    if (ticket !== pending) return;
    if (result.ok) {
      window.homeshore.showErrors(errors, [], "");
      const notes = (result.data && result.data.notes) || [];
      status.textContent = [texts.valid].concat(notes).join(" ");
    } else {
      status.textContent = "";
      window.homeshore.showErrors(errors, result.data && result.data.detail, texts.refused);
    }
  }

  let dragging = null;
  for (const box of boxes) {
    box.addEventListener("change", check);
    box.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      dragging = !box.checked;
      box.checked = dragging;
    });
    box.addEventListener("pointerenter", function () {
      if (dragging !== null) box.checked = dragging;
    });
    box.addEventListener("click", function (event) {
      if (event.detail > 0) event.preventDefault();  // pointer already toggled it
    });
  }
  document.addEventListener("pointerup", function () {
    if (dragging !== null) { dragging = null; check(); }
  });

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const result = await window.homeshore.api("PUT", form.dataset.save, body());
    if (result.ok) {
      window.homeshore.showErrors(errors, [], "");
      status.textContent = texts.saved;
    } else {
      status.textContent = "";
      window.homeshore.showErrors(errors, result.data && result.data.detail, texts.refused);
    }
  });
});
