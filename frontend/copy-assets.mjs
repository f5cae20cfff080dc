// Copy the built YASGUI files from node_modules into kg/static/vendor/yasgui/, so that the
// query editor is served from our own origin (never a CDN). Run after `npm ci --prefix frontend`.
import { copyFileSync, mkdirSync, existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, "node_modules", "@zazuko", "yasgui");
const target = join(here, "..", "kg", "static", "vendor", "yasgui");
const files = ["yasgui.min.js", "yasgui.min.css"];

if (!existsSync(source)) {
  console.error(`copy-assets: ${source} is missing; run \`npm ci --prefix frontend\` first`);
  process.exit(1);
}
mkdirSync(target, { recursive: true });
for (const name of files) {
  copyFileSync(join(source, "build", name), join(target, name));
}
const { version } = JSON.parse(readFileSync(join(source, "package.json"), "utf8"));
copyFileSync(join(source, "package.json"), join(target, "package.json"));
console.error(`copy-assets: @zazuko/yasgui ${version} -> kg/static/vendor/yasgui/ (${files.join(", ")})`);
