// Small SVG line charts for the dashboard, drawn here rather than with a charting library: a few dozen lines,
// nothing to vendor or licence, nothing inline for the Content-Security-Policy, and cheap on a board's CPU.
"use strict";
window.MinnowCharts = (function () {
  const NS = "http://www.w3.org/2000/svg";
  const W = 600, H = 90, PAD = 4;

  function el(name, attrs) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }

  // series: arrays of numbers or null (a gap) of the same length; classes: CSS class per series.
  function draw(container, series, classes, unit) {
    const n = Math.max(2, ...series.map(s => s.length));
    const values = series.flat().filter(v => v !== null && Number.isFinite(v));
    const max = values.length ? Math.max(...values) * 1.15 || 1 : 1;
    const x = i => PAD + (W - 2 * PAD) * i / (n - 1);
    const y = v => H - PAD - (H - 2 * PAD) * v / max;
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none", role: "img" });
    for (const f of [0.5, 1]) svg.appendChild(el("line", { x1: 0, x2: W, y1: y(max * f / 1.15), y2: y(max * f / 1.15), class: "grid-line" }));
    series.forEach((s, k) => {
      let d = "", open = false, area = "", start = 0;
      s.forEach((v, i) => {
        if (v === null || !Number.isFinite(v)) { open = false; return; }
        d += (open ? "L" : "M") + x(i).toFixed(1) + " " + y(v).toFixed(1) + " ";
        if (!open) start = i;
        open = true;
      });
      if (k === 0 && d) {
        const pts = s.map((v, i) => v === null ? null : [x(i), y(v)]).filter(p => p);
        area = "M" + pts[0][0] + " " + (H - PAD) + " " + pts.map(p => "L" + p[0].toFixed(1) + " " + p[1].toFixed(1)).join(" ")
          + " L" + pts[pts.length - 1][0] + " " + (H - PAD) + " Z";
        svg.appendChild(el("path", { d: area, class: "area" }));
      }
      if (d) svg.appendChild(el("path", { d: d, class: classes[k], "vector-effect": "non-scaling-stroke" }));
    });
    const label = el("text", { x: W - PAD, y: 12, "text-anchor": "end", class: "label" });
    label.textContent = values.length ? "max " + Math.round(max / 1.15) + " " + unit : "no requests yet";
    svg.appendChild(label);
    container.replaceChildren(svg);
  }

  return { draw: draw };
})();
