// The live map: Leaflet + marker clustering, fed per viewport. On every settled pan/zoom the page calls the hub's
// Watch(west, south, east, north, zoom), which puts it in the SignalR groups of the tiles in view, then loads a GeoJSON
// snapshot of exactly those tiles. Zoomed in it holds locations and applies statusChanged/locationChanged/
// locationRemoved; zoomed out it shows aggregates (counts by status per coarse tile), updated at a bounded rate.
"use strict";
(async function () {
  const $ = id => document.getElementById(id);
  const plural = (n, word) => `${n.toLocaleString()} ${word}${n === 1 ? "" : "s"}`;
  const features = new Map();   // location id -> GeoJSON feature (detail mode)
  const markers = new Map();    // location id -> L.Marker
  const aggregates = new Map(); // tile -> { feature, marker }
  const state = { mode: null, plan: null, openId: null, pendingOpen: null, seq: 0 };
  window.statusGrid = { features, aggregates, state }; // read by the browser tests and handy in the console

  const config = await (await fetch("api/dashboard/config")).json();
  const access = sgKeyedJson("statusgrid-key");
  if (config.require_credential) await access.ensureKey();
  const getJson = access.getJson;

  // --- map and base layer -------------------------------------------------------------------------------------
  const map = L.map("map", { worldCopyJump: true, zoomControl: true }).setView([51.0, 10.0], 5);
  window.statusGrid.map = map;
  const tiles = L.tileLayer(config.tile_url, { attribution: config.tile_attribution, maxZoom: 19 }).addTo(map);
  let tileErrors = 0, tileLoads = 0;
  tiles.on("tileload", () => { tileLoads++; $("no-tiles").hidden = true; map.getContainer().classList.remove("no-tiles"); });
  tiles.on("tileerror", () => {
    // Unreachable tile server (offline, firewalled): a plain background, the map keeps working.
    if (++tileErrors >= 2 && tileLoads === 0) { map.getContainer().classList.add("no-tiles"); $("no-tiles").hidden = false; }
  });
  const cluster = L.markerClusterGroup({
    maxClusterRadius: 50, showCoverageOnHover: false, chunkedLoading: true,
    iconCreateFunction: c => {
      const counts = {};
      for (const m of c.getAllChildMarkers()) for (const e of features.get(m.options.locationId)?.properties.evses || []) counts[e.status] = (counts[e.status] || 0) + 1;
      return L.divIcon({ className: "sg-cluster", iconSize: [40, 40], html: `<div class="pie" style="background:${sgPie(counts)}"><span>${c.getChildCount()}</span></div>` });
    },
  }).addTo(map);
  const aggregateLayer = L.layerGroup().addTo(map);

  // --- filters ------------------------------------------------------------------------------------------------
  const statusFilter = $("status-filter");
  for (const s of SG_STATUS_ORDER) {
    const label = document.createElement("label");
    label.innerHTML = `<input type="checkbox" value="${s}" checked> ${sgShape(s, 14)} ${SG_STATUS[s].label}`;
    statusFilter.append(label);
  }
  const filters = () => ({
    statuses: new Set([...statusFilter.querySelectorAll("input:checked")].map(i => i.value)),
    power: $("power-filter").value, kw: Number($("kw-filter").value) || 0, standard: $("standard-filter").value,
  });
  const evsePasses = (e, f) => f.statuses.has(e.status) && e.connectors.some(c =>
    (!f.power || (f.power === "DC") === (c.power_type === "DC")) && c.kw >= f.kw && (!f.standard || c.standard === f.standard));
  const knownStandards = new Set();
  function noteStandards(feature) {
    for (const e of feature.properties.evses) for (const c of e.connectors) {
      if (knownStandards.has(c.standard)) continue;
      knownStandards.add(c.standard);
      const option = document.createElement("option");
      option.value = c.standard; option.textContent = sgStandardName(c.standard);
      $("standard-filter").append(option);
    }
  }
  for (const id of ["status-filter", "power-filter", "kw-filter", "standard-filter"]) $(id).addEventListener("input", () => redrawAll());

  // --- markers ------------------------------------------------------------------------------------------------
  // A longitude as the view shows it: centred on 180°, a location at -179.97 sits at 180.03, beside one at 179.97.
  const nearView = lon => lon + 360 * Math.round((map.getCenter().lng - lon) / 360);
  function iconFor(feature) {
    const evses = feature.properties.evses;
    const status = sgLocationStatus(evses);
    const available = evses.filter(e => e.status === "AVAILABLE").length;
    return L.divIcon({
      className: "sg-marker", iconSize: [26, 26], iconAnchor: [13, 13], popupAnchor: [0, -12],
      html: `<div data-location="${encodeURIComponent(feature.id)}" data-status="${status}">${sgShape(status, 22)}<b>${available}/${evses.length}</b></div>`,
    });
  }
  function showLocation(feature) {
    const f = filters();
    const visible = feature.properties.evses.some(e => evsePasses(e, f));
    let marker = markers.get(feature.id);
    if (!visible) { if (marker) { cluster.removeLayer(marker); markers.delete(feature.id); } return; }
    const [lat, lon] = [feature.geometry.coordinates[1], nearView(feature.geometry.coordinates[0])];
    if (!marker) {
      marker = L.marker([lat, lon], { icon: iconFor(feature), locationId: feature.id, title: feature.properties.name || feature.id });
      marker.bindPopup(() => sgPopup(features.get(feature.id)), { maxWidth: 320 });
      marker.on("popupopen", () => { state.openId = feature.id; });
      marker.on("popupclose", () => { if (state.openId === feature.id) state.openId = null; });
      markers.set(feature.id, marker);
      cluster.addLayer(marker);
    } else {
      marker.setLatLng([lat, lon]);
      marker.setIcon(iconFor(feature));
      if (marker.isPopupOpen()) marker.setPopupContent(sgPopup(feature));
      cluster.refreshClusters(marker);
    }
  }
  function removeLocation(id) {
    features.delete(id);
    const marker = markers.get(id);
    if (marker) { cluster.removeLayer(marker); markers.delete(id); }
  }
  /** Whether time a is after time b. As times, not text: "10:00:00Z" is before "10:00:00.250Z", but sorts after it. */
  const later = (a, b) => Date.parse(a) > Date.parse(b);

  /** Newer wins per EVSE: a snapshot may be older than a delta that arrived while it loaded. */
  function upsert(feature) {
    const held = features.get(feature.id);
    if (held) {
      const byUid = new Map(held.properties.evses.map(e => [e.uid, e]));
      feature.properties.evses = feature.properties.evses.map(e => {
        const h = byUid.get(e.uid);
        return h && later(h.last_updated, e.last_updated) ? h : e;
      });
    }
    features.set(feature.id, feature);
    noteStandards(feature);
    showLocation(feature);
  }

  function showAggregate(feature) {
    const tile = feature.properties.tile;
    aggregates.get(tile)?.marker.remove();
    const f = filters();
    const counts = Object.fromEntries(Object.entries(feature.properties.counts).filter(([s]) => f.statuses.has(s)));
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    if (total === 0) { aggregates.set(tile, { feature, marker: L.layerGroup() }); return; }
    const size = Math.round(Math.min(64, 28 + Math.log10(total) * 12));
    const [lat, lon] = [feature.geometry.coordinates[1], nearView(feature.geometry.coordinates[0])];
    const marker = L.marker([lat, lon], {
      icon: L.divIcon({ className: "sg-aggregate", iconSize: [size, size],
        html: `<div class="pie" data-tile="${tile}" style="background:${sgPie(counts)}"><span>${total}</span></div>` }),
      title: SG_STATUS_ORDER.filter(s => counts[s]).map(s => `${SG_STATUS[s].label}: ${counts[s]}`).join(", "),
    }).on("click", () => map.setView([lat, lon], Math.min(map.getZoom() + 3, config.detail_min_zoom)));
    aggregateLayer.addLayer(marker);
    aggregates.set(tile, { feature, marker });
  }

  function redrawAll() {
    for (const feature of features.values()) showLocation(feature);
    for (const { feature } of [...aggregates.values()]) showAggregate(feature);
    queueCounters();
  }

  // --- counters for what is in view ----------------------------------------------------------------------------
  let countersQueued = false;
  function queueCounters() { if (!countersQueued) { countersQueued = true; requestAnimationFrame(drawCounters); } }
  function drawCounters() {
    countersQueued = false;
    const bounds = map.getBounds(), f = filters(), counts = {};
    let locations = 0;
    if (state.mode === "detail") {
      for (const feature of features.values()) {
        const [lon, lat] = feature.geometry.coordinates;
        if (!bounds.contains([lat, nearView(lon)]) || !markers.has(feature.id)) continue;
        locations++;
        for (const e of feature.properties.evses) if (evsePasses(e, f)) counts[e.status] = (counts[e.status] || 0) + 1;
      }
    } else {
      for (const { feature } of aggregates.values()) {
        const [lon, lat] = feature.geometry.coordinates;
        if (!bounds.contains([lat, nearView(lon)])) continue;
        locations += feature.properties.locations;
        for (const [s, n] of Object.entries(feature.properties.counts)) if (f.statuses.has(s)) counts[s] = (counts[s] || 0) + n;
      }
    }
    const evses = Object.values(counts).reduce((a, b) => a + b, 0);
    $("view-mode").textContent = `${plural(locations, "location")} · ${plural(evses, "EVSE")}` + (state.mode === "aggregate" ? " (zoom in for details)" : "");
    $("counts").innerHTML = SG_STATUS_ORDER.filter(s => counts[s])
      .map(s => `<tr data-status="${s}"><td>${sgShape(s, 14)}</td><td>${SG_STATUS[s].label}</td><td>${counts[s]}</td></tr>`).join("");
  }

  // --- viewport: watch + snapshot -------------------------------------------------------------------------------
  const connection = new signalR.HubConnectionBuilder()
    .withUrl("hubs/status", { accessTokenFactory: () => access.key() || "" })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: c => Math.min(500 * 2 ** c.previousRetryCount, 10000) })
    .build();

  async function syncViewport() {
    const seq = ++state.seq;
    const b = map.getBounds(), zoom = Math.round(map.getZoom());
    // Longitudes as Leaflet gives them, past ±180 where the view crosses the antimeridian: the server wraps them.
    const box = [b.getWest(), Math.max(-85, b.getSouth()), b.getEast(), Math.min(85, b.getNorth())];
    if (connection.state === signalR.HubConnectionState.Connected) {
      try { await connection.invoke("Watch", box[0], box[1], box[2], box[3], zoom); } catch (e) { console.warn("watch failed", e); }
    }
    const snapshot = await getJson(`api/dashboard/snapshot?bbox=${box.map(v => v.toFixed(5)).join(",")}&zoom=${zoom}`);
    if (seq !== state.seq) return; // a newer pan superseded this one
    const modeChanged = snapshot.mode !== state.mode;
    state.mode = snapshot.mode; state.plan = snapshot;
    document.body.dataset.mode = snapshot.mode;
    if (snapshot.mode === "detail") {
      if (modeChanged) { aggregateLayer.clearLayers(); aggregates.clear(); }
      const ids = new Set(snapshot.features.map(f => f.id));
      for (const id of [...features.keys()]) if (!ids.has(id)) removeLocation(id);
      for (const feature of snapshot.features) upsert(feature);
      if (state.pendingOpen && markers.has(state.pendingOpen)) {
        const marker = markers.get(state.pendingOpen);
        state.pendingOpen = null;
        cluster.zoomToShowLayer(marker, () => marker.openPopup());
      }
    } else {
      if (modeChanged) { cluster.clearLayers(); markers.clear(); features.clear(); }
      aggregateLayer.clearLayers(); aggregates.clear();
      for (const feature of snapshot.features) showAggregate(feature);
    }
    queueCounters();
  }
  let moveTimer;
  map.on("moveend", () => { clearTimeout(moveTimer); moveTimer = setTimeout(syncViewport, 150); queueCounters(); });

  // --- live messages --------------------------------------------------------------------------------------------
  connection.on("statusChanged", items => {
    for (const item of items) {
      const feature = features.get(item.location_id);
      const evse = feature?.properties.evses.find(e => e.uid === item.evse_uid);
      if (!evse || later(evse.last_updated, item.last_updated)) continue; // unknown here, or older than what we show
      evse.status = item.status; evse.last_updated = item.last_updated;
      showLocation(feature);
    }
    queueCounters();
  });
  connection.on("locationChanged", feature => { if (state.mode === "detail" && feature) { upsert(feature); queueCounters(); } });
  connection.on("locationRemoved", id => { removeLocation(id); queueCounters(); });
  connection.on("aggregates", list => { if (state.mode === "aggregate") { for (const f of list) showAggregate(f); queueCounters(); } });
  // This server's live feed had a gap (it was out of the cluster's dashboard registry for a while): read the view again.
  connection.on("resync", () => syncViewport());
  connection.on("summary", showSummary);
  function showSummary(summary) {
    $("totals").textContent = `Network: ${plural(summary.locations, "location")} · ${plural(summary.evses, "EVSE")}`;
    $("empty").hidden = !(summary.ready && summary.locations === 0);
    // Framed once, without animation: a zoom animation ending later would undo a view the user (or a test) set meanwhile.
    if (summary.locations > 0 && !state.framed && summary.bbox) {
      state.framed = true;
      const [west, south, east, north] = summary.bbox; // west > east: the estate spans the antimeridian
      map.fitBounds([[south, west], [north, east < west ? east + 360 : east]], { padding: [30, 30], maxZoom: 14, animate: false });
    }
  }

  const badge = $("connection");
  connection.onreconnecting(() => { badge.textContent = "reconnecting…"; badge.className = "badge down"; });
  connection.onreconnected(() => { badge.textContent = "live"; badge.className = "badge live"; syncViewport(); });
  connection.onclose(() => { badge.textContent = "offline"; badge.className = "badge down"; setTimeout(start, 2000); });
  async function start() {
    try {
      await connection.start();
      badge.textContent = "live"; badge.className = "badge live";
    } catch (e) {
      badge.textContent = "offline"; badge.className = "badge down";
      setTimeout(start, 2000);
      return;
    }
    await syncViewport();
  }

  // --- search ---------------------------------------------------------------------------------------------------
  const results = $("search-results");
  let searchTimer;
  $("search-input").addEventListener("input", e => {
    clearTimeout(searchTimer);
    const q = e.target.value.trim();
    if (q.length < 2) { results.hidden = true; return; }
    searchTimer = setTimeout(async () => {
      const answer = await getJson(`api/dashboard/search?q=${encodeURIComponent(q)}`);
      results.replaceChildren(...answer.results.map(hit => {
        const li = sgEl("li", "", `${hit.name || hit.id} — ${hit.address}, ${hit.city}`);
        li.tabIndex = 0;
        li.dataset.location = hit.id;
        const go = () => { results.hidden = true; state.pendingOpen = hit.id; map.setView([hit.latitude, hit.longitude], Math.max(16, config.detail_min_zoom)); };
        li.addEventListener("click", go);
        li.addEventListener("keydown", k => { if (k.key === "Enter") go(); });
        return li;
      }));
      if (answer.results.length === 0) results.replaceChildren(sgEl("li", "none", "No match"));
      results.hidden = false;
    }, 200);
  });
  $("search").addEventListener("submit", e => { e.preventDefault(); results.querySelector("li[data-location]")?.click(); });

  showSummary(await getJson("api/dashboard/summary"));
  await start();
})();
