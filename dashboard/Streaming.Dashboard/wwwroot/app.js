"use strict";
// The dashboard page: joins the "system" group, the chosen metric's top entities ("top:{kind}/{metric}") and at most one
// drill-down (an area or an entity), so at most three groups; applies each batched update.
const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const $ = id => document.getElementById(id);
const system = Charts.board($("system-charts"));
const area = Charts.board($("area-charts"));
const entity = Charts.board($("entity-charts"));
const sparks = new Map(); // kind -> recent per-second values
let currentArea = null, currentEntity = null, topMetric = null, role = null;

$("zone").textContent = `Times are shown in your time zone (${Intl.DateTimeFormat().resolvedOptions().timeZone}).`;
fetch("/account/me").then(r => r.ok ? r.json() : null).then(me => {
  if (me) {
    $("user").textContent = `Signed in as ${me.name} (${me.role})`;
    role = me.role;
    // The hub may have sent its snapshot first: draw what came before with the buttons this role may use.
    showDead(recentDead);
    Alerts.refresh(role === "operator", acknowledge);
  }
});

const connection = new signalR.HubConnectionBuilder().withUrl("/hubs/trends").withAutomaticReconnect([0, 1000, 2000, 5000, 10000]).build();
connection.on("Update", update => apply(update));
connection.onreconnecting(() => state("reconnecting", "Reconnecting…"));
connection.onreconnected(() => { state("connected", "Live"); join(); });
connection.onclose(() => { state("disconnected", "Disconnected: retrying every 5 seconds"); setTimeout(start, 5000); });

function state(name, text) { const el = $("connection"); el.dataset.state = name; el.textContent = text; }

async function start() {
  try {
    state("connecting", "Connecting…");
    await connection.start();
    state("connected", "Live");
    await join();
  } catch (e) {
    if (String(e).includes("401")) { location.href = "/login.html"; return; }
    state("disconnected", "Cannot reach the server: retrying in 5 seconds");
    setTimeout(start, 5000);
  }
}

async function join() {
  await joinWithHistory("system");
  if (topMetric) { apply(await connection.invoke("JoinGroup", `top:${topMetric}`)); }
  if (currentArea) { await joinWithHistory(`area:${currentArea}`); }
  if (currentEntity) { await joinEntity(currentEntity); }
}

// Joins a group; its answer holds the newest windows, and /dashboard/windows the windows before them (for the charts' lines).
async function joinWithHistory(group) {
  const snapshot = await connection.invoke("JoinGroup", group);
  apply(snapshot);
  const smallest = new Map();
  for (const w of snapshot.windows) {
    const key = `${w.kind}/${w.metric}`;
    if (!smallest.has(key) || sizeRank(w.size) < sizeRank(smallest.get(key).size)) { smallest.set(key, w); }
  }
  for (const w of smallest.values()) {
    const r = await fetch(`/dashboard/windows?group=${encodeURIComponent(group)}&metric=${encodeURIComponent(w.metric)}&kind=${w.kind}&size=${w.size}`);
    if (r.ok) {
      const history = (await r.json()).slice(-60).map(h => ({ ...h, owner: snapshot.group }));
      apply({ group, windows: history });
    }
  }
}

function sizeRank(size) { return parseFloat(size) * ({ ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[size.replace(/[0-9.]/g, "")] || 1); }

function apply(u) {
  if (u.group === "system") {
    Charts.apply(system, u.windows);
    if (u.kinds) { kinds(u.kinds); }
    if (u.deadLetters) { deadLetters(u.deadLetters); }
    if (u.recentDeadLetters) { showDead(u.recentDeadLetters); }
    if (u.areas) { areas(u.areas); }
    if (u.images) { images(u.images); }
    if (u.sources) { Panels.sources(u.sources); }
    if (u.latency) { Panels.latency(u.latency); }
    if (u.topMetrics) { metrics(u.topMetrics); }
    Alerts.apply(u.alerts, role === "operator", acknowledge);
    trending(u.windows);
  } else if (currentArea && u.group === `area:${currentArea}`) {
    Charts.apply(area, u.windows);
  } else if (currentEntity && u.group === `entity:${currentEntity}`) {
    Charts.apply(entity, u.windows);
    refreshReadings();
  } else if (topMetric && u.group === `top:${topMetric}` && u.top) {
    Panels.top(u.top, openEntity);
  }
}

// The metrics seen; the first time, the page ranks by the first sensor metric (or the first of any).
async function metrics(list) {
  const choice = topMetric || list.find(m => m.startsWith("sensor/")) || list[0];
  Panels.metrics(list, choice);
  if (choice && choice !== topMetric) { await chooseMetric(choice); }
}

async function chooseMetric(metric) {
  if (topMetric) { await connection.invoke("LeaveGroup", `top:${topMetric}`); }
  topMetric = metric;
  apply(await connection.invoke("JoinGroup", `top:${metric}`));
}
$("top-metric").addEventListener("change", e => chooseMetric(e.target.value));

async function acknowledge(id) { Alerts.apply([await connection.invoke("AcknowledgeAlert", id)], true, acknowledge); }

function kinds(list) {
  const box = $("kinds");
  for (const k of list) {
    let card = box.querySelector(`[data-kind="${k.kind}"]`);
    if (!card) {
      card = document.createElement("div");
      card.className = "kind";
      card.dataset.kind = k.kind;
      card.innerHTML = `<div class="name"></div><div class="rate"></div><svg viewBox="0 0 120 28" preserveAspectRatio="none" aria-hidden="true"><polyline/></svg><div class="total"></div>`;
      card.querySelector(".name").textContent = k.kind;
      box.append(card);
    }
    const values = sparks.get(k.kind) || [];
    values.push(k.perSecond);
    if (values.length > 120) { values.shift(); }
    sparks.set(k.kind, values);
    const max = Math.max(1, ...values);
    card.querySelector("polyline").setAttribute("points", values.map((v, i) => `${i},${27 - (v / max) * 26}`).join(" "));
    card.querySelector(".rate").textContent = `${number.format(k.perSecond)} events/s`;
    card.querySelector(".total").textContent = `${number.format(k.total)} since start`;
    card.dataset.total = k.total;
    card.dataset.rate = k.perSecond;
  }
}

function areas(list) {
  const body = $("areas").tBodies[0];
  body.querySelector(".empty")?.remove();
  for (const a of list) {
    let row = [...body.rows].find(r => r.dataset.area === a.area);
    if (!row) {
      row = body.insertRow([...body.rows].findIndex(r => r.dataset.area > a.area)); // -1: at the end
      row.dataset.area = a.area;
      const button = Object.assign(document.createElement("button"), { type: "button", className: "link", textContent: a.area });
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", () => selectArea(a.area));
      row.insertCell().append(button);
      for (let i = 0; i < 3; i++) { row.insertCell().className = i < 2 ? "num" : ""; }
    }
    row.cells[1].textContent = number.format(a.metrics);
    row.cells[2].textContent = `${number.format(a.readings)} (${a.size} windows)`;
    row.cells[3].textContent = clock.format(new Date(a.latest));
    row.dataset.readings = a.readings;
  }
}

// The newest posts window of the smallest size carries the trending list; older or larger windows do not replace it.
let trendingWindow = null;
function trending(windows) {
  for (const w of windows.filter(w => w.kind === "social" && w.topTerms)) {
    const newer = !trendingWindow || sizeRank(w.size) < sizeRank(trendingWindow.size)
      || (w.size === trendingWindow.size && new Date(w.start) >= new Date(trendingWindow.start));
    if (newer) { trendingWindow = w; }
  }
  if (!trendingWindow) { return; }
  const list = $("trending");
  list.replaceChildren(...trendingWindow.topTerms.slice(0, 10).map(t => {
    const item = document.createElement("li");
    item.dataset.term = t.term;
    item.textContent = `#${t.term}: ${number.format(t.count)} post${t.count === 1 ? "" : "s"}` + (t.maxError > 0 ? ` (up to ${number.format(t.count + t.maxError)})` : "");
    return item;
  }));
  list.dataset.window = `${trendingWindow.size} from ${clock.format(new Date(trendingWindow.start))}`;
}

function images(list) {
  const box = $("images");
  if (list.length === 0) { return; }
  box.replaceChildren(...list.map(i => {
    const figure = document.createElement("figure");
    figure.dataset.entity = i.entity;
    const img = Object.assign(document.createElement("img"), { src: i.thumbnail, loading: "lazy",
      alt: `Image from ${i.source} linked to ${i.entity}, ${i.width} by ${i.height} pixels` });
    const caption = document.createElement("figcaption");
    caption.textContent = `${i.entity} · taken ${dateTime.format(new Date(i.eventTime))}` + (i.nearDuplicate ? " · near duplicate" : "");
    figure.append(img, caption);
    return figure;
  }));
}

// The newest refused items of every silo, pushed when they change; operators may resubmit one as it was.
let recentDead = [];
function showDead(list) {
  recentDead = list;
  Panels.recentDead(list, role === "operator", resubmit);
}
async function resubmit(id) {
  const r = await fetch(`/dashboard/deadletters/${encodeURIComponent(id)}/resubmit`, { method: "POST" });
  const answer = r.ok ? await r.json() : null;
  $("resubmit-status").textContent = !answer ? (r.status === 403 ? "Only operators can resubmit." : `Not resubmitted: the server answered ${r.status}.`)
    : answer.accepted > 0 ? `Resubmitted: ${answer.accepted} accepted.` : `Resubmitted, and refused again (${answer.rejections?.[0]?.reason || "see the dead letters"}).`;
}

function deadLetters(list) {
  const body = $("dead-letters").tBodies[0];
  body.replaceChildren();
  if (list.length === 0) {
    body.insertRow().append(Object.assign(document.createElement("td"), { colSpan: 4, className: "empty", textContent: "None since start." }));
  }
  for (const d of [...list].sort((a, b) => b.lastMinute - a.lastMinute || b.total - a.total)) {
    const row = body.insertRow();
    row.dataset.stage = d.stage;
    row.dataset.reason = d.reason;
    row.dataset.lastMinute = d.lastMinute;
    for (const [text, cls] of [[d.stage, ""], [d.reason, ""], [number.format(d.lastMinute), "num"], [number.format(d.total), "num"]]) {
      Object.assign(row.insertCell(), { textContent: text, className: cls });
    }
  }
}

async function selectArea(name) {
  await closeEntity(false);
  if (currentArea) { await connection.invoke("LeaveGroup", `area:${currentArea}`); }
  currentArea = name;
  for (const b of $("areas").querySelectorAll("button")) { b.setAttribute("aria-pressed", String(b.textContent === name)); }
  Charts.clear(area);
  $("area-title").textContent = `Area: ${name}`;
  $("area-section").hidden = false;
  $("area-section").dataset.area = name;
  await joinWithHistory(`area:${name}`);
  $("area-title").scrollIntoView({ block: "nearest" });
}

async function closeArea(focusBack = true) {
  if (!currentArea) { return; }
  await connection.invoke("LeaveGroup", `area:${currentArea}`);
  const was = currentArea;
  currentArea = null;
  $("area-section").hidden = true;
  Charts.clear(area);
  for (const b of $("areas").querySelectorAll("button")) { b.setAttribute("aria-pressed", "false"); }
  if (focusBack) { [...$("areas").querySelectorAll("button")].find(b => b.textContent === was)?.focus(); }
}
$("area-close").addEventListener("click", () => closeArea());

// An entity's drill-down: its group (emitted windows), the read API's history for the charts and its latest readings.
async function openEntity(key) {
  await closeArea(false);
  await closeEntity(false);
  currentEntity = key;
  $("entity-title").textContent = `Entity: ${key}`;
  $("entity-section").hidden = false;
  $("entity-section").dataset.entity = key;
  await joinEntity(key);
  $("entity-title").scrollIntoView({ block: "nearest" });
  $("entity-close").focus();
}

async function joinEntity(key) {
  apply(await connection.invoke("JoinGroup", `entity:${key}`));
  const snapshot = await refreshReadings(true);
  const KINDS = { posts: "social", images: "media" };
  for (const metric of Object.keys(snapshot?.current || {})) {
    const r = await fetch(`/dashboard/windows?group=${encodeURIComponent(`entity:${key}`)}&metric=${encodeURIComponent(metric)}&kind=${KINDS[metric] || "sensor"}&size=1m`);
    if (r.ok) { apply({ group: `entity:${key}`, windows: (await r.json()).slice(-60).map(h => ({ ...h, owner: key })) }); }
  }
}

// The latest readings, fetched at most every 2 seconds while the entity is open.
let readingsAt = 0;
async function refreshReadings(now = false) {
  if (!currentEntity || (!now && Date.now() - readingsAt < 2000)) { return null; }
  readingsAt = Date.now();
  const r = await fetch(`/dashboard/entities/${encodeURIComponent(currentEntity)}`);
  const snapshot = r.ok ? await r.json() : null;
  if (snapshot) { Panels.readings(snapshot); }
  return snapshot;
}
setInterval(() => refreshReadings(), 5000);

async function closeEntity(focusBack = true) {
  if (!currentEntity) { return; }
  await connection.invoke("LeaveGroup", `entity:${currentEntity}`);
  const was = currentEntity;
  currentEntity = null;
  $("entity-section").hidden = true;
  Charts.clear(entity);
  if (focusBack) { [...$("top").querySelectorAll("button")].find(b => b.textContent === was)?.focus(); }
}
$("entity-close").addEventListener("click", () => closeEntity());

start();
