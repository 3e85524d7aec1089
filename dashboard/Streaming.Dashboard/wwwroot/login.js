"use strict";
// Shows the failure message and keeps the page the user asked for (a local path only; the server checks it again).
const query = new URLSearchParams(location.search);
document.getElementById("failed").hidden = query.get("failed") !== "1";
const ret = query.get("ReturnUrl") || query.get("returnUrl");
if (ret && ret.startsWith("/") && !ret.startsWith("//")) {
  document.getElementById("returnUrl").value = ret;
}
