// What a run will do: the command line, the mode and its timings, the blocks (workload × offered
// concurrency × reps), where it writes, and the time estimate that trims the blocks to the limit.
import path from 'node:path';
import { sum } from '../lib/index.mjs';
import { BENCH_DIR, CLASSES, FRAMEWORK, LIMIT_S, QUIET_WINDOW_MS } from './settings.mjs';

export function parseArgs(argv) {
  const o = { quick: false, only: null, out: null, c16: true, report: null, realApps: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--no-c16') o.c16 = false;
    else if (a === '--no-real-apps') o.realApps = false;
    else if (a === '--report') o.report = argv[++i];
    else if (a.startsWith('--report=')) o.report = a.slice(9);
    else if (a === '--only') o.only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (a.startsWith('--only=')) o.only = a.slice(7).split(',').filter(Boolean);
    else if (a === '--out') o.out = argv[++i];
    else if (a.startsWith('--out=')) o.out = a.slice(6);
    else if (a === '-h' || a === '--help') {
      console.log('usage: node bench/quality.mjs [--quick] [--only <class>[,<class>...]] [--no-c16] [--no-real-apps] [--out file.json]');
      console.log('       node bench/quality.mjs --report results.json   (recompute the analysis and the .md of a finished run)');
      console.log(`classes: ${CLASSES.join(', ')}`);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (o.only) {
    const bad = o.only.filter((c) => !CLASSES.includes(c));
    if (bad.length) throw new Error(`unknown class(es) ${bad.join(', ')}; one of ${CLASSES.join(', ')}`);
  }
  return o;
}

/** { mode, opts, classes, frameworks, blocks, outJson, outMd } for the parsed arguments. */
export function planRun(args) {
  const mode = args.only ? 'only' : args.quick ? 'quick' : 'full';
  const opts = args.quick
    ? { warmupS: 1, drainMs: 3000, runS: 2, calibrateS: 2, bootEstimateS: 3.5, stopEstimateS: 0.8 }
    : { warmupS: 1, drainMs: 3000, runS: 5, calibrateS: 3, bootEstimateS: 3.5, stopEstimateS: 0.8 };
  const classes = args.only ?? CLASSES;
  const frameworks = [...new Set(classes.map((c) => FRAMEWORK[c]))];
  const blocks = [
    { id: 'io-c64', workload: 'io', c: 64, reps: args.quick ? 1 : 2 },
    { id: 'cpu-c64', workload: 'cpu', c: 64, reps: args.quick ? 1 : 3 },
    ...(args.quick || !args.c16 ? [] : [{ id: 'io-c16', workload: 'io', c: 16, reps: 2 }]),
  ];
  const outJson = args.out ?? (mode === 'full' ? path.join(BENCH_DIR, 'results', 'quality.json') : path.join(BENCH_DIR, '.work', `quality-${mode}.json`));
  const outMd = outJson.replace(/\.json$/, '') + '.md';
  return { mode, opts, classes, frameworks, blocks, outJson, outMd };
}

/**
 * The estimated seconds of the plan with `nConfigs` configs per block; over LIMIT_S it drops io c=16,
 * then one rep per block. Returns the blocks kept (reps changed in place) and the estimate.
 */
export function fitToLimit(plan, nConfigs) {
  const { opts, frameworks } = plan;
  let blocks = plan.blocks;
  const perRunS = (o) => o.bootEstimateS + 0.5 + o.warmupS + o.drainMs / 1000 + QUIET_WINDOW_MS / 1000 + o.runS + o.stopEstimateS;
  const estimate = () => frameworks.length * (opts.calibrateS + 6) + sum(blocks.map((b) => nConfigs * (b.reps * perRunS(opts) + 1)));
  let est = estimate();
  if (est > LIMIT_S && blocks.some((b) => b.id === 'io-c16')) {
    blocks = blocks.filter((b) => b.id !== 'io-c16');
    console.log(`estimate ${(est / 60).toFixed(1)} min > ${LIMIT_S / 60}: dropping io c=16`);
    est = estimate();
  }
  if (est > LIMIT_S) {
    for (const b of blocks) b.reps = Math.max(1, b.reps - 1);
    console.log(`estimate still > ${LIMIT_S / 60} min: one rep fewer per block`);
    est = estimate();
  }
  return { blocks, est };
}
