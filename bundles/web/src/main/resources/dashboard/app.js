// The dashboard: reads the node's JSON API every two seconds and fills the tables.
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

async function refresh() {
  const status = document.getElementById("status");
  try {
    const [node, feeds, links, neighbours] = await Promise.all(
      ["/api/node", "/api/feeds", "/api/links", "/api/neighbours"].map(get));
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
    });
    fill("neighbours", neighbours, (row, n) => {
      cell(row, n.id);
      cell(row, n.link);
      cell(row, duration(n.secondsAgo) + " ago");
      cell(row, n.rssiDbm == null ? "–" : n.rssiDbm + " dBm", true);
      cell(row, n.snrDb == null ? "–" : n.snrDb.toFixed(1) + " dB", true);
    });
    status.textContent = "updated " + new Date().toLocaleTimeString();
    status.classList.remove("down");
  } catch (e) {
    status.textContent = "node not answering (" + e.message + ")";
    status.classList.add("down");
  }
}

refresh();
setInterval(refresh, REFRESH_MS);
