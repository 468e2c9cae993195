// The web page: web/src bundled with the CLI's own core, renderers and check (not copies) into one
// classic script, beside web/index.html and web/style.css, in web/dist/. A classic script, not a module:
// Chromium refuses module scripts from file://, and the page must open from a double-click.
// Prints the bundle's size; `npm run bench:web` measures it with the time to first result.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { presetTexts } from './preset-texts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'web', 'dist');

// Modules the bundled dependencies require at load but never call on the page's paths: dotenv's parse()
// (check reads .env text) needs none of fs, path, os or crypto; cli-table3 needs @colors/colors (util, os)
// only to colour a table, which the page never asks for. They become empty modules.
const NODE_BUILTINS = /^(node:)?(fs|path|os|crypto|util)$/;

const plugins = [
  {
    name: 'page-modules',
    setup(b) {
      b.onResolve({ filter: /^virtual:presets$/ }, () => ({ path: 'presets', namespace: 'virtual' }));
      b.onLoad({ filter: /.*/, namespace: 'virtual' }, () => ({ contents: `export default ${JSON.stringify(presetTexts())};`, loader: 'js' }));
      b.onResolve({ filter: NODE_BUILTINS }, (a) => ({ path: a.path, namespace: 'empty' }));
      b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
    },
  },
];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [path.join(root, 'web/src/main.ts')],
  outfile: path.join(out, 'app.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  // Chrome/Edge 111, Firefox 114, Safari 16.4: Object.hasOwn, structuredClone-era engines.
  target: ['chrome111', 'firefox114', 'safari16.4'],
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  // src/check/python/literals.ts counts UTF-8 bytes with Buffer.byteLength (CPython's error positions);
  // the page gives it the same count from TextEncoder.
  inject: [path.join(root, 'web/src/buffer-shim.ts')],
  plugins,
});
for (const f of ['index.html', 'style.css']) copyFileSync(path.join(root, 'web', f), path.join(out, f));
const js = readFileSync(path.join(out, 'app.js'));
const total = readdirSync(out).reduce((n, f) => n + statSync(path.join(out, f)).size, 0);
console.error(`build:web: web/dist/ ${kib(total)} (app.js ${kib(js.length)}, ${kib(gzipSync(js).length)} gzipped)`);


function kib(n) {
  return `${(n / 1024).toFixed(1)} KiB`;
}
