#!/usr/bin/env node
// Cold start of `tune check -c <gunicorn.conf.py>` against bare `node -e 0`: median of interleaved runs.
// Several --cli builds can be compared in one interleaved series (e.g. a copy of dist/ from before a change).
// Usage: node bench/check-startup.mjs [--runs N] [--config file.py] [--cli dist/bin/tune.cjs]...
// `npm run build` first. Prints one line per command: min / median / p90 and the median minus node's.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const all = (name) => argv.flatMap((a, i) => (a === name && argv[i + 1] ? [argv[i + 1]] : []));
const runs = Number(all('--runs')[0] ?? 21);
const config = path.resolve(root, all('--config')[0] ?? 'test/fixtures/check/tiangolo/gunicorn_conf.py');
const clis = (all('--cli').length > 0 ? all('--cli') : ['dist/bin/tune.cjs']).map((c) => path.resolve(root, c));

if (!Number.isInteger(runs) || runs < 5) {
  console.error('check-startup: --runs must be a whole number ≥ 5');
  process.exit(2);
}
for (const f of [config, ...clis]) {
  if (!existsSync(f)) {
    console.error(`check-startup: ${f} does not exist (run npm run build first)`);
    process.exit(2);
  }
}

// --cpus/--mem given so no run reads cgroups or /proc differently from another.
const tuneArgs = ['check', '-c', config, '--cpus', '4', '--mem', '2g', '-f', 'json'];
const commands = [['node -e 0', ['-e', '0']], ...clis.map((c) => [path.relative(root, c), [c, ...tuneArgs]])];

function time(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  // `tune check` exits 1 when the config fails its checks; 2 is a usage error.
  if (r.status === 2 || r.status === null) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { min: s[0], median: at(0.5), p90: at(0.9) };
};

// Warm the page cache, then interleave so drift on a shared machine hits every command alike.
for (const [, args] of commands) time(args);
const samples = commands.map(() => []);
for (let i = 0; i < runs; i++) commands.forEach(([, args], k) => samples[k].push(time(args)));

const base = stats(samples[0]).median;
console.log(`${runs} interleaved runs · config ${path.relative(root, config)}`);
commands.forEach(([label], k) => {
  const s = stats(samples[k]);
  const extra = k === 0 ? '' : ` · +${(s.median - base).toFixed(1)} ms over node`;
  console.log(`${label.padEnd(28)} min ${s.min.toFixed(1)} / median ${s.median.toFixed(1)} / p90 ${s.p90.toFixed(1)} ms${extra}`);
});
