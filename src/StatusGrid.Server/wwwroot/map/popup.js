// Popup content, built from DOM text nodes: names and addresses come from location data and are never parsed as HTML.
"use strict";
function sgEl(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined && text !== null) el.textContent = text;
  return el;
}

function sgPopup(feature) {
  const p = feature.properties;
  const root = sgEl("div", "sg-popup");
  root.dataset.location = p.id;
  root.append(sgEl("strong", "name", p.name || p.id));
  root.append(sgEl("div", "address", [p.address, [p.postal_code, p.city].filter(Boolean).join(" ")].filter(Boolean).join(", ")));
  if (p.operator) root.append(sgEl("div", "operator", "Operator: " + p.operator));
  const list = sgEl("ul", "evses");
  for (const e of p.evses) {
    const li = sgEl("li");
    li.dataset.evse = e.uid;
    li.dataset.status = e.status;
    const head = sgEl("div", "evse-head");
    const shape = sgEl("span", "shape-wrap");
    shape.innerHTML = sgShape(e.status, 14); // fixed markup, no data
    head.append(shape, sgEl("span", "status", (SG_STATUS[e.status] || SG_STATUS.UNKNOWN).label), sgEl("span", "evse-id", e.evse_id || e.uid));
    li.append(head);
    li.append(sgEl("div", "connectors", e.connectors.map(c => `${sgStandardName(c.standard)} · ${c.kw} kW ${c.power_type === "DC" ? "DC" : "AC"}`).join("; ")));
    const when = sgEl("time", "updated", "updated " + new Date(e.last_updated).toLocaleString());
    when.dateTime = e.last_updated;
    when.title = e.last_updated;
    li.append(when);
    list.append(li);
  }
  root.append(list);
  return root;
}
