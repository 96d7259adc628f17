// Shared page helpers: call the JSON API with the session's CSRF token, and make
// forms marked data-api submit through it (plain form posts still work without JS).
"use strict";

window.homeshore = (function () {
  function csrfToken() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  async function api(method, url, body) {
    const response = await fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    return { ok: response.ok, status: response.status, data: data };
  }

  function showErrors(box, detail, heading) {
    box.textContent = "";
    if (!detail || !detail.length) { box.hidden = true; return; }
    if (heading) { const p = document.createElement("p"); p.textContent = heading; box.appendChild(p); }
    const list = document.createElement("ul");
    for (const item of detail) {
      const li = document.createElement("li");
      const code = document.createElement("code");
      code.textContent = item.field || "";
      li.appendChild(code);
      li.appendChild(document.createTextNode(": " + (item.msg || "")));
      list.appendChild(li);
    }
    box.appendChild(list);
    box.hidden = false;
  }

  function enhanceApiForms() {
    for (const form of document.querySelectorAll("form[data-api]")) {
      form.addEventListener("submit", async function (event) {
        event.preventDefault();
        const body = {};
        for (const input of form.querySelectorAll("input[name]:not([type=hidden])")) {
          body[input.name] = input.hasAttribute("data-number") ? Number(input.value) : input.value;
        }
        const button = form.querySelector("button");
        if (button) button.disabled = true;
        const result = await api("POST", form.dataset.api, body);
        if (button) button.disabled = false;
        if (result.ok) {
          window.location.assign(form.dataset.next.replace("{id}", result.data && result.data.id));
        } else {
          const box = document.getElementById("form-errors");
          if (box) showErrors(box, result.data && result.data.detail, "");
        }
      });
    }
  }

  document.addEventListener("DOMContentLoaded", enhanceApiForms);
  return { api: api, showErrors: showErrors, csrfToken: csrfToken };
})();
