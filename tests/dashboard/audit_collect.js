// Everything a page shows in text: drawn SVG text of each figure, the hover texts of every
// point (hovertemplate with its customdata/text filled in), legend names, grid headers and
// every row of every grid (through AG Grid's API), and the page's visible text.
const out = {figures: [], hovers: [], legends: [], headers: [], cells: [], page: ""};
const LIMIT = 400;
function scalar(v) { return v === null || v === undefined ? "" : String(v); }
function points(trace) {
  // one entry per point: {cd, text, hovertext, x, y, z}
  const pts = [];
  const get = (a, i) => (Array.isArray(a) ? a[i] : a);
  if (trace.type === "heatmap") {
    const z = trace.z || [];
    for (let i = 0; i < z.length && pts.length < LIMIT * 4; i++) {
      for (let j = 0; j < (z[i] || []).length; j++) {
        pts.push({
          cd: trace.customdata && trace.customdata[i] ? trace.customdata[i][j] : undefined,
          text: trace.text && trace.text[i] ? trace.text[i][j] : undefined,
          hovertext: trace.hovertext && trace.hovertext[i] ? trace.hovertext[i][j] : undefined,
          x: (trace.x || [])[j], y: (trace.y || [])[i], z: z[i][j],
        });
      }
    }
    return pts;
  }
  const n = Math.max(
    (trace.x || trace.lon || trace.r || []).length || 0,
    (trace.customdata || []).length || 0,
    Array.isArray(trace.text) ? trace.text.length : 0,
  );
  for (let i = 0; i < Math.min(n, LIMIT); i++) {
    pts.push({
      cd: trace.customdata ? trace.customdata[i] : undefined,
      text: get(trace.text, i), hovertext: get(trace.hovertext, i),
      x: get(trace.x, i), y: get(trace.y, i), z: undefined,
    });
  }
  return pts;
}
function fill(template, p, name) {
  return template.replace(/%\{([^}]+)\}/g, (_m, expr) => {
    const key = expr.split(":")[0];
    let m = key.match(/^customdata\[(\d+)\]$/);
    if (m) return scalar(Array.isArray(p.cd) ? p.cd[+m[1]] : undefined);
    if (key === "customdata") return scalar(p.cd);
    if (key === "text") return scalar(p.text);
    if (key === "hovertext") return scalar(p.hovertext);
    if (key === "x" || key === "lon") return scalar(p.x);
    if (key === "y" || key === "lat") return scalar(p.y);
    if (key === "z") return scalar(p.z);
    if (key === "fullData.name" || key === "data.name") return scalar(name);
    return "";
  }).replace(/<extra>.*?<\/extra>/g, (e) => e.slice(7, -8));
}
for (const gd of document.querySelectorAll(".js-plotly-plot")) {
  const fig = gd.closest("[id]") ? gd.closest("[id]").id : "?";
  out.figures.push({fig, texts: [...gd.querySelectorAll("text")].map(e => e.textContent)});
  for (const trace of gd._fullData || gd.data || []) {
    if (trace.showlegend !== false && trace.name) out.legends.push({fig, text: String(trace.name)});
    const info = trace.hoverinfo || "all";
    if (info === "skip" || info === "none") continue;
    for (const p of points(trace)) {
      let hover;
      const template = Array.isArray(trace.hovertemplate) ? null : trace.hovertemplate;
      if (template) hover = fill(template, p, trace.name);
      else if (p.hovertext !== undefined && info.includes("text") || p.hovertext !== undefined && info === "all") hover = scalar(p.hovertext);
      else if (info.includes("text") || info === "all") hover = scalar(p.text);
      else hover = "";
      if (Array.isArray(trace.hovertemplate)) hover = ""; // rare; skipped
      if (hover) out.hovers.push({fig, text: hover});
    }
  }
}
const grids = [...document.querySelectorAll(".ag-root-wrapper")].map(w => w.closest("div[id]"));
for (const el of grids) {
  if (!el) continue;
  const id = el.id;
  out.headers.push(...[...el.querySelectorAll(".ag-header-cell-text")].map(e => ({grid: id, text: e.textContent})));
  let api = null;
  try { api = window.dash_ag_grid.getApi(id); } catch (e) { api = null; }
  if (!api) continue;
  const fields = api.getColumnDefs().map(c => c.field).filter(Boolean);
  api.forEachNode(node => {
    if (!node.data) return;
    for (const f of fields) {
      let v;
      try { v = api.getCellValue({rowNode: node, colKey: f, useFormatter: true}); }
      catch (e) { v = node.data[f]; }
      if (v !== null && v !== undefined && typeof v !== "number") {
        out.cells.push({grid: id, col: f, text: String(v)});
      }
    }
  });
}
out.page = document.body.innerText;
return out;
