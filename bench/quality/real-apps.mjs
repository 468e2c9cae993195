// Target (e) of the quality page: tune on the real-looking apps of bench/apps/real, after `tune
// calibrate` (npm run bench:real-apps, bench/results/real-apps.json). A full `bench:quality` runs that
// benchmark first; --report and --no-real-apps read the committed results as they are.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { analyze } from '../real/report.mjs';
import { targetLines } from '../real/report-md.mjs';

const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const RESULTS = path.join(BENCH_DIR, 'results', 'real-apps.json');

/** Runs bench/real-apps.mjs (every app, mix, class and load; `reps` each) into bench/results/real-apps.json. */
export function runRealApps(reps) {
  const r = spawnSync(process.execPath, [path.join(BENCH_DIR, 'real-apps.mjs'), '--reps', String(reps)], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`bench/real-apps.mjs exited with ${r.status ?? r.signal}`);
}

/** The real-app targets from the recorded results, or null when there are none. */
export function realAppsTarget() {
  if (!fs.existsSync(RESULTS)) return null;
  const res = JSON.parse(fs.readFileSync(RESULTS, 'utf8'));
  const t = analyze(res).targets;
  const pass = t.memory.passed === t.memory.total && t.rateIo.passed === t.rateIo.total && t.rateMixed.passed === t.rateMixed.total;
  return { file: 'bench/results/real-apps.json', measuredAt: res.measuredAt, mergedAt: res.mergedAt ?? null, reps: res.options.reps, pass, ...t };
}

/** Lines of the quality page for target (e). */
export function realAppsLines(e) {
  if (!e) return [];
  const when = `${e.measuredAt}${e.mergedAt ? `, cells re-measured ${e.mergedAt}` : ''}`;
  const L = [`**(e)** real-looking apps after \`tune calibrate\` (${e.file}, ${when}, ${e.reps} reps a cell; the runs, their method and their reading: bench/results/real-apps.md):`, ''];
  return [...L, ...targetLines(e, { heading: false })];
}
