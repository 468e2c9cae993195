#!/usr/bin/env node
// What a Python grammar adds to a cold start: each candidate is bundled the way scripts/build-cli.mjs
// bundles the CLI (esbuild, minified), then `node <bundle> <file.py>` (load the grammar, parse the
// file once) is timed against a bundle that only reads the file. Median of interleaved runs.
// tree-sitter is measured only when installed: `npm i --no-save web-tree-sitter tree-sitter-python`.
// Usage: node bench/python-grammar-startup.mjs [--runs N] [--config file.py]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const runs = Number(opt('--runs', 21));
const config = path.resolve(root, opt('--config', 'test/fixtures/check/tiangolo/gunicorn_conf.py'));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'grammar-startup-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

const SOURCES = {
  'read only': `const fs = require('fs'); fs.readFileSync(process.argv[2], 'utf8');`,
  '@lezer/python': `const { parser } = require('@lezer/python'); parser.parse(require('fs').readFileSync(process.argv[2], 'utf8'));`,
  'web-tree-sitter': `const { Parser, Language } = require('web-tree-sitter'); const path = require('path');
    (async () => { await Parser.init({ locateFile: (f) => path.join(__dirname, f) });
      const p = new Parser(); p.setLanguage(await Language.load(path.join(__dirname, 'tree-sitter-python.wasm')));
      p.parse(require('fs').readFileSync(process.argv[2], 'utf8')); })();`,
};
const haveTreeSitter = existsSync(path.join(root, 'node_modules/web-tree-sitter')) && existsSync(path.join(root, 'node_modules/tree-sitter-python'));

const bundles = [];
for (const [name, code] of Object.entries(SOURCES)) {
  if (name === 'web-tree-sitter' && !haveTreeSitter) continue;
  const dir = path.join(tmp, String(bundles.length));
  const entry = path.join(root, `.grammar-startup-${bundles.length}.cjs`);
  writeFileSync(entry, code);
  try {
    await build({ entryPoints: [entry], outfile: path.join(dir, 'main.cjs'), bundle: true, minify: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'error' });
  } finally {
    rmSync(entry);
  }
  let bytes = statSync(path.join(dir, 'main.cjs')).size;
  if (name === 'web-tree-sitter') {
    for (const f of ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-python/tree-sitter-python.wasm']) {
      copyFileSync(path.join(root, 'node_modules', f), path.join(dir, path.basename(f)));
      bytes += statSync(path.join(dir, path.basename(f))).size;
    }
  }
  bundles.push({ name, file: path.join(dir, 'main.cjs'), bytes, times: [] });
}

const time = (file) => {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [file, config], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${file}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
};
for (const b of bundles) time(b.file);
for (let i = 0; i < runs; i++) for (const b of bundles) b.times.push(time(b.file));
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const base = median(bundles[0].times);
console.log(`${runs} interleaved runs · parse ${path.relative(root, config)}${haveTreeSitter ? '' : ' · tree-sitter not installed, skipped'}`);
for (const b of bundles) {
  const m = median(b.times);
  console.log(`${b.name.padEnd(16)} ${(b.bytes / 1024).toFixed(0).padStart(5)} KiB shipped · median ${m.toFixed(1)} ms${b === bundles[0] ? '' : ` · +${(m - base).toFixed(1)} ms`}`);
}
