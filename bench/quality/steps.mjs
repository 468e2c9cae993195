// The measuring steps of a run, in order: the c=1 calibration per framework, the configurations of
// each block, then every block's runs interleaved (each config once per rep, reversed on odd reps).
import { stoppingSignal, sum } from '../lib/index.mjs';
import { analyzeBlock } from './analysis.mjs';
import { modelForAnchor, tuneConfig } from './configs.mjs';
import { f0, f1, f2, M } from './format.mjs';
import { calibrateCpu, runOnce } from './run.mjs';
import { FRAMEWORK, FRAMEWORK_NAME, IO_LATENCY_MS, SOFT_DEADLINE_S } from './settings.mjs';

/** 1. Service time of /cpu and /io at c=1, per framework; sets each block's server CPU per request. */
export async function calibrateFrameworks(frameworks, blocks, opts, env) {
  const calibration = {};
  const ioCalibration = {};
  for (const fw of frameworks) {
    calibration[fw] = await calibrateCpu(fw, opts, env);
    console.log(`- /cpu at c=1, ${FRAMEWORK_NAME[fw]}: mean ${f2(calibration[fw].meanMs)} ms, p50 ${f2(calibration[fw].p50Ms)} ms, server CPU ${f2(calibration[fw].serverCpuMsPerRequest)} ms/request`);
    ioCalibration[fw] = await calibrateCpu(fw, opts, env, '/io');
    console.log(`- /io at c=1, ${FRAMEWORK_NAME[fw]}: mean ${f2(ioCalibration[fw].meanMs)} ms, server CPU ${f2(ioCalibration[fw].serverCpuMsPerRequest)} ms/request`);
  }
  // What each request costs the server in CPU, per workload and framework (the profile's cpuMsPerRequest).
  for (const b of blocks) b.cpuMs = Object.fromEntries(frameworks.map((fw) => [fw, (b.workload === 'io' ? ioCalibration : calibration)[fw].serverCpuMsPerRequest]));
  return { calibration, ioCalibration };
}

/** 2. Configs per block: tune's row per class, then the anchors of each framework with the model's view. */
export async function buildConfigs(blocks, { classes, frameworks, anchorsByFw, calibration, mem, cpus }) {
  for (const b of blocks) {
    const latency = (cls) => (b.workload === 'io' ? IO_LATENCY_MS : calibration[FRAMEWORK[cls]].latencyMsPassed);
    const tunes = [];
    for (const cls of classes) tunes.push(await tuneConfig(cls, b, latency(cls), mem, cpus));
    const anchors = frameworks.flatMap((fw) => anchorsByFw[fw].map((a) => ({ ...a, model: modelForAnchor(a, b, latency(a.cls), mem, cpus) })));
    b.configs = [...tunes, ...anchors];
    b.runs = [];
  }
}

/** 3. Every block's runs; returns the runs skipped for the time limit. Never returns once a signal is stopping the bench. */
export async function runBlocks(blocks, opts, env, elapsedS) {
  const skipped = [];
  let n = 0;
  const total = sum(blocks.map((b) => b.reps * b.configs.length));
  for (const b of blocks) {
    for (let rep = 0; rep < b.reps; rep++) {
      const order = rep % 2 === 0 ? b.configs : [...b.configs].reverse();
      for (const cfg of order) {
        n++;
        if (elapsedS() > SOFT_DEADLINE_S) {
          skipped.push({ block: b.id, config: cfg.id, rep });
          continue;
        }
        process.stdout.write(`[${String(n).padStart(3)}/${total} ${(elapsedS() / 60).toFixed(1)}m] ${b.id} rep ${rep + 1} ${cfg.label.padEnd(28)} `);
        const r = await runWithRetry(cfg, b, rep, opts, env, elapsedS);
        b.runs.push(r);
        logRun(r);
      }
    }
    b.analysis = analyzeBlock(b, b.configs, b.runs);
  }
  return skipped;
}

/** One run, again once when other processes contaminated it; the cleaner attempt is kept. */
async function runWithRetry(cfg, b, rep, opts, env, elapsedS) {
  let r;
  const attempts = [];
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      r = await runOnce(cfg, b, rep, opts, env);
    } catch (e) {
      if (stoppingSignal()) return new Promise(() => {}); // the signal handler stops and exits
      r = { config: cfg.id, rep, ok: false, error: e.message.split('\n').slice(0, 6).join('\n') };
    }
    r.attempt = attempt;
    attempts.push(r);
    if (!(r.ok && r.contaminated) || attempt === 2 || elapsedS() > SOFT_DEADLINE_S) break;
    process.stdout.write(`contaminated (other CPU ${f2(r.machine.otherS)} s), again: `);
  }
  // Keep the cleaner attempt; the other one stays in the JSON as `discarded`.
  if (attempts.length > 1) {
    const ok = attempts.filter((x) => x.ok);
    r = ok.length ? ok.reduce((a, x) => (x.machine.otherS < a.machine.otherS ? x : a)) : attempts[attempts.length - 1];
    r.discarded = attempts.filter((x) => x !== r).map(({ discarded, ...x }) => x);
  }
  return r;
}

function logRun(r) {
  if (r.ok) {
    console.log(
      `${f0(r.wrk.rps).padStart(5)} req/s p50 ${f1(r.wrk.p50Ms)} p99 ${f1(r.wrk.p99Ms)} ms err ${r.wrk.errors}/${r.wrk.timeouts} PSS ${M(r.pss.totalBytes)} MiB CPU ${f1(r.cpu.totalS)} s other ${f2(r.machine.otherS)} s${r.c1 ? ` c1 ${f1(r.c1.p50Ms)} ms` : ''} (${r.seconds} s)${r.warnings?.length ? `  NOTE ${r.warnings.join('; ')}` : ''}`,
    );
  } else console.log(`FAILED: ${r.error.split('\n')[0]}`);
}
