() => {
  const problems = [];
  if (!document.documentElement.lang) problems.push("html has no lang");
  const named = (el) => {
    if (el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")) return true;
    if (el.labels && el.labels.length && Array.from(el.labels).some(l => l.textContent.trim())) return true;
    if (el.tagName === "BUTTON" && el.textContent.trim()) return true;
    return false;
  };
  for (const el of document.querySelectorAll("input:not([type=hidden]), select, textarea, button")) {
    if (el.closest(".plot")) continue;
    if (!named(el)) problems.push("no accessible name: " + el.outerHTML.slice(0, 80));
  }
  for (const el of document.querySelectorAll("img")) {
    if (!el.closest(".plot") && !el.hasAttribute("alt")) problems.push("img without alt");
  }
  for (const el of document.querySelectorAll(".plot")) {
    if (!el.getAttribute("aria-label")) problems.push("chart without text alternative");
  }
  const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
  const luminance = (rgb) => 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
  const parse = (text) => (text.match(/[\d.]+/g) || []).map(Number);
  const background = (el) => {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const rgba = parse(getComputedStyle(node).backgroundColor);
      if (rgba.length === 3 || (rgba.length === 4 && rgba[3] > 0.5)) return rgba.slice(0, 3);
    }
    return [255, 255, 255];
  };
  let checked = 0;
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest(".plot, svg, .sr-only, .skip, template, script, [hidden]")) continue;
    const hasText = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!hasText || !el.getClientRects().length) continue;
    const fg = parse(getComputedStyle(el).color).slice(0, 3);
    const l1 = luminance(fg), l2 = luminance(background(el));
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    checked += 1;
    if (ratio < 4.5) problems.push("contrast " + ratio.toFixed(2) + ": " + el.textContent.trim().slice(0, 40));
  }
  if (!checked) problems.push("no text checked");
  return problems;
}
