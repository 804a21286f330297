// Copies the browser builds of the pinned npm packages into src/StatusGrid.Server/wwwroot/lib (committed), and
// writes lib/manifest.json: each package's installed version and each file's SHA-256. The server then needs no Node;
// LibManifestTests fails when the committed files no longer match package-lock.json or the manifest.
// Run after changing a version: npm ci && npm run copy-lib
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const web = join(dirname(fileURLToPath(import.meta.url)), "..");
const lib = join(web, "..", "src", "StatusGrid.Server", "wwwroot", "lib");

// package -> [file in the package, file under lib/]
const files = {
  "leaflet": [
    ["dist/leaflet.js", "leaflet/leaflet.js"],
    ["dist/leaflet.css", "leaflet/leaflet.css"],
    ["dist/images/layers.png", "leaflet/images/layers.png"],
    ["dist/images/layers-2x.png", "leaflet/images/layers-2x.png"],
    ["dist/images/marker-icon.png", "leaflet/images/marker-icon.png"],
    ["dist/images/marker-icon-2x.png", "leaflet/images/marker-icon-2x.png"],
    ["dist/images/marker-shadow.png", "leaflet/images/marker-shadow.png"],
    ["LICENSE", "leaflet/LICENSE"],
  ],
  "leaflet.markercluster": [
    ["dist/leaflet.markercluster.js", "leaflet.markercluster/leaflet.markercluster.js"],
    ["dist/MarkerCluster.css", "leaflet.markercluster/MarkerCluster.css"],
    ["dist/MarkerCluster.Default.css", "leaflet.markercluster/MarkerCluster.Default.css"],
    ["MIT-LICENCE.txt", "leaflet.markercluster/MIT-LICENCE.txt"],
  ],
  "@microsoft/signalr": [
    ["dist/browser/signalr.min.js", "signalr/signalr.min.js"],
  ],
  "chart.js": [
    ["dist/chart.umd.min.js", "chart.js/chart.umd.min.js"],
    ["LICENSE.md", "chart.js/LICENSE.md"],
  ],
};

rmSync(lib, { recursive: true, force: true });
const manifest = { generated_by: "web/scripts/copy-lib.mjs", packages: {}, files: {} };
for (const [name, list] of Object.entries(files)) {
  const root = join(web, "node_modules", ...name.split("/"));
  manifest.packages[name] = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
  for (const [from, to] of list) {
    const target = join(lib, ...to.split("/"));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(root, ...from.split("/")), target);
    manifest.files[to] = { package: name, sha256: createHash("sha256").update(readFileSync(target)).digest("hex") };
  }
}
writeFileSync(join(lib, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`copied ${Object.keys(manifest.files).length} files into ${lib}`);
