// Operations view: polls /api/ops/overview and /api/admin/partners once a second (admin key) and turns totals into
// rates. Partner health never appears on the public map; this page and its data need the admin key.
"use strict";
(function () {
  const $ = id => document.getElementById(id);
  const WINDOW = 120; // seconds of history in the charts
  let previous = null;
  const errors = new Map(); // partner + error -> when
  const palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#555555"];

  function chart(id, yTitle) {
    return new Chart($(id), {
      type: "line",
      data: { labels: [], datasets: [] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
        scales: { x: { type: "linear", title: { display: true, text: "seconds ago" }, reverse: true, min: 0, max: WINDOW }, y: { beginAtZero: true, title: { display: true, text: yTitle } } },
        plugins: { legend: { display: true, position: "bottom" } }, elements: { point: { radius: 0 } } },
    });
  }
  const charts = { ingest: chart("ingest-chart", "changes/s"), push: chart("push-chart", "pushes/s"), latency: chart("latency-chart", "ms") };
  const series = { ingest: new Map(), push: new Map(), latency: new Map() }; // name -> [{t, y}]

  function record(kind, name, t, y) {
    if (y === null || y === undefined || Number.isNaN(y)) return;
    const list = series[kind].get(name) || [];
    list.push({ t, y });
    while (list.length && t - list[0].t > WINDOW * 1000) list.shift();
    series[kind].set(name, list);
  }
  function draw(kind, now) {
    const c = charts[kind];
    c.data.datasets = [...series[kind].entries()].map(([name, list], i) => ({
      label: name, borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], borderWidth: 2,
      data: list.map(p => ({ x: (now - p.t) / 1000, y: p.y })),
    }));
    c.update("none");
  }

  const get = sgKeyedJson("statusgrid-admin-key").getJson;
  const cell = (text, className) => { const td = document.createElement("td"); td.textContent = text ?? "–"; if (className) td.className = className; return td; };
  const age = span => {
    if (!span) return "–";
    const m = /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(span);
    if (!m) return span;
    const s = (+(m[1] || 0)) * 86400 + (+m[2]) * 3600 + (+m[3]) * 60 + (+m[4]);
    return s < 1 ? `${Math.round(s * 1000)} ms` : `${s.toFixed(1)} s`;
  };

  async function tick() {
    let overview, partners;
    try {
      [overview, partners] = await Promise.all([get("/api/ops/overview"), get("/api/admin/partners?limit=1000")]);
      $("state").textContent = "live"; $("state").className = "badge live";
    } catch (e) {
      $("state").textContent = "unreachable"; $("state").className = "badge down";
      return;
    }
    // A page: partners whose grain did not answer in time are listed apart, with why.
    const unavailable = partners.unavailable || [];
    const leftOut = Math.max(0, (partners.total || 0) - (partners.items || []).length - unavailable.length);
    partners = partners.items || [];
    const now = Date.now();
    const dt = previous ? (now - previous.at) / 1000 : null;
    const ingestRate = dt ? Math.max(0, (overview.changes_accepted - previous.changes) / dt) : null;
    $("ingest-rate").textContent = ingestRate === null ? "–" : ingestRate.toFixed(0);
    record("ingest", "accepted", now, ingestRate);
    $("silo").textContent = `served by ${overview.silo}`;
    $("viewers").textContent = overview.dashboard.connections;
    $("watching").textContent = `on this silo, ${overview.dashboard.watching} watching a viewport`;

    let totalRate = 0, totalQueue = 0;
    const rows = [], successes = {}, hubRows = [];
    for (const p of partners) {
      const h = p.health || {};
      successes[p.id] = h.successes || 0;
      const rate = dt && previous.successes[p.id] !== undefined ? Math.max(0, (successes[p.id] - previous.successes[p.id]) / dt) : null;
      totalRate += rate || 0; totalQueue += h.queue_depth || 0;
      record("push", p.id, now, rate);
      record("latency", p.id, now, h.push_latency_p99_ms);
      const failures = Object.entries(h.failures_by_kind || {}).map(([k, n]) => `${k}: ${n}`).join(", ");
      const tr = document.createElement("tr");
      tr.dataset.partner = p.id;
      // Delivery: the mode, the rate limit, and for a partner behind a hub what the hub says of its party.
      const delivery = [p.delivery_mode || "latest", p.max_requests_per_second ? `≤ ${p.max_requests_per_second}/s` : "",
        p.hub_id ? `via ${p.hub_id}: ${h.hub_party_status || "no ClientInfo"}${h.held_by_hub ? " (held)" : ""}` : "", p.is_hub ? "hub" : ""]
        .filter(Boolean).join(", ");
      for (const c of p.hub_clients || []) {
        const hr = document.createElement("tr");
        hr.append(cell(p.id), cell(`${c.country_code}/${c.party_id}`), cell(c.role), cell(c.status, c.status === "CONNECTED" ? "" : "open"), cell(c.last_updated));
        hubRows.push(hr);
      }
      tr.append(cell(p.name ? `${p.id} (${p.name})` : p.id), cell(delivery, h.held_by_hub ? "open" : ""), cell(h.circuit_state, h.circuit_state && h.circuit_state !== "Closed" ? "open" : ""),
        cell(rate === null ? "–" : rate.toFixed(1)), cell(h.push_latency_p50_ms?.toFixed?.(1)), cell(h.push_latency_p99_ms?.toFixed?.(1)),
        cell(h.queue_depth), cell(age(h.oldest_pending_age)), cell(h.in_flight), cell(failures || "0"),
        p.health_unavailable ? cell(p.health_unavailable, "open") : cell(h.last_error));
      rows.push(tr);
      if (h.last_error) errors.set(`${p.id}|${h.last_error}`, { partner: p.id, text: h.last_error, at: h.last_error_at || "" });
      for (const r of h.recent_rejections || h.rejections || []) {
        const text = typeof r === "string" ? r : JSON.stringify(r);
        errors.set(`${p.id}|${text}`, { partner: p.id, text, at: r.at || r.rejected_at || "" });
      }
    }
    for (const u of unavailable) {
      const tr = document.createElement("tr");
      tr.dataset.partner = u.id;
      const reason = cell(u.reason, "open");
      reason.colSpan = 10;
      tr.append(cell(u.id), reason);
      rows.push(tr);
    }
    if (leftOut > 0) {
      // The view shows the first page of 1,000 by id; say so rather than let the totals look complete.
      const tr = document.createElement("tr");
      tr.className = "more";
      const note = cell(`…and ${leftOut.toLocaleString("en-US")} more partners, not in the totals above (GET /api/admin/partners?offset=1000 lists them)`, "open");
      note.colSpan = 11;
      tr.append(note);
      rows.push(tr);
    }
    $("partners").tBodies[0].replaceChildren(...rows);
    $("hub-parties").tBodies[0].replaceChildren(...hubRows);
    $("push-rate").textContent = dt ? totalRate.toFixed(0) : "–";
    $("queue").textContent = totalQueue;
    const recent = [...errors.values()].sort((a, b) => String(b.at).localeCompare(String(a.at))).slice(0, 30);
    $("errors").replaceChildren(...recent.map(e => { const li = document.createElement("li"); li.textContent = `${e.at} ${e.partner}: ${e.text}`; return li; }));
    $("silos").tBodies[0].replaceChildren(...overview.silos.map(s => {
      const tr = document.createElement("tr");
      tr.append(cell(s.address + (s.address === overview.silo ? " (this one)" : "")), cell(s.name), cell(s.status));
      return tr;
    }));
    previous = { at: now, changes: overview.changes_accepted, successes };
    for (const kind of Object.keys(charts)) draw(kind, now);
  }

  (async function loop() {
    await tick();
    setTimeout(loop, 1000);
  })();
})();
