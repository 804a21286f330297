// Status colours and shapes. Colours are the Okabe–Ito palette (distinguishable with the common colour-vision
// deficiencies); every status also has its own shape, so colour is never the only cue.
"use strict";
const SG_STATUS = {
  AVAILABLE:   { color: "#009E73", shape: "circle",   label: "Available" },
  CHARGING:    { color: "#0072B2", shape: "square",   label: "Charging" },
  RESERVED:    { color: "#CC79A7", shape: "diamond",  label: "Reserved" },
  BLOCKED:     { color: "#E69F00", shape: "diamond",  label: "Blocked" },
  OUTOFORDER:  { color: "#D55E00", shape: "triangle", label: "Out of order" },
  INOPERATIVE: { color: "#D55E00", shape: "cross",    label: "Inoperative" },
  PLANNED:     { color: "#777777", shape: "ring",     label: "Planned" },
  REMOVED:     { color: "#777777", shape: "cross",    label: "Removed" },
  UNKNOWN:     { color: "#555555", shape: "ring",     label: "Unknown" },
};
const SG_STATUS_ORDER = Object.keys(SG_STATUS);

const SG_STANDARDS = {
  IEC_62196_T2: "Type 2", IEC_62196_T2_COMBO: "CCS (Type 2)", IEC_62196_T1: "Type 1", IEC_62196_T1_COMBO: "CCS (Type 1)",
  CHADEMO: "CHAdeMO", DOMESTIC_F: "Schuko", TESLA_S: "Tesla", TESLA_R: "Tesla Roadster", GBT_DC: "GB/T DC", GBT_AC: "GB/T AC",
  NEMA_5_20: "NEMA 5-20", IEC_62196_T3A: "Type 3A", IEC_62196_T3C: "Type 3C", CHAOJI: "ChaoJi",
};

function sgStandardName(code) { return SG_STANDARDS[code] || code; }

/** An SVG shape for a status, as markup (no data inside, so safe to use as HTML). */
function sgShape(status, size) {
  const s = SG_STATUS[status] || SG_STATUS.UNKNOWN;
  const c = s.color, h = size / 2, r = h - 2;
  const inner = {
    circle: `<circle cx="${h}" cy="${h}" r="${r}" fill="${c}" stroke="#fff" stroke-width="2"/>`,
    square: `<rect x="2" y="2" width="${size - 4}" height="${size - 4}" fill="${c}" stroke="#fff" stroke-width="2"/>`,
    diamond: `<polygon points="${h},1 ${size - 1},${h} ${h},${size - 1} 1,${h}" fill="${c}" stroke="#fff" stroke-width="2"/>`,
    triangle: `<polygon points="${h},1 ${size - 1},${size - 2} 1,${size - 2}" fill="${c}" stroke="#fff" stroke-width="2"/>`,
    cross: `<rect x="1" y="1" width="${size - 2}" height="${size - 2}" fill="#fff"/><path d="M4 4L${size - 4} ${size - 4}M${size - 4} 4L4 ${size - 4}" stroke="${c}" stroke-width="3"/>`,
    ring: `<circle cx="${h}" cy="${h}" r="${r - 1}" fill="#fff" stroke="${c}" stroke-width="3"/>`,
  }[s.shape];
  return `<svg class="shape" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" aria-hidden="true">${inner}</svg>`;
}

/** What one location shows: available if any EVSE is, else charging, else the most common status. */
function sgLocationStatus(evses) {
  const counts = {};
  for (const e of evses) counts[e.status] = (counts[e.status] || 0) + 1;
  if (counts.AVAILABLE) return "AVAILABLE";
  if (counts.CHARGING) return "CHARGING";
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0]?.[0] || "UNKNOWN";
}

/** A conic-gradient pie of status counts, for clusters and aggregate bubbles. */
function sgPie(counts) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0) || 1;
  let at = 0;
  const stops = SG_STATUS_ORDER.filter(s => counts[s]).map(s => {
    const from = at; at += counts[s] / total * 100;
    return `${SG_STATUS[s].color} ${from.toFixed(1)}% ${at.toFixed(1)}%`;
  });
  return `conic-gradient(${stops.join(",") || "#999 0 100%"})`;
}
