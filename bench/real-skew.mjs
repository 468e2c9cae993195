#!/usr/bin/env node
// Keep-alive skew between workers: 64 keep-alive connections (wrk opens them all at once) against 2
// workers, many short runs per class, the server restarted for each; the busiest worker's share of
// requests (X-Worker header), CPU and connections; how often one worker takes nearly all; and what
// spreads the load (gunicorn --reuse-port, a small --backlog, fewer connections per worker,
// uvicorn --limit-concurrency, the asyncio loop instead of uvloop).
// WSGI classes serve the Django site, ASGI ones the FastAPI app (bench/apps/real), each with its mix.
//
// Usage: node bench/real-skew.mjs [--runs 12] [--mix app|io] [--only id,id] [--duration 5] [--out file.json]
//        node bench/real-skew.mjs --list
//        node bench/real-skew.mjs --report bench/results/real-skew.json   (re-analyse, no servers)
// `npm run bench:real-skew` runs everything (about 70 minutes) into bench/results/real-skew.{json,md};
// with --mix io (12 runs or more) into bench/results/real-skew-io.{json,md}.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchServerEnv, installCleanupHandlers, machineInfo, spread, stopAll, stoppingSignal, writeAtomic } from './lib/index.mjs';
import { APPS, IO_DELAY_MS, PY, appByKey, appEnv, mixLua, prepareData } from './real/apps.mjs';
import { measuredRun, loadAvg } from './real/run.mjs';
import { userCommand } from './real/commands.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const CONNECTIONS = 64;
const NEARLY_ALL = 0.9; // one worker serving ≥ 90 % of the requests
// --mix io: only the apps' slow-upstream endpoints (bench/real/apps.mjs, IO_DELAY_MS each), so that the
// workers are not CPU-bound and a worker's share of requests follows its share of connections, as it
// does for an IO-bound service.
const IO_PATHS = { django: appByKey('django:io').paths, fastapi: appByKey('fastapi:io').paths };
const UVW = 'uvicorn.workers.UvicornWorker';
const g = (...a) => ({ server: 'gunicorn', app: APPS.django.module, appKey: 'django', args: ['--workers', '2', ...a] });
const u = (...a) => ({ server: 'uvicorn', app: APPS.fastapi.module, appKey: 'fastapi', args: ['--workers', '2', ...a] });
const gu = (...a) => ({ server: 'gunicorn', app: APPS.fastapi.module, appKey: 'fastapi', args: ['--workers', '2', '--worker-class', UVW, ...a] });

// Threads 32 per gthread worker (the baseline): either worker can serve every connection it gets, so
// the split is the kernel's and the accept loops', not a thread limit.
export const CONFIGS = [
  { id: 'sync', cls: 'sync', ...g('--worker-class', 'sync') },
  { id: 'gthread', cls: 'gthread', ...g('--worker-class', 'gthread', '--threads', '32') },
  { id: 'gthread-reuse-port', cls: 'gthread', fix: '--reuse-port', ...g('--worker-class', 'gthread', '--threads', '32', '--reuse-port') },
  { id: 'gthread-backlog16', cls: 'gthread', fix: '--backlog 16', ...g('--worker-class', 'gthread', '--threads', '32', '--backlog', '16') },
  // gthread accepts while it holds fewer than worker_connections, and closes a connection after its
  // response once it keeps worker_connections − threads alive (gunicorn workers/gthread.py): so
  // worker_connections = threads turns keep-alive off, and a cap above threads bounds a worker's share.
  { id: 'gthread-wc32', cls: 'gthread', fix: '--worker-connections 32 = threads: keep-alive off', ...g('--worker-class', 'gthread', '--threads', '32', '--worker-connections', '32') },
  { id: 'gthread-t16-wc48', cls: 'gthread', fix: '--threads 16 --worker-connections 48: at most 48 of 64 per worker, 32 kept alive', ...g('--worker-class', 'gthread', '--threads', '16', '--worker-connections', '48') },
  { id: 'gthread-t8-wc40', cls: 'gthread', fix: '--threads 8 --worker-connections 40: at most 40 of 64 per worker, 32 kept alive', ...g('--worker-class', 'gthread', '--threads', '8', '--worker-connections', '40') },
  { id: 'gevent', cls: 'gevent', ...g('--worker-class', 'gevent') },
  { id: 'gevent-wc32', cls: 'gevent', fix: '--worker-connections 32: at most half the connections per worker', ...g('--worker-class', 'gevent', '--worker-connections', '32') },
  { id: 'gevent-backlog16', cls: 'gevent', fix: '--backlog 16', ...g('--worker-class', 'gevent', '--backlog', '16') },
  { id: 'uvicorn', cls: 'uvicorn', ...u() },
  { id: 'uvicorn-asyncio', cls: 'uvicorn', fix: '--loop asyncio (not uvloop)', ...u('--loop', 'asyncio') },
  { id: 'uvicorn-limit40', cls: 'uvicorn', fix: '--limit-concurrency 40', ...u('--limit-concurrency', '40') },
  { id: 'uvicorn-backlog16', cls: 'uvicorn', fix: '--backlog 16', ...u('--backlog', '16') },
  { id: 'uvicorn-worker', cls: 'uvicorn-worker', ...gu() },
  { id: 'uvicorn-worker-backlog16', cls: 'uvicorn-worker', fix: '--backlog 16', ...gu('--backlog', '16') },
  { id: 'uvicorn-worker-reuse-port', cls: 'uvicorn-worker', fix: '--reuse-port', ...gu('--reuse-port') },
];

function parseArgs(argv) {
  const o = { runs: 12, only: null, durationS: 5, out: null, list: false, report: null, mix: 'app' };
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i].split('=', 2);
    const val = () => inline ?? argv[++i];
    if (k === '--runs') o.runs = Number(val());
    else if (k === '--only') o.only = val().split(',');
    else if (k === '--duration') o.durationS = Number(val());
    else if (k === '--out') o.out = val();
    else if (k === '--list') o.list = true;
    else if (k === '--mix') o.mix = val();
    else if (k === '--report') o.report = inline ?? argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return o;
}

/** The q-quantile (nearest rank) of the numbers in xs; null when empty. */
function quantile(xs, q) {
  const v = [...xs].sort((a, b) => a - b);
  return v.length ? v[Math.min(v.length - 1, Math.ceil(q * v.length) - 1)] : null;
}

const r3 = (x) => (x == null || !Number.isFinite(x) ? null : Math.round(x * 1000) / 1000);

export function summarize(cfg, runs) {
  const ok = runs.filter((r) => r.ok);
  const shares = ok.map((r) => r.skew.maxRequestShare).filter((x) => x != null);
  const connShares = ok.map((r) => r.skew.maxConnectionShare).filter((x) => x != null);
  const p90 = quantile(shares, 0.9);
  const connP90 = quantile(connShares, 0.9);
  return {
    id: cfg.id,
    cls: cfg.cls,
    fix: cfg.fix ?? null,
    command: userCommand(cfg),
    runs: runs.length,
    ok: ok.length,
    requestShare: spread(shares),
    requestShareP90: p90,
    cpuShare: spread(ok.map((r) => r.skew.maxCpuShare)),
    connectionShare: spread(ok.map((r) => r.skew.maxConnectionShare)),
    nearlyAll: shares.filter((s) => s >= NEARLY_ALL).length,
    over75: shares.filter((s) => s > 0.75).length,
    connectionShareP90: connP90,
    // Slots a worker needs, as a multiple of an even split, to hold the connections it is given:
    // 2 × the busiest worker's share (of requests; of connections, which is what threads must cover).
    skewFactor: { median: r3(2 * (spread(shares).median ?? NaN)), p90: r3(2 * p90) },
    connectionSkewFactor: { median: r3(2 * (spread(connShares).median ?? NaN)), p90: r3(2 * connP90) },
    rps: spread(ok.map((r) => r.wrk.rps)),
    p99Ms: spread(ok.map((r) => r.wrk.p99Ms)),
    non2xx: ok.reduce((a, r) => a + r.wrk.non2xx, 0),
    errors: ok.reduce((a, r) => a + r.wrk.errors, 0),
    loadAvg1: spread(ok.map((r) => r.loadAvg[0])),
    shares,
  };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.list) return CONFIGS.forEach((c) => console.log(`${c.id}  ${userCommand(c)}`));
  if (o.report) {
    // Re-analyse a finished run (no servers): summaries and report from its raw runs.
    const res = JSON.parse(fs.readFileSync(o.report, 'utf8'));
    res.configs = CONFIGS.filter((c) => res.runs[c.id]).map((c) => summarize(c, res.runs[c.id]));
    writeAtomic(o.report, JSON.stringify(res, null, 2) + '\n');
    return writeAtomic(o.report.replace(/\.json$/, '.md'), skewMarkdown(res));
  }
  const configs = o.only ? CONFIGS.filter((c) => o.only.includes(c.id)) : CONFIGS;
  if (o.only && configs.length !== o.only.length) throw new Error(`unknown id in --only (see --list)`);
  if (!['app', 'io'].includes(o.mix)) throw new Error('--mix is app or io');
  const name = o.mix === 'io' ? 'real-skew-io' : 'real-skew';
  const full = o.runs >= 12 && (!o.only || o.mix === 'io');
  const outFile = o.out ?? path.join(BENCH_DIR, full ? 'results' : '.work', `${name}.json`);
  installCleanupHandlers();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tune-real-skew-'));
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  const env = appEnv(benchServerEnv(), tmp);
  prepareData(env);
  const lua = {};
  for (const k of ['django', 'fastapi']) fs.writeFileSync((lua[k] = path.join(tmp, `mix-${k}.lua`)), mixLua(o.mix === 'io' ? IO_PATHS[k] : APPS[k].paths));
  const started = Date.now();
  const runs = Object.fromEntries(configs.map((c) => [c.id, []]));
  const result = {
    measuredAt: new Date().toISOString(),
    command: full && !o.only ? 'npm run bench:real-skew' : `node bench/real-skew.mjs ${process.argv.slice(2).join(' ')}`,
    options: {
      connections: CONNECTIONS,
      workers: 2,
      runs: o.runs,
      durationS: o.durationS,
      nearlyAll: NEARLY_ALL,
      mix: o.mix === 'io' ? `io: only the slow-upstream endpoints with ?delay_ms=${IO_DELAY_MS}` : "app: each app's mix (bench/real/apps.mjs)",
      littleRps: o.mix === 'io' ? CONNECTIONS / (IO_DELAY_MS / 1000) : null,
      wrk: `wrk -t2 -c${CONNECTIONS} -d${o.durationS}s -s <mix>.lua, no warm-up (the split is made when wrk connects)`,
    },
    machine: { ...machineInfo(PY, { env }), loadAvgAtStart: loadAvg() },
  };
  const save = () => {
    result.durationS = Math.round((Date.now() - started) / 1000);
    result.configs = configs.map((c) => summarize(c, runs[c.id]));
    result.runs = runs;
    writeAtomic(outFile, JSON.stringify(result, null, 2) + '\n');
    writeAtomic(outFile.replace(/\.json$/, '.md'), skewMarkdown(result));
  };
  console.log(`skew bench: ${configs.length} configs × ${o.runs} runs, load ${loadAvg().join(' ')}`);
  // Runs outermost: drift spreads over every config.
  for (let i = 0; i < o.runs; i++) {
    for (const cfg of configs) {
      if (stoppingSignal()) return;
      const app = APPS[cfg.appKey];
      const r = await measuredRun({ spec: cfg, cwd: app.dir, env, luaPath: lua[cfg.appKey], connections: CONNECTIONS, durationS: o.durationS, skipWarmup: true, quietWaitMs: 3000, sampleEveryMs: 2000 });
      const { peak, samples, ...keep } = r;
      runs[cfg.id].push({ run: i, ...keep });
      console.log(`run ${i + 1}/${o.runs} ${cfg.id.padEnd(26)} ${r.ok ? `busiest: ${r.skew.maxRequestShare} of requests, ${r.skew.maxConnectionShare} of connections; ${r.wrk.rps.toFixed(0)} req/s${r.wrk.non2xx ? `, ${r.wrk.non2xx} non-2xx` : ''}` : `FAILED ${r.error}`}`);
      save();
    }
  }
  save();
  console.log(`done in ${Math.round((Date.now() - started) / 1000)} s: ${path.relative(process.cwd(), outFile)}`);
}

const f2 = (x) => (x == null ? '–' : x.toFixed(2));
const rng = (s, f = f2) => (s?.median == null ? '–' : `${f(s.median)} [${f(s.min)}–${f(s.max)}]`);

function skewMarkdown(res) {
  const L = [];
  L.push(`# Keep-alive skew between two workers (${res.options.mix ?? 'app mix'})`, '');
  if (res.options.littleRps) L.push(`Little's law for 64 connections waiting ${IO_DELAY_MS} ms: ${res.options.littleRps} req/s when every connection is served at once.`, '');
  L.push(`Produced by \`${res.command}\` on ${res.measuredAt} (${res.durationS} s). Machine: ${res.machine.cpus} CPUs, Python ${res.machine.python}; load average at start ${res.machine.loadAvgAtStart.join(' ')}.`);
  L.push(`Each run: boot, wait until both workers answered \`/pid\` on fresh connections, then \`${res.options.wrk}\`. WSGI classes serve the Django site, ASGI ones the FastAPI app (bench/apps/real). The busiest worker's share of requests comes from the apps' X-Worker header; of CPU from /proc; of connections from /proc/net/tcp half-way. An even split is 0.50; "nearly all" = a share ≥ ${res.options.nearlyAll}. Sync workers close the connection after each response (no keep-alive), so their connection share is one snapshot of the few open at that instant. When both workers are CPU-bound, a worker holding more connections cannot serve more requests: the request share then stays near 0.5 while the connection share shows the skew the threads must absorb.`, '');
  L.push('| config | what it changes | runs | busiest worker: requests median [min–max] | p90 | CPU | connections median [min–max] | p90 | runs ≥ 0.9 / > 0.75 of requests | skew factor 2 × share, requests / connections (p90) | req/s median [min–max] | p99 ms | non-2xx |');
  L.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const c of res.configs) {
    L.push(`| ${c.id} | ${c.fix ?? '(baseline)'} | ${c.ok}/${c.runs} | ${rng(c.requestShare)} | ${f2(c.requestShareP90)} | ${rng(c.cpuShare)} | ${rng(c.connectionShare)} | ${f2(c.connectionShareP90)} | ${c.nearlyAll} / ${c.over75} | ${f2(c.skewFactor.p90)} / ${f2(c.connectionSkewFactor.p90)} | ${rng(c.rps, (x) => Math.round(x).toString())}${res.options.littleRps && c.rps.median ? ` (${f2(c.rps.median / res.options.littleRps)} of Little)` : ''} | ${rng(c.p99Ms, (x) => Math.round(x).toString())} | ${c.non2xx} |`);
  }
  L.push('', '## Commands', '');
  for (const c of res.configs) L.push(`* ${c.id}: \`${c.command}\``);
  L.push('', '## Per-run shares of the busiest worker: requests (connections)', '');
  for (const c of res.configs) L.push(`* ${c.id}: ${(res.runs[c.id] ?? []).filter((r) => r.ok).map((r) => `${f2(r.skew.maxRequestShare)} (${f2(r.skew.maxConnectionShare)})`).join(', ')}`);
  L.push('');
  return L.join('\n');
}

main().catch(async (e) => {
  if (stoppingSignal()) return;
  console.error(e.stack ?? e);
  await stopAll();
  process.exit(1);
});
