#!/usr/bin/env node
// How right is tune's model on apps that look like real ones? For every app of bench/apps/real ×
// worker class × keep-alive connections (16, 64, 512) on `--cpus 2 --mem 2g`:
//   a. `tune calibrate` for the app and class (its profile saved into a temp folder);
//   b. tune's recommendation with that profile, --users <connections> and --latency from the profile:
//      the configuration that is run; and through `tune check --cmd "<that command>"` what the model
//      predicts for it with other inputs (no profile, connections not stated, no --latency, the mix's
//      own request time);
//   c. that configuration under wrk (the app's traffic mix, keep-alive, 127.0.0.1, bounded): total
//      PSS of the process tree (peak of 1 s samples), per-worker PSS/USS/threads, req/s, p50/p99,
//      per-worker CPU, requests and connections (keep-alive skew), errors, the load average;
//   d. predicted against measured in bench/results/real-apps.json and real-apps.md.
//
// Each app runs under two mixes: its own traffic (workload mixed) and its upstream calls alone, each a
// 200 ms wait (workload io; cells named <app>:io/…).
//
// Usage: node bench/real-apps.mjs [--app django,flask,fastapi] [--mix mixed,io] [--class sync,gthread,...]
//          [--conns 16,64,512] [--reps 4] [--duration 8] [--calibrate mix|page] [--out file.json] [--merge]
//        node bench/real-apps.mjs --report [file.json]   (rewrite the .md from a finished run)
//        node bench/real-apps.mjs --kinds [--app …]      (time each kind of request alone, into the results)
// `npm run bench:real-apps` runs everything (about 60 minutes) into bench/results/real-apps.{json,md}.
// A subset writes bench/.work/real-apps.json unless --out; --merge replaces those cells in
// bench/results/real-apps.json instead. Needs Linux, wrk and Debian's python3-django, -flask,
// -pandas, -fastapi, gunicorn, gevent, waitress, uvicorn. Every process started is stopped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchServerEnv, installCleanupHandlers, machineInfo, mib, stopAll, stoppingSignal, writeAtomic } from './lib/index.mjs';
import { APPS, PY, appByKey, appEnv, mixLua, prepareData } from './real/apps.mjs';
import { calibrate } from './real/tune-cli.mjs';
import { portableSpec } from './real/commands.mjs';
import { predict } from './real/predict.mjs';
import { measuredRun, loadAvg } from './real/run.mjs';
import { mixTruth } from './real/truth.mjs';
import { analyze, markdown } from './real/report.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(BENCH_DIR, 'results', 'real-apps.json');

function parseArgs(argv) {
  const o = { apps: Object.keys(APPS), mixes: ['mixed', 'io'], classes: null, conns: [16, 64, 512], reps: 4, durationS: 8, out: null, merge: false, report: null, kinds: false, calibrate: 'mix' };
  const list = (v) => v.split(',').filter(Boolean);
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i].split('=', 2);
    const val = () => inline ?? argv[++i];
    if (k === '--app') o.apps = list(val());
    else if (k === '--class') o.classes = list(val());
    else if (k === '--mix') o.mixes = list(val());
    else if (k === '--conns') o.conns = list(val()).map(Number);
    else if (k === '--reps') o.reps = Number(val());
    else if (k === '--duration') o.durationS = Number(val());
    else if (k === '--out') o.out = val();
    else if (k === '--merge') o.merge = true;
    else if (k === '--kinds') o.kinds = true;
    else if (k === '--calibrate') o.calibrate = val(); // mix: every request of the mix, each a --path; page: the app's main page alone
    else if (k === '--report') o.report = inline ?? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : RESULTS);
    else throw new Error(`unknown argument ${argv[i]} (see the header of bench/real-apps.mjs)`);
  }
  if (!['mix', 'page'].includes(o.calibrate)) throw new Error('--calibrate: mix or page');
  for (const a of o.apps) if (!APPS[a]) throw new Error(`unknown app ${a}: ${Object.keys(APPS).join(', ')}`);
  if (!o.mixes.length || o.mixes.some((m) => !['mixed', 'io'].includes(m))) throw new Error('--mix: mixed, io or both');
  return o;
}

const cellId = (c) => `${c.app}/${c.cls}/c${c.connections}`;
// Classes calibrated per cell, under its load: calibrate measures busy threads at the threads it
// recommends for the users given, and an event loop's connections at the users given.
const PER_LOAD = ['gthread', 'waitress', 'gevent', 'uvicorn', 'uvicorn-worker'];

function writeResult(file, result) {
  writeAtomic(file, JSON.stringify(result, null, 2) + '\n');
  writeAtomic(file.replace(/\.json$/, '.md'), markdown(result));
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.report) {
    const res = JSON.parse(fs.readFileSync(o.report, 'utf8'));
    res.analysis = analyze(res);
    return writeResult(o.report, res);
  }
  if (o.kinds) return timeKinds(o);
  const full = o.apps.length === Object.keys(APPS).length && o.mixes.length === 2 && !o.classes && o.conns.length === 3;
  // Each app under each mix: `django` (its traffic mix, workload mixed) and `django:io` (its upstream calls only, workload io).
  const keys = o.apps.flatMap((a) => o.mixes.map((m) => (m === 'io' ? `${a}:io` : a)));
  const outFile = o.out ?? (full || o.merge ? RESULTS : path.join(BENCH_DIR, '.work', 'real-apps.json'));
  installCleanupHandlers();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tune-real-apps-'));
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  const env = appEnv(benchServerEnv(), tmp);
  const started = Date.now();
  console.log(`real-apps bench: apps ${keys.join(', ')}; connections ${o.conns.join(', ')}; ${o.reps} reps of ${o.durationS} s; load ${loadAvg().join(' ')}`);
  prepareData(env);

  const { cells, apps } = await calibrateAll(o, keys, { tmp, env });

  const result = {
    measuredAt: new Date().toISOString(),
    outJson: path.relative(path.dirname(BENCH_DIR), outFile),
    command: full ? 'npm run bench:real-apps' : `node bench/real-apps.mjs ${process.argv.slice(2).join(' ')}`,
    options: { reps: o.reps, durationS: o.durationS, warmupS: 2, drainMs: 3000, wrk: 'wrk -t2 -c<connections> -d<duration>s --timeout 5s -s <mix>.lua', machineArgs: '--cpus 2 --mem 2g' },
    machine: { ...machineInfo(PY, { env }), loadAvgAtStart: loadAvg() },
    apps,
    cells: cells.map(({ luaPath, spec, ...c }) => ({ ...c, spec: portableSpec(spec) })),
  };
  const save = () => {
    result.durationS = Math.round((Date.now() - started) / 1000);
    result.analysis = analyze(result);
    let doc = result;
    if (o.merge && fs.existsSync(RESULTS) && !full) {
      const old = JSON.parse(fs.readFileSync(RESULTS, 'utf8'));
      const ids = new Set(result.cells.map(cellId));
      doc = { ...old, mergedAt: result.measuredAt, cells: [...old.cells.filter((c) => !ids.has(cellId(c))), ...result.cells], apps: mergeApps(old.apps, result.apps) };
      doc.analysis = analyze(doc);
    }
    writeResult(outFile, doc);
  };
  // Reps outermost: drift over the run (other developers' load) spreads over every cell.
  for (let rep = 0; rep < o.reps; rep++) {
    for (const [i, cell] of cells.entries()) {
      if (stoppingSignal()) return;
      const app = appByKey(cell.app);
      process.stdout.write(`rep ${rep + 1}/${o.reps} [${i + 1}/${cells.length}] ${cellId(cell).padEnd(28)} `);
      const r = await measuredRun({ spec: cell.spec, cwd: app.dir, env, luaPath: cell.luaPath, connections: cell.connections, durationS: o.durationS });
      result.cells[i].runs.push({ rep, ...r });
      console.log(r.ok ? `${mib(r.totalPss)} MiB, ${r.wrk.rps.toFixed(0)} req/s, p99 ${r.wrk.p99Ms?.toFixed(0)} ms, skew ${r.skew.maxRequestShare ?? '–'}, load ${r.loadAvg[0]}${r.warnings.length ? `  (${r.warnings.join('; ')})` : ''}` : `FAILED ${r.error}`);
      save();
    }
  }
  save();
  console.log(`done in ${Math.round((Date.now() - started) / 1000)} s: ${path.relative(process.cwd(), outFile)}`);
}

/** Per app and mix: the mix's own request time, then per class (per load for thread pools) `tune
 *  calibrate` and the predictions for every cell of that calibration. */
async function calibrateAll(o, keys, { tmp, env }) {
  const cells = [];
  const apps = {};
  for (const key of keys) {
    const app = appByKey(key);
    const luaPath = path.join(tmp, `mix-${key}.lua`);
    fs.writeFileSync(luaPath, mixLua(app.paths));
    process.stdout.write(`- ${key}: timing the mix at c=1 ... `);
    const truth = await mixTruth(app, { env, luaPath });
    console.log(`${truth.meanLatencyMs} ms, ${truth.cpuMsPerRequest} ms CPU per request`);
    apps[key] = { name: app.name, workload: app.workload, module: app.module, dir: `bench/apps/real/${path.basename(app.dir)}`, calibratePath: o.calibrate === 'mix' ? `the mix (${app.paths.length} requests)` : app.calibratePath, mix: app.kinds.map((k) => ({ kind: k.name, per10: k.per10, example: k.path(1) })), truth, calibrations: {} };
    for (const cls of app.classes.filter((c) => !o.classes || o.classes.includes(c))) {
      const paths = o.calibrate === 'mix' ? app.paths : [app.calibratePath];
      // Calibrated per load where the load changes what a thread or a connection costs (PER_LOAD).
      const perLoad = PER_LOAD.includes(cls);
      for (const users of perLoad ? o.conns : [undefined]) {
        const label = users === undefined ? cls : `${cls} c=${users}`;
        process.stdout.write(`- ${key} ${label}: tune calibrate on ${o.calibrate === 'mix' ? `the mix (${paths.length} paths)` : paths[0]} ... `);
        const cal = await calibrate({ app, cls, dir: tmp, env, paths, users, workload: app.workload });
        const p = cal.profile;
        console.log(`worker ${mib(p.workerBytes)} MiB PSS, ${p.cpuMsPerRequest} ms CPU, ${p.latencyMs} ms latency per request${p.measuredThreads ? `, ${mib(p.perThreadBytes)} MiB per busy thread at ${p.measuredThreads}` : ''}`);
        apps[key].calibrations[label] = { cls, ...(users === undefined ? {} : { connections: users }), command: cal.command, ...(cal.calibration.threads ? { threadsBoot: { busy: cal.calibration.threads.threads, ...cal.calibration.threads.shape } } : {}), profile: { ...p, measuredAt: undefined }, warnings: cal.calibration.warnings, loadRun: cal.calibration.base.loadRun };
        for (const connections of perLoad ? [users] : o.conns) {
          const pred = await predict({ app, cls, users: connections, cal, truth, dir: tmp, env });
          cells.push({ app: key, cls, connections, luaPath, ...pred, runs: [] });
          console.log(`    c=${connections}: ${pred.cmd}`);
        }
      }
    }
  }
  return { cells, apps };
}

/**
 * --kinds: time each kind of request of the selected apps alone (c=1) and add the figures to
 * bench/results/real-apps.json; the mix's own figures, which the predictions used, are kept.
 */
async function timeKinds(o) {
  installCleanupHandlers();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tune-real-apps-'));
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  const env = appEnv(benchServerEnv(), tmp);
  prepareData(env);
  const res = JSON.parse(fs.readFileSync(RESULTS, 'utf8'));
  for (const key of o.apps) {
    const luaPath = path.join(tmp, `mix-${key}.lua`);
    fs.writeFileSync(luaPath, mixLua(APPS[key].paths));
    const t = await mixTruth(APPS[key], { env, luaPath, attempts: 1, durationS: 3 });
    res.apps[key].truth.perKind = t.perKind;
    res.apps[key].truth.perKindMeasuredAt = new Date().toISOString();
    console.log(`${key}: ${t.perKind.map((k) => `${k.kind} ${k.meanLatencyMs} ms / ${k.cpuMsPerRequest} ms CPU`).join('; ')}`);
  }
  res.analysis = analyze(res);
  writeResult(RESULTS, res);
}

/** The apps of an earlier run with this run's calibrations in place of those of the classes it ran. */
function mergeApps(old, now) {
  const out = { ...old };
  const clsOf = ([label, c]) => c.cls ?? label;
  for (const [k, a] of Object.entries(now)) {
    const rerun = new Set(Object.entries(a.calibrations).map(clsOf));
    const kept = Object.entries(old?.[k]?.calibrations ?? {}).filter((e) => !rerun.has(clsOf(e)));
    out[k] = { ...a, calibrations: { ...Object.fromEntries(kept), ...a.calibrations } };
  }
  return out;
}

main().catch(async (e) => {
  if (stoppingSignal()) return;
  console.error(e.stack ?? e);
  await stopAll();
  process.exit(1);
});
