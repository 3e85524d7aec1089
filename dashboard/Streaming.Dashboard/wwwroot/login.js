"use strict";
// Shows the failure message and keeps the page the user asked for (a local path only; the server checks it again).
const query = new URLSearchParams(location.search);
document.getElementById("failed").hidden = query.get("failed") !== "1";
const throttled = Number.parseInt(query.get("throttled") || "", 10);
if (throttled > 0) {
  const box = document.getElementById("throttled");
  box.textContent = `Too many failed sign-ins. Try again in ${throttled} minute${throttled === 1 ? "" : "s"}.`;
  box.hidden = false;
}
const ret = query.get("ReturnUrl") || query.get("returnUrl");
if (ret && ret.startsWith("/") && !ret.startsWith("//")) {
  document.getElementById("returnUrl").value = ret;
}
