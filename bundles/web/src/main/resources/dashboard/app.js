// The dashboard: reads the node's JSON API when the node says something changed (live updates)
// and every few seconds, and fills the tables.
// Text goes in through textContent only, so nothing a peer names (feed ids, neighbour details)
// can become markup.
"use strict";

const REFRESH_MS = 2000;

async function get(path) {
  const response = await fetch(path, { cache: "no-store" });
  if (!response.ok) {
    throw new Error(path + ": HTTP " + response.status);
  }
  return response.json();
}

function cell(row, text, numeric) {
  const td = row.insertCell();
  td.textContent = text;
  if (numeric) {
    td.className = "num";
  }
  return td;
}

function fill(tableId, items, columns) {
  const body = document.querySelector("#" + tableId + " tbody");
  body.replaceChildren();
  for (const item of items) {
    const row = body.insertRow();
    columns(row, item);
  }
}

function duration(seconds) {
  if (seconds < 120) return seconds + " s";
  if (seconds < 7200) return Math.round(seconds / 60) + " min";
  return (seconds / 3600).toFixed(1) + " h";
}

// A small chart of a link's last hour (packets a second in and out, from /api/links/history),
// drawn as SVG in the page itself: nothing loaded from elsewhere.
const SVG = "http://www.w3.org/2000/svg";
function sparkline(row, rates) {
  const td = row.insertCell();
  if (!rates || rates.length < 2) {
    td.textContent = "collecting…";
    return;
  }
  const width = 120, height = 24, hour = 3600;
  const values = rates.map((r) => r.inPerSecond + r.outPerSecond);
  const top = Math.max(...values, 0.001);
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("width", width);
  svg.setAttribute("height", height);
  svg.setAttribute("class", "spark");
  const line = document.createElementNS(SVG, "polyline");
  line.setAttribute("points", rates.map((r, i) =>
    ((1 - Math.min(r.secondsAgo, hour) / hour) * (width - 2) + 1).toFixed(1) + ","
      + (height - 1 - (values[i] / top) * (height - 2)).toFixed(1)).join(" "));
  svg.appendChild(line);
  const title = document.createElementNS(SVG, "title");
  title.textContent = "up to " + top.toFixed(1) + " packets/s; now " + values[values.length - 1].toFixed(1);
  svg.appendChild(title);
  td.appendChild(svg);
}

function bar(row, share, label) {
  const td = row.insertCell();
  const outer = document.createElement("div");
  outer.className = "bar";
  outer.title = label;
  const inner = document.createElement("span");
  inner.style.width = Math.min(100, Math.max(0, share * 100)).toFixed(1) + "%";
  outer.appendChild(inner);
  td.appendChild(outer);
  const text = document.createElement("small");
  text.textContent = label;
  td.appendChild(text);
}

// The access token stays in this tab only (sessionStorage), never in the page or the address.
const tokenInput = document.getElementById("token");
tokenInput.value = sessionStorage.getItem("tinyssb-token") || "";
tokenInput.addEventListener("change", () => sessionStorage.setItem("tinyssb-token", tokenInput.value.trim()));

async function post(path, body, resultId) {
  return send(path, "application/json", JSON.stringify(body), resultId);
}

async function send(path, contentType, body, resultId) {
  const result = document.getElementById(resultId);
  try {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": contentType, "Authorization": "Bearer " + tokenInput.value.trim() },
      body: body,
    });
    const answer = await response.json();
    result.textContent = response.ok ? "done: " + JSON.stringify(answer) : answer.error;
    result.classList.toggle("error", !response.ok);
    refresh();
    return response.ok;
  } catch (e) {
    result.textContent = "the node did not answer: " + e.message;
    result.classList.add("error");
    return false;
  }
}

// A bundle jar goes to the node as the request's body; the node checks that it is one.
document.getElementById("upload-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const file = document.getElementById("bundle-file");
  if (file.files.length === 0) {
    document.getElementById("bundle-result").textContent = "choose a bundle jar first";
    return;
  }
  if (await send("/api/bundles", "application/java-archive", file.files[0], "bundle-result")) {
    file.value = "";
  }
});

document.getElementById("publish-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = document.getElementById("text");
  if (await post("/api/publish", { text: text.value }, "publish-result")) {
    text.value = "";
  }
});

// Settings: a form made from the component's metatype description; only changed fields are sent,
// and the node validates them against the same description before it writes the .cfg file.
const pidSelect = document.getElementById("pid");
const fields = document.getElementById("settings-fields");

async function loadPids() {
  const pids = await get("/api/config");
  pidSelect.replaceChildren();
  for (const p of pids) {
    const option = document.createElement("option");
    option.value = p.pid;
    option.textContent = p.name + " (" + p.pid + ")";
    pidSelect.appendChild(option);
  }
  if (pids.length > 0) {
    loadSettings();
  }
}

let settingsShown = 0; // answers to an earlier choice, arriving late, must not replace the form

async function loadSettings() {
  const asked = ++settingsShown;
  const described = await get("/api/config/" + encodeURIComponent(pidSelect.value));
  if (asked !== settingsShown) {
    return;
  }
  fields.replaceChildren();
  fields.dataset.pid = described.pid;
  for (const a of described.attributes) {
    const label = document.createElement("label");
    label.textContent = a.name + " (" + a.id + ")";
    label.title = a.description || "";
    let input;
    if (a.options && a.options.length > 0) {
      input = document.createElement("select");
      for (const o of a.options) {
        const option = document.createElement("option");
        option.value = o.value;
        option.textContent = o.label;
        input.appendChild(option);
      }
    } else {
      input = document.createElement("input");
      input.type = a.type === "password" ? "password" : "text";
    }
    const shown = a.value != null ? a.value : a.default;
    input.value = a.type === "password" ? "" : (shown == null ? "" : shown);
    input.dataset.id = a.id;
    input.dataset.initial = input.value;
    label.appendChild(input);
    fields.appendChild(label);
  }
}

pidSelect.addEventListener("change", loadSettings);
document.getElementById("settings-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const changed = {};
  for (const input of fields.querySelectorAll("[data-id]")) {
    if (input.value !== input.dataset.initial) {
      changed[input.dataset.id] = input.value;
    }
  }
  if (await post("/api/config/" + encodeURIComponent(pidSelect.value), changed, "settings-result")) {
    for (const input of fields.querySelectorAll("[data-id]")) {
      input.dataset.initial = input.value;
    }
  }
});
loadPids().catch(e => { document.getElementById("settings-result").textContent = e.message; });

document.getElementById("chat-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = document.getElementById("chat-text");
  if (await post("/api/chat", { text: text.value }, "chat-result")) {
    text.value = "";
  }
});

async function refreshChat() {
  const list = document.getElementById("chat");
  const response = await fetch("/api/chat", { cache: "no-store" });
  if (!response.ok) { // no chat bundle on this node
    list.replaceChildren();
    const li = document.createElement("li");
    li.textContent = "no chat on this node";
    list.appendChild(li);
    return;
  }
  const chat = await response.json();
  list.replaceChildren();
  for (const m of chat.messages) {
    const li = document.createElement("li");
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = m.name || m.short;
    who.title = m.author;
    li.appendChild(who);
    li.appendChild(document.createTextNode(m.text == null ? "(voice)" : m.text));
    list.appendChild(li);
  }
  list.scrollTop = list.scrollHeight;
}

async function refreshFleet() {
  const response = await fetch("/api/deployments", { cache: "no-store" });
  if (!response.ok) { // no deploy bundle on this node
    fill("fleet", [{}], row => { cell(row, "no remote deployment on this node").colSpan = 5; });
    return;
  }
  const deployments = await response.json();
  fill("fleet", deployments.fleet, (row, r) => {
    cell(row, r.instruction + " " + r.action);
    cell(row, r.bundle + " " + r.version);
    cell(row, r.group || "all");
    cell(row, r.nodeShort || "–").title = r.node || "";
    cell(row, r.outcome).title = r.detail || "";
  });
}

// One reading of the API at a time: a request for another while one runs makes one more after it.
let reading = null;
let readAgain = false;
function refresh() {
  if (reading) {
    readAgain = true;
    return reading;
  }
  reading = readAll().finally(() => {
    reading = null;
    if (readAgain) {
      readAgain = false;
      refresh();
    }
  });
  return reading;
}

async function readAll() {
  const status = document.getElementById("status");
  try {
    const [node, feeds, links, neighbours, bundles, history] = await Promise.all(
      ["/api/node", "/api/feeds", "/api/links", "/api/neighbours", "/api/bundles", "/api/links/history"].map(get));
    fill("bundles", bundles, (row, b) => {
      cell(row, b.id, true);
      cell(row, b.name);
      cell(row, b.version);
      cell(row, b.state);
      cell(row, b.origin);
      const td = row.insertCell();
      const action = (label, path) => {
        const button = document.createElement("button");
        button.className = "small";
        button.textContent = label;
        button.addEventListener("click", () => post("/api/bundles/" + b.id + "/" + path, {}, "bundle-result"));
        td.appendChild(button);
      };
      if (b.id !== 0) {
        const start = b.state !== "ACTIVE";
        action(start ? "start" : "stop", start ? "start" : "stop");
      }
      if (b.origin === "upload" || b.origin === "other") {
        action("uninstall", "uninstall");
      }
    });
    document.getElementById("node-id").textContent = node.id;
    document.getElementById("uptime").textContent = duration(node.uptimeSeconds);
    document.getElementById("feed-count").textContent = node.feeds;
    document.getElementById("entry-count").textContent = node.entries;
    document.getElementById("link-count").textContent = node.links;
    fill("feeds", feeds, (row, f) => {
      cell(row, f.short).title = f.id;
      cell(row, f.height, true);
      cell(row, f.incompleteChains, true);
      cell(row, [f.local ? "own" : "", f.followed ? "followed" : "", f.damagedEntries ? f.damagedEntries + " damaged" : ""]
        .filter(Boolean).join(", "));
    });
    fill("links", links, (row, l) => {
      cell(row, l.id);
      cell(row, l.packetsIn, true);
      cell(row, l.packetsOut, true);
      cell(row, l.dropped, true);
      if (l.airtime) {
        const used = l.airtime.usedMillis, budget = l.airtime.budgetMillis;
        bar(row, budget > 0 ? used / budget : 0, (used / 1000).toFixed(1) + " s of " + (budget / 1000).toFixed(0) + " s");
      } else {
        cell(row, "–");
      }
      sparkline(row, history[l.id]);
    });
    fill("neighbours", neighbours, (row, n) => {
      cell(row, n.id);
      cell(row, n.link);
      cell(row, duration(n.secondsAgo) + " ago");
      cell(row, n.rssiDbm == null ? "–" : n.rssiDbm + " dBm", true);
      cell(row, n.snrDb == null ? "–" : n.snrDb.toFixed(1) + " dB", true);
    });
    await refreshChat();
    await refreshFleet();
    status.textContent = (live ? "live, " : "") + "updated " + new Date().toLocaleTimeString();
    status.classList.remove("down");
  } catch (e) {
    status.textContent = "node not answering (" + e.message + ")";
    status.classList.add("down");
  }
}

// Live updates: the node says when it stored entries (Server-Sent Events, at most twice a second);
// while that stream is open the tables are also read every 10 s (links, bundles), else every 2 s.
let live = false;
if (window.EventSource) {
  const events = new EventSource("/api/events");
  events.addEventListener("stored", () => refresh());
  events.onopen = () => { live = true; };
  events.onerror = () => { live = false; }; // the browser connects again by itself
}
let ticks = 0;
refresh();
setInterval(() => {
  if (!live || ++ticks % 5 === 0) {
    refresh();
  }
}, REFRESH_MS);
