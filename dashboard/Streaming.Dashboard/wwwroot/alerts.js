"use strict";
// Alerts as they fire (newest first), in plain words; operators acknowledge them here, viewers see who did.
const Alerts = (() => {
  const KEEP = 50;
  const alerts = new Map(); // id -> alert
  const SIZE_WORDS = { s: "second", m: "minute", h: "hour", d: "day" };
  const sizeWords = s => `${parseFloat(s)}-${SIZE_WORDS[s.replace(/[0-9.]/g, "")] || s}`;

  function describe(a) {
    const from = Panels.clock.format(new Date(a.start)), to = Panels.clock.format(new Date(a.end));
    return `${a.metric}: mean ${Charts.withUnit(a.mean, a.metric)} over ${Panels.number.format(a.count)} readings, ${a.direction} the limit of `
      + `${Charts.withUnit(a.threshold, a.metric)}, in the ${sizeWords(a.size)} window ${from}–${to}${a.final ? "" : " (provisional)"}`;
  }

  // Takes in alerts that fired or were acknowledged; acknowledge(id) is called when an operator presses the button.
  function apply(list, canAcknowledge, acknowledge) {
    if (!list || list.length === 0) { return; }
    const news = list.filter(a => !alerts.has(a.id));
    for (const a of list) { alerts.set(a.id, a); }
    const newest = ordered();
    for (const old of newest.splice(KEEP)) { alerts.delete(old.id); }
    render(newest, canAcknowledge, acknowledge);
    if (news.length > 0) {
      document.getElementById("alerts-news").textContent = `New alert at ${news[0].entity}: ${describe(news[0])}.`
        + (news.length > 1 ? ` And ${news.length - 1} more.` : "");
    }
  }

  // Draws the kept alerts again, e.g. once the page knows whether its user may acknowledge them: the alerts can arrive
  // (in the hub's snapshot) before the answer about the user does.
  function refresh(canAcknowledge, acknowledge) {
    if (alerts.size > 0) { render(ordered(), canAcknowledge, acknowledge); }
  }

  const ordered = () => [...alerts.values()].sort((a, b) => Date.parse(b.firedAt) - Date.parse(a.firedAt));

  function render(list, canAcknowledge, acknowledge) {
    const body = document.getElementById("alerts").tBodies[0];
    const focused = document.activeElement?.closest("tr")?.dataset.alertId;
    body.replaceChildren();
    for (const a of list) {
      const row = body.insertRow();
      Object.assign(row.dataset, { alertId: a.id, entity: a.entity, rule: a.rule, acknowledged: String(!!a.acknowledgedBy) });
      Object.assign(row.insertCell(), { textContent: Panels.when(new Date(a.firedAt)) });
      Object.assign(row.insertCell(), { textContent: a.entity });
      Object.assign(row.insertCell(), { textContent: describe(a) });
      const state = row.insertCell();
      if (a.acknowledgedBy) {
        state.textContent = `By ${a.acknowledgedBy} at ${Panels.when(new Date(a.acknowledgedAt))}`;
      } else if (canAcknowledge) {
        const button = Panels.el("button", { type: "button", className: "quiet", textContent: "Acknowledge" });
        button.setAttribute("aria-label", `Acknowledge the alert at ${a.entity} (${a.rule})`);
        button.addEventListener("click", () => acknowledge(a.id));
        state.append(button);
        if (focused === a.id) { button.focus(); }
      } else {
        state.textContent = "Not yet (operators acknowledge)";
      }
    }
    if (list.length === 0) {
      Object.assign(body.insertRow().insertCell(), { colSpan: 4, className: "empty", textContent: "No alerts since start." });
    }
  }

  return { apply, refresh };
})();
