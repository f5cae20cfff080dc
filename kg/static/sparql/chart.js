// A small YASR "chart" plugin: a bar chart (inline SVG, no external library) of the first
// numeric column of a SELECT result, labelled by the first other column.
(function () {
  "use strict";
  if (!window.Yasgui || !window.Yasgui.Yasr) return;
  const SVG = "http://www.w3.org/2000/svg";
  const MAX_BARS = 50;

  function isNumeric(binding) {
    return binding && binding.type !== "uri" && binding.value !== "" && !isNaN(Number(binding.value));
  }

  function columns(yasr) {
    const vars = yasr.results.getVariables() || [];
    const rows = yasr.results.getBindings() || [];
    const value = vars.find((v) => rows.length && rows.every((r) => !r[v] || isNumeric(r[v])) &&
                                   rows.some((r) => isNumeric(r[v])));
    const label = vars.find((v) => v !== value);
    return { value, label, rows };
  }

  function el(name, attrs, text) {
    const node = document.createElementNS(SVG, name);
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, String(v)));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  class Chart {
    constructor(yasr) { this.yasr = yasr; this.priority = 5; this.label = "Chart"; }
    canHandleResults() {
      return !!(this.yasr.results && this.yasr.results.getVariables &&
                this.yasr.results.getVariables() && columns(this.yasr).value);
    }
    getIcon() {
      const icon = document.createElement("span");
      icon.textContent = "▮▮";
      return icon;
    }
    draw() {
      const { value, label, rows } = columns(this.yasr);
      const data = rows.filter((r) => isNumeric(r[value])).slice(0, MAX_BARS).map((r, i) => ({
        name: label && r[label] ? r[label].value.replace(/^.*[/#]/, "") : String(i + 1),
        n: Number(r[value].value),
      }));
      const max = Math.max(...data.map((d) => d.n), 0) || 1;
      const bar = 22, left = 220, width = 760;
      const svg = el("svg", { width: left + width + 60, height: data.length * bar + 10,
                              role: "img", class: "lckg-chart" });
      svg.appendChild(el("title", {}, `${value} by ${label || "row"}`));
      data.forEach((d, i) => {
        const y = i * bar + 5;
        svg.appendChild(el("text", { x: left - 8, y: y + 15, "text-anchor": "end",
                                     "font-size": 12 }, d.name.slice(0, 32)));
        svg.appendChild(el("rect", { x: left, y, height: bar - 6, fill: "#3b6ea5",
                                     width: Math.max(1, (Math.max(d.n, 0) / max) * width) }));
        svg.appendChild(el("text", { x: left + Math.max(1, (Math.max(d.n, 0) / max) * width) + 4,
                                     y: y + 15, "font-size": 12 }, String(d.n)));
      });
      this.yasr.resultsEl.appendChild(svg);
    }
  }
  window.Yasgui.Yasr.registerPlugin("chart", Chart);
})();
