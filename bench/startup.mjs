#!/usr/bin/env node
// Cold start of the built CLI against bare `node -e 0`: median of interleaved runs, target ≤ 1.5×.
// Usage: node bench/startup.mjs [--runs N] [--cli dist/bin/tune.cjs] [--strict] [-- <tune args>]
// `npm run bench:startup` builds first. Exits 0 unless --strict and the ratio misses the target.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const own = dash === -1 ? argv : argv.slice(0, dash);
const opt = (name, fallback) => {
  const i = own.indexOf(name);
  return i === -1 ? fallback : own[i + 1];
};
const runs = Number(opt('--runs', 15));
const cli = path.resolve(root, opt('--cli', 'dist/bin/tune.cjs'));
const tuneArgs = dash === -1 ? ['--cpus', '4', '--mem', '2g', '--class', 'gthread', '--format', 'env'] : argv.slice(dash + 1);
const TARGET = 1.5;

if (!Number.isInteger(runs) || runs < 10) {
  console.error('startup: --runs must be a whole number ≥ 10');
  process.exit(2);
}
if (!existsSync(cli)) {
  console.error(`startup: ${path.relative(root, cli)} does not exist: run npm run build first`);
  process.exit(2);
}

function time(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && args[0] !== '-e') throw new Error(`tune exited ${r.status}: ${r.stderr}`);
  return ms;
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { min: s[0], median: at(0.5), p90: at(0.9) };
};

// Warm the page cache for both, then interleave so drift hits both alike.
time(['-e', '0']);
time([cli, ...tuneArgs]);
const bare = [];
const tune = [];
for (let i = 0; i < runs; i++) {
  bare.push(time(['-e', '0']));
  tune.push(time([cli, ...tuneArgs]));
}
const b = stats(bare);
const t = stats(tune);
const ratio = t.median / b.median;
const fmt = (s) => `min ${s.min.toFixed(1)} / median ${s.median.toFixed(1)} / p90 ${s.p90.toFixed(1)} ms`;
console.log(`node -e 0            ${fmt(b)}`);
console.log(`tune ${tuneArgs.join(' ')}`);
console.log(`                     ${fmt(t)}`);
console.log(`median ratio ${ratio.toFixed(2)} (target ≤ ${TARGET}) over ${runs} interleaved runs: ${ratio <= TARGET ? 'PASS' : 'FAIL'}`);
process.exit(own.includes('--strict') && ratio > TARGET ? 1 : 0);
