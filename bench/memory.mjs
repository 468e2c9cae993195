#!/usr/bin/env node
// Memory calibration for worker-tune's model (src/core/coefficients.ts).
//
// For each server configuration of a minimal Flask / FastAPI app (bench/apps/), boot it on a free
// loopback port, warm it up, and read PSS / USS / RSS of every process of its tree from
// /proc/PID/smaps_rollup:
//   idle: after boot + >= 100 warm-up requests (on fresh connections, until every worker answered
//         /pid) + 1 s rest;
//   load: ~3 s into a 6 s `wrk -t2 -c64` run on /io (plus a -c512 run for gevent and single-process
//         uvicorn, to get the per-connection cost).
// Then derive per-class coefficients (master, per-worker, per-thread, per-connection, preload share,
// resource_tracker) and write bench/results/memory.json and memory.md.
//
// Usage: node bench/memory.mjs [--quick] [--only id[,id...]] [--out file.json] [--list]
//   --quick  fewer configs and shorter runs (development); writes bench/.work/ unless --out
//   --only   run only these config ids (see --list); writes bench/.work/ unless --out
// `npm run bench:memory` runs it (after a build it does not need). Needs Linux, wrk and Debian's
// /usr/bin/python3 with gunicorn, uvicorn, waitress, gevent, flask, fastapi (see bench/apps/).
// Servers bind 127.0.0.1 only; every process started is stopped at the end, on error and on SIGINT.
//
// The parts, in bench/memory/: configs (what is measured, its command lines), measure (one config:
// boot, warm-up, idle and load samples), coefficients (the model's figures from the rows), markdown.
import path from 'node:path';
import { benchServerEnv, installCleanupHandlers, machineInfo, stoppingSignal, stopAll, writeAtomic } from './lib/index.mjs';
import { deriveCoefficients } from './memory/coefficients.mjs';
import { BENCH_DIR, CONFIGS, PY } from './memory/configs.mjs';
import { M, markdown } from './memory/markdown.mjs';
import { measureConfig } from './memory/measure.mjs';

const COMMAND = 'npm run bench:memory   (= node bench/memory.mjs)';

function parseArgs(argv) {
  const o = { quick: false, only: null, out: null, list: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--list') o.list = true;
    else if (a === '--only') o.only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (a.startsWith('--only=')) o.only = a.slice(7).split(',').filter(Boolean);
    else if (a === '--out') o.out = argv[++i];
    else if (a.startsWith('--out=')) o.out = a.slice(6);
    else if (a === '-h' || a === '--help') {
      console.log('usage: node bench/memory.mjs [--quick] [--only id[,id...]] [--out file.json] [--list]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.list) {
    for (const c of CONFIGS) console.log(`${c.id}${c.quick ? '  (quick)' : ''}`);
    return;
  }
  let configs = CONFIGS;
  if (args.quick) configs = configs.filter((c) => c.quick);
  if (args.only) {
    const unknown = args.only.filter((id) => !CONFIGS.some((c) => c.id === id));
    if (unknown.length) throw new Error(`unknown config id(s): ${unknown.join(', ')} (see --list)`);
    configs = CONFIGS.filter((c) => args.only.includes(c.id));
  }
  const mode = args.only ? 'only' : args.quick ? 'quick' : 'full';
  const opts = args.quick ? { loadS: 4, sampleAtS: 2, drainMs: 2000 } : { loadS: 6, sampleAtS: 3, drainMs: 3000 };
  const outJson = args.out ?? (mode === 'full' ? path.join(BENCH_DIR, 'results', 'memory.json') : path.join(BENCH_DIR, '.work', `memory-${mode}.json`));
  const outMd = outJson.replace(/\.json$/, '') + '.md';

  installCleanupHandlers();
  // Backstop: the whole run must end by itself (a full run takes a few minutes).
  const watchdogMs = (configs.length * 60 + 60) * 1000;
  const watchdog = setTimeout(async () => {
    process.stderr.write(`\nwatchdog: run exceeded ${watchdogMs / 1000} s, stopping everything\n`);
    await stopAll();
    process.exit(124);
  }, watchdogMs);
  watchdog.unref();

  const started = Date.now();
  const measuredAt = new Date().toISOString();
  const mc = machineInfo(PY, { env: benchServerEnv() });
  console.log(`memory bench (${mode}): ${configs.length} configs, ${mc.cpus} CPUs, Python ${mc.python}; output ${path.relative(process.cwd(), outJson)}`);
  const env = benchServerEnv();
  const rows = [];
  const failures = [];
  for (const cfg of configs) {
    process.stdout.write(`- ${cfg.id.padEnd(34)} `);
    try {
      const { rows: rs, seconds } = await measureConfig(cfg, opts, env);
      rows.push(...rs);
      const parts = rs.map((r) => `${r.phase}${r.concurrency ? `@${r.concurrency}` : ''} ${M(r.totalPssBytes)}`);
      const warns = rs.flatMap((r) => r.warnings);
      console.log(`total PSS MiB: ${parts.join(', ')}  (${seconds.toFixed(1)} s)${warns.length ? `  WARN: ${warns.join('; ')}` : ''}`);
    } catch (e) {
      if (stoppingSignal()) return new Promise(() => {}); // the signal handler stops and exits
      failures.push({ id: cfg.id, error: e.message });
      console.log(`FAILED: ${e.message}`);
    }
  }
  const durationS = (Date.now() - started) / 1000;
  const result = {
    measuredAt,
    command: mode === 'full' ? COMMAND : `node bench/memory.mjs ${process.argv.slice(2).join(' ')}`,
    mode,
    durationS: Math.round(durationS * 10) / 10,
    options: opts,
    outJson: path.relative(path.dirname(BENCH_DIR), outJson),
    machine: mc,
    rows,
    failures,
    coefficients: deriveCoefficients(rows),
  };
  writeAtomic(outJson, JSON.stringify(result, null, 2) + '\n');
  writeAtomic(outMd, markdown(result));
  console.log(`done in ${durationS.toFixed(0)} s: ${path.relative(process.cwd(), outJson)}, ${path.relative(process.cwd(), outMd)}`);
  if (failures.length) process.exitCode = 1;
}

main().catch(async (e) => {
  if (stoppingSignal()) return; // the signal handler stops and exits
  console.error(e.stack ?? e);
  await stopAll();
  process.exit(1);
});
