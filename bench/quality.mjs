#!/usr/bin/env node
// Recommendation-quality benchmark (issue 5 §1): does what `tune` recommends serve real traffic at
// least as well as the rules of thumb people use today, and do its memory and capacity predictions
// match what the real servers do?
//
// For each worker class × workload (io: /io, a 50 ms sleep; cpu: /cpu, a fixed pure-Python loop) on
// this machine's CPUs and a 2 GiB budget, at an offered concurrency of c=64 (and c=16 for io), it runs
// tune's recommendation (recommend() from dist/, with a memory profile from bench/results/memory.json)
// and the anchors of the same framework, interleaved, the server restarted for every rep:
//   WSGI (bench/apps/flask_app.py): gunicorn (2×cores)+1 sync · Heroku min(2×cores+1, RAM_MB/256) sync
//     · waitress' default 4 threads · the seed's max(4, 2×cores) waitress threads · seed 004's gthread
//     3×3 · Cloud Run's gthread 1 worker × 4×cores threads.
//   ASGI (bench/apps/fastapi_app.py): tiangolo's gunicorn + UvicornWorker, max(cores, 2) workers ·
//     `uvicorn --workers cores`.
// Anchors that come out identical on this machine (e.g. 2n+1 and Heroku on 2 cores / 2 GiB) run once.
//
// Each run: boot, wait until every worker answered /pid, (first rep: c=1 latency check on /), 1 s
// warm-up at c, 3 s drain (the warm-up leaves a queue of requests on closed connections), then
// `wrk -t2 -c<c> -d5s --latency --timeout 2s`, with total PSS (smaps_rollup summed over the process
// tree) sampled half-way and per-process CPU seconds over the run. Then stop the whole process group.
//
// Target (e), the real-looking apps of bench/apps/real after `tune calibrate`, comes from
// bench/results/real-apps.json: a full run runs `bench/real-apps.mjs --reps 2` first (unless
// --no-real-apps); --report and the other modes read the recorded results.
//
// Usage: node bench/quality.mjs [--quick] [--only <class>[,<class>...]] [--no-c16] [--no-real-apps] [--out file.json]
//        node bench/quality.mjs --report bench/results/quality.json   (re-analyse a finished run, no servers)
//   --quick  1 rep, 2 s runs, c=64 only (smoke test); writes bench/.work/ unless --out
//   --only   tune's rows for these classes plus their framework's anchors; writes bench/.work/ unless --out
// `npm run bench:quality` builds dist/ and runs the full benchmark (about 65 minutes with the real apps), writing
// bench/results/quality.json and quality.md. Needs Linux, wrk, and Debian's /usr/bin/python3 with
// gunicorn, gevent, uvicorn (+uvloop, httptools), waitress, flask and fastapi. Servers bind
// 127.0.0.1 only; every run is time-bounded; every process started is stopped, also on error/SIGINT.
//
// The parts, in bench/quality/: settings (paths, the shape, the thresholds), profile (memory.json →
// tune's profile), commands (tune's emitted flags → argv), configs (tune's rows and the anchors),
// plan (arguments, blocks, time estimate), server-tree and run (one measured run, the c=1
// calibration), steps (the run loop), analysis (summaries and targets), findings and markdown (the
// report), results-file (the .json/.md and --report).
import os from 'node:os';
import path from 'node:path';
import { benchServerEnv, installCleanupHandlers, machineInfo, stoppingSignal, stopAll, sum } from './lib/index.mjs';
import { anchorConfigs } from './quality/configs.mjs';
import { fitToLimit, parseArgs, planRun } from './quality/plan.mjs';
import { loadMemoryCoefficients } from './quality/profile.mjs';
import { gitState, printTargets, rerender, resultOf, writeResults } from './quality/results-file.mjs';
import { BUDGET, HARD_DEADLINE_S, PY } from './quality/settings.mjs';
import { buildConfigs, calibrateFrameworks, runBlocks } from './quality/steps.mjs';
import { runRealApps } from './quality/real-apps.mjs';

// Reps per cell of the real-app runs: memory agrees within a few per cent between reps; two show the rate's noise.
const REAL_APPS_REPS = 2;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.report) return rerender(args.report);
  const plan = planRun(args);
  const { mode, opts, classes, frameworks, outJson, outMd } = plan;
  // Target (e): the real-looking apps, measured first (about 45 minutes) so the watchdog below times
  // this benchmark's own runs only.
  if (mode === 'full' && args.realApps) runRealApps(REAL_APPS_REPS);

  installCleanupHandlers();
  const started = Date.now();
  const elapsedS = () => (Date.now() - started) / 1000;
  const watchdog = setTimeout(async () => {
    process.stderr.write(`\nwatchdog: run exceeded ${HARD_DEADLINE_S / 60} min, stopping everything\n`);
    await stopAll();
    process.exit(124);
  }, HARD_DEADLINE_S * 1000);
  watchdog.unref();

  const cpus = os.availableParallelism();
  const env = benchServerEnv();
  const mem = loadMemoryCoefficients();
  const measuredAt = new Date().toISOString();
  const mc = machineInfo(PY, { env });
  const git = gitState();

  // Configs per block: their count sets the estimate (tune's settings need the cpu latency, measured
  // below, but not their number).
  const anchorsByFw = Object.fromEntries(frameworks.map((fw) => [fw, anchorConfigs(cpus, fw)]));
  const nConfigs = classes.length + sum(frameworks.map((fw) => anchorsByFw[fw].length));
  const { blocks, est } = fitToLimit(plan, nConfigs);
  console.log(
    `quality bench (${mode}): ${cpus} CPUs, budget ${BUDGET}, classes ${classes.join(', ')}; ${nConfigs} configs per block; blocks ${blocks.map((b) => `${b.id}×${b.reps}`).join(', ')}; ` +
      `${sum(blocks.map((b) => b.reps)) * nConfigs} runs; estimated ${(est / 60).toFixed(1)} min (hard limit ${HARD_DEADLINE_S / 60} min). Output ${path.relative(process.cwd(), outJson)}`,
  );

  const { calibration, ioCalibration } = await calibrateFrameworks(frameworks, blocks, opts, env);
  await buildConfigs(blocks, { classes, frameworks, anchorsByFw, calibration, mem, cpus });
  const skipped = await runBlocks(blocks, opts, env, elapsedS);

  const res = resultOf({ plan, blocks, est, durationS: Math.round(elapsedS()), measuredAt, mc, git, cpus, mem, calibration, ioCalibration, anchorsByFw, skipped });
  writeResults(res, outJson, outMd);
  console.log(`\ndone in ${(elapsedS() / 60).toFixed(1)} min: ${path.relative(process.cwd(), outJson)}, ${path.relative(process.cwd(), outMd)}`);
  printTargets(res);
  if (blocks.some((b) => b.runs.some((r) => !r.ok))) process.exitCode = 1;
}

main().catch(async (e) => {
  if (stoppingSignal()) return;
  console.error(e.stack ?? e);
  await stopAll();
  process.exit(1);
});
