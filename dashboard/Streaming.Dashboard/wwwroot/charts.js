"use strict";
// Live window charts (uPlot), one per metric of one owner (system, an area or an entity), newest 60 windows of the
// smallest window size seen. Each figure carries data-* attributes with its newest values, for people and tests alike.
const Charts = (() => {
  const UNITS = { temperature: "°C", humidity: "%RH", pressure: "hPa", pm1: "µg/m³", pm25: "µg/m³", pm10: "µg/m³",
    no2: "µg/m³", o3: "µg/m³", so2: "µg/m³", co: "mg/m³", co2: "ppm", noise: "dBA", occupancy: "people" };
  // Posts and images count one each: their charts show how many per window, not a mean of ones.
  const COUNTED = { "social/posts": "posts", "media/images": "images" };
  const KEEP = 60;
  const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
  const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const sizeMs = s => { const n = parseFloat(s); return n * ({ ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[s.replace(/[0-9.]/g, "")] || 1); };
  const UNIT_WORDS = { ms: "millisecond", s: "second", m: "minute", h: "hour", d: "day" };
  const sizeWords = s => `${parseFloat(s)}-${UNIT_WORDS[s.replace(/[0-9.]/g, "")] || s} windows`;
  const unitOf = metric => UNITS[metric] || "";
  const withUnit = (v, metric) => `${number.format(v)}${unitOf(metric) ? " " + unitOf(metric) : ""}`;

  function board(container) { return { container, series: new Map() }; }

  function clear(b) {
    for (const s of b.series.values()) { s.plot.destroy(); }
    b.series.clear();
    b.container.replaceChildren(Object.assign(document.createElement("p"), { className: "empty", textContent: "No readings yet." }));
  }

  function apply(b, windows) {
    const touched = new Set();
    for (const w of windows) {
      const key = `${w.kind}/${w.metric}`;
      let s = b.series.get(key);
      if (s && sizeMs(w.size) > sizeMs(s.size)) { continue; }
      if (s && sizeMs(w.size) < sizeMs(s.size)) { s.plot.destroy(); s.fig.remove(); b.series.delete(key); s = undefined; }
      if (!s) { s = create(b, key, w); }
      const start = Date.parse(w.start), kept = s.points.get(start);
      // Stale: an older revision, or provisional after final. A window still filling up keeps its revision as it changes.
      if (kept && (w.revision < kept.revision || (kept.final && !w.final))) { continue; }
      if (kept && kept.final && w.final && w.revision > kept.revision) { s.revised.add(start); }
      s.points.set(start, w);
      touched.add(s);
    }
    for (const s of touched) { redraw(s); }
  }

  function create(b, key, w) {
    b.container.querySelector(":scope > .empty")?.remove();
    const fig = document.createElement("figure");
    fig.dataset.series = key;
    fig.dataset.size = w.size;
    const cap = document.createElement("figcaption");
    fig.append(cap);
    const list = [...b.series.keys(), key].sort();
    const next = b.series.get(list[list.indexOf(key) + 1]);
    b.container.insertBefore(fig, next ? next.fig : null);
    const noun = COUNTED[key];
    const x = { time: true, range: (u, min, max) => min === max ? [min - sizeMs(w.size) / 1000, max + sizeMs(w.size) / 1000] : [min, max] };
    const plot = new uPlot(noun ? {
      width: 400, height: 170, legend: { show: true, live: false }, scales: { x, n: {} },
      series: [{}, { label: `${noun[0].toUpperCase()}${noun.slice(1)} per window`, scale: "n", stroke: "#1d70b8", width: 2 }],
      axes: [{}, { scale: "n", label: noun, size: 50 }],
      hooks: { draw: [u => marks(u, s)] },
    } : {
      width: 400, height: 170, legend: { show: true, live: false }, scales: { x, v: {}, n: {} },
      series: [{}, { label: "Mean", scale: "v", stroke: "#1d70b8", width: 2 },
        { label: "95th percentile", scale: "v", stroke: "#d4351c", width: 2 },
        { label: "Readings", scale: "n", stroke: "#505a5f", dash: [4, 3] }],
      axes: [{}, { scale: "v", label: unitOf(w.metric) || "value", size: 50 },
        { scale: "n", side: 1, label: "readings", grid: { show: false }, size: 45 }],
      hooks: { draw: [u => marks(u, s)] },
    }, noun ? [[], []] : [[], [], [], []], fig);
    const s = { key, noun, metric: w.metric, size: w.size, fig, cap, plot, points: new Map(), revised: new Set() };
    b.series.set(key, s);
    return s;
  }

  // A dashed vertical mark at each window that a revision changed after it was final.
  function marks(u, s) {
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = "#4c2c92";
    ctx.setLineDash([3, 3]);
    for (const start of s.revised) {
      const x = Math.round(u.valToPos(start / 1000, "x", true));
      ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke();
    }
    ctx.restore();
  }

  function redraw(s) {
    const starts = [...s.points.keys()].sort((a, b) => a - b);
    for (const old of starts.splice(0, Math.max(0, starts.length - KEEP))) { s.points.delete(old); s.revised.delete(old); }
    const ws = starts.map(t => s.points.get(t));
    const xs = starts.map(t => t / 1000);
    s.plot.setData(s.noun ? [xs, ws.map(w => w.count)] : [xs, ws.map(w => w.mean), ws.map(w => w.p95), ws.map(w => w.count)]);
    const last = ws[ws.length - 1];
    Object.assign(s.fig.dataset, { count: last.count, mean: last.mean, p95: last.p95, final: last.final, start: last.start, revised: s.revised.size });
    const from = clock.format(new Date(last.start)), to = clock.format(new Date(last.end));
    s.cap.replaceChildren(
      span("metric", `${s.metric} (${last.kind})`), span("", sizeWords(s.size)),
      span(`badge ${last.final ? "final" : "provisional"}`, last.final ? "final" : "provisional"),
      ...(s.revised.size ? [span("badge revised", `revised ${s.revised.size}×`)] : []),
      span("latest", s.noun ? `${from}–${to}: ${number.format(last.count)} ${s.noun}`
        : `${from}–${to}: ${number.format(last.count)} reading${last.count === 1 ? "" : "s"}, mean ${withUnit(last.mean, s.metric)}, 95th percentile ${withUnit(last.p95, s.metric)}`));
  }

  function span(className, text) { return Object.assign(document.createElement("span"), { className, textContent: text }); }

  return { board, apply, clear, withUnit };
})();
