// The web page: web/src bundled with the CLI's own core, renderers and check (not copies) into one
// script (scripts/web-bundle.mjs), beside web/index.html and web/style.css, in web/dist/. Prints the
// sizes; `npm run bench:web` measures them with the time to first result.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { pageBundle } from './web-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'web', 'dist');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build(pageBundle(out));
for (const f of ['index.html', 'style.css']) copyFileSync(path.join(root, 'web', f), path.join(out, f));
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const total = readdirSync(out).reduce((n, f) => n + statSync(path.join(out, f)).size, 0);
const scripts = ['app.js', 'check.js'].map((f) => {
  const js = readFileSync(path.join(out, f));
  return `${f} ${kib(js.length)}, ${kib(gzipSync(js, { level: 9 }).length)} gzipped`;
});
console.error(`build:web: web/dist/ ${kib(total)} (${scripts.join('; ')})`);
