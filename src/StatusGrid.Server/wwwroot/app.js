"use strict";
const COLORS = {
  AVAILABLE: "#1f9d55", CHARGING: "#2d6cdf", RESERVED: "#8e44ad", BLOCKED: "#e67e22",
  OUTOFORDER: "#c0392b", INOPERATIVE: "#7f8c8d", PLANNED: "#95a5a6", REMOVED: "#bdc3c7", UNKNOWN: "#34495e",
};
const locations = new Map(); // id -> { id, name, city, lat, lon, evses: Map(uid -> {status, last_updated}) }
const canvas = document.getElementById("map");
const ctx = canvas.getContext("2d");
let bounds = null, drawQueued = false;

// A location's colour: available if any EVSE is, else the most common status.
function locationStatus(loc) {
  const counts = {};
  for (const e of loc.evses.values()) counts[e.status] = (counts[e.status] || 0) + 1;
  if (counts.AVAILABLE) return "AVAILABLE";
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0]?.[0] || "UNKNOWN";
}

function computeBounds() {
  let minLat = 90, maxLat = -90, minLon = 180, maxLon = -180;
  for (const l of locations.values()) {
    minLat = Math.min(minLat, l.lat); maxLat = Math.max(maxLat, l.lat);
    minLon = Math.min(minLon, l.lon); maxLon = Math.max(maxLon, l.lon);
  }
  const padLat = (maxLat - minLat) * 0.05 || 0.01, padLon = (maxLon - minLon) * 0.05 || 0.01;
  bounds = { minLat: minLat - padLat, maxLat: maxLat + padLat, minLon: minLon - padLon, maxLon: maxLon + padLon };
}

function draw() {
  drawQueued = false;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (!bounds) return;
  const counts = {};
  let evseTotal = 0;
  for (const l of locations.values()) {
    for (const e of l.evses.values()) { counts[e.status] = (counts[e.status] || 0) + 1; evseTotal++; }
    const x = (l.lon - bounds.minLon) / (bounds.maxLon - bounds.minLon) * canvas.width;
    const y = canvas.height - (l.lat - bounds.minLat) / (bounds.maxLat - bounds.minLat) * canvas.height;
    ctx.fillStyle = COLORS[locationStatus(l)] || "#000";
    ctx.beginPath(); ctx.arc(x, y, 4, 0, Math.PI * 2); ctx.fill();
  }
  document.getElementById("counts").innerHTML = Object.keys(COLORS).filter(s => counts[s])
    .map(s => `<tr><td style="color:${COLORS[s]}">●</td><td>${s}</td><td>${counts[s]}</td></tr>`).join("");
  document.getElementById("totals").textContent = `${locations.size} locations · ${evseTotal} EVSEs`;
}
function queueDraw() { if (!drawQueued) { drawQueued = true; requestAnimationFrame(draw); } }

async function loadSnapshot() {
  for (let offset = 0; ; offset += 1000) {
    const response = await fetch(`api/dashboard/locations?offset=${offset}&limit=1000`);
    const page = await response.json();
    for (const item of page.items) {
      const evses = new Map(item.evses.map(e => [e.evse_uid, { status: e.status, last_updated: e.last_updated }]));
      locations.set(item.id, { id: item.id, name: item.name, city: item.city, lat: +item.latitude, lon: +item.longitude, evses });
    }
    if (offset + page.items.length >= page.total || page.items.length === 0) break;
  }
  computeBounds();
  queueDraw();
}

function onStatusChanged(items) {
  const feed = document.getElementById("feed");
  for (const item of items) {
    const loc = locations.get(item.location_id);
    if (!loc) continue;
    const held = loc.evses.get(item.evse_uid);
    if (held && held.last_updated > item.last_updated) continue; // older than what we show
    loc.evses.set(item.evse_uid, { status: item.status, last_updated: item.last_updated });
    // Built from text nodes: names come from location data and must never be parsed as HTML.
    const li = document.createElement("li");
    const status = document.createElement("span");
    status.className = "st";
    status.style.color = COLORS[item.status] || "#000";
    status.textContent = item.status;
    const when = document.createElement("small");
    when.textContent = item.last_updated;
    li.append(status, ` ${loc.name || loc.id} / ${item.evse_uid} `, when);
    feed.prepend(li);
  }
  while (feed.children.length > 60) feed.lastChild.remove();
  queueDraw();
}

document.getElementById("legend").innerHTML = Object.entries(COLORS).map(([s, c]) => `<span style="--c:${c}">${s}</span>`).join("");
const badge = document.getElementById("connection");
let connectedBefore = false;
loadSnapshot().then(() => connectHub("hubs/status", {
  statusChanged: onStatusChanged,
  onOpen: () => {
    badge.textContent = "live"; badge.className = "badge live";
    if (connectedBefore) loadSnapshot(); // changes made while disconnected are not replayed: start from a fresh snapshot
    connectedBefore = true;
  },
  onClose: () => { badge.textContent = "reconnecting…"; badge.className = "badge down"; },
}));
