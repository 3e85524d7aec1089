"use strict";
// The page's panels other than the charts: sources, latency, top entities, an entity's readings, refused items, images,
// trending hashtags. Each renders what the server pre-aggregated; data-* attributes carry the raw numbers for tests.
const Panels = (() => {
  const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
  const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
  const el = (tag, props = {}, ...children) => { const e = Object.assign(document.createElement(tag), props); e.append(...children); return e; };
  const cell = (row, text, className = "") => Object.assign(row.insertCell(), { textContent: text, className });
  const when = d => (Date.now() - d < 864e5 ? clock : dateTime).format(d);
  const plural = (n, word, many = `${word}s`) => `${number.format(n)} ${n === 1 ? word : many}`;
  const duration = s => s < 90 ? plural(Math.round(s), "second") : s < 5400 ? plural(Math.round(s / 60), "minute") : plural(Math.round(s / 3600), "hour");
  const millis = ms => ms < 1000 ? `${number.format(ms)} ms` : `${number.format(ms / 1000)} s`;
  const metricWords = m => { const [kind, name] = m.split("/"); return `${name} (${kind})`; };

  function sparkline(values, label) {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", `0 0 ${values.length - 1} 20`);
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("class", "spark");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", label);
    const line = document.createElementNS("http://www.w3.org/2000/svg", "polyline");
    const max = Math.max(1, ...values);
    line.setAttribute("points", values.map((v, i) => `${i},${19 - (v / max) * 18}`).join(" "));
    svg.append(line);
    return svg;
  }

  function sources(panel) {
    const body = document.getElementById("sources").tBodies[0];
    body.replaceChildren();
    for (const s of panel.sources) {
      const row = body.insertRow();
      Object.assign(row.dataset, { source: s.source, state: s.silent ? "silent" : "active", rate: s.perSecond, lastHour: s.lastHour });
      cell(row, s.source);
      const quiet = (Date.now() - Date.parse(s.lastHeard)) / 1000;
      cell(row, s.silent ? `Silent for ${duration(quiet)}` : "Active", s.silent ? "state-silent" : "");
      cell(row, `${number.format(s.perSecond)} events/s`, "num");
      cell(row, plural(s.lastHour, "event"), "num");
      row.insertCell().append(sparkline(s.perMinute, `Events per minute over the last hour, up to ${number.format(Math.max(...s.perMinute))}`));
      cell(row, when(new Date(s.lastHeard)));
    }
    const rest = panel.notShown > 0 ? ` ${plural(panel.notShown, "more source")} not shown.` : "";
    document.getElementById("sources-summary").textContent = panel.active + panel.silent === 0 ? "No sources heard yet."
      : `${number.format(panel.active)} active, ${number.format(panel.silent)} silent (silent: nothing for ${duration(panel.silentAfterSeconds)}).${rest}`;
  }

  function latency(list) {
    const byKind = new Map(list.map(l => [l.kind, l]));
    for (const card of document.querySelectorAll("#kinds .kind")) {
      let line = card.querySelector(".latency");
      if (!line) { line = el("div", { className: "latency" }); card.append(line); }
      const l = byKind.get(card.dataset.kind);
      line.textContent = l ? `Ingest to screen: half within ${millis(l.p50Ms)}, 99% within ${millis(l.p99Ms)}` : "Ingest to screen: no events lately";
      Object.assign(card.dataset, l ? { p50: l.p50Ms, p99: l.p99Ms } : { p50: "", p99: "" });
    }
  }

  function metrics(list, chosen) {
    const select = document.getElementById("top-metric");
    select.replaceChildren(...list.map(m => el("option", { value: m, textContent: metricWords(m), selected: m === chosen })));
  }

  function top(list, open) {
    const body = document.getElementById("top").tBodies[0];
    // The list is rebuilt on every update: a keyboard user's focus stays on the same entity's button.
    const focused = body.contains(document.activeElement) ? document.activeElement.closest("tr")?.dataset.entity : undefined;
    body.replaceChildren();
    const metric = list.metric.split("/")[1];
    list.entities.forEach((t, i) => {
      const row = body.insertRow();
      Object.assign(row.dataset, { entity: t.entity, mean: t.mean, count: t.count });
      cell(row, String(i + 1), "num");
      const button = el("button", { type: "button", className: "link", textContent: t.entity });
      button.addEventListener("click", () => open(t.entity));
      row.insertCell().append(button);
      if (t.entity === focused) { button.focus(); }
      cell(row, Charts.withUnit(t.mean, metric), "num");
      cell(row, number.format(t.count), "num");
      cell(row, `${clock.format(new Date(t.start))}${t.final ? "" : " (provisional)"}`);
    });
    document.getElementById("top-help").textContent = list.ranked === 0 ? "No entity windows of this metric yet."
      : `The ${list.entities.length} highest of ${plural(list.ranked, "entity", "entities")}, by the mean of each one's newest ${list.size} window.`;
  }

  function readings(snapshot) {
    const body = document.getElementById("entity-readings").tBodies[0];
    body.replaceChildren();
    for (const [metric, v] of Object.entries(snapshot.current || {}).sort()) {
      const row = body.insertRow();
      Object.assign(row.dataset, { metric, value: v.value });
      cell(row, metric);
      cell(row, Charts.withUnit(v.value, metric), "num");
      cell(row, when(new Date(v.eventTime)));
      cell(row, v.source);
    }
    if (body.rows.length === 0) { cell(body.insertRow(), "No readings yet.", "empty").colSpan = 4; }
  }

  function recentDead(list, canResubmit, resubmit) {
    const body = document.getElementById("recent-dead").tBodies[0];
    body.replaceChildren();
    for (const d of list) {
      const row = body.insertRow();
      row.dataset.id = d.id;
      cell(row, when(new Date(d.firstSeen)));
      cell(row, d.source || "unknown");
      cell(row, `${d.reason}${d.detail ? `: ${d.detail}` : ""}`);
      const action = row.insertCell();
      if (canResubmit) {
        const button = el("button", { type: "button", className: "quiet", textContent: "Resubmit" });
        button.setAttribute("aria-label", `Resubmit the item from ${d.source || "an unknown source"} refused for ${d.reason}`);
        button.addEventListener("click", () => resubmit(d.id));
        action.append(button);
      } else {
        action.textContent = "Operators can resubmit";
      }
    }
    if (list.length === 0) { cell(body.insertRow(), "None.", "empty").colSpan = 4; }
  }

  return { sources, latency, metrics, top, readings, recentDead, when, millis, number, clock, dateTime, el };
})();
