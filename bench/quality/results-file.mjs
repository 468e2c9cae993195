// bench/results/quality.json and .md: the recorded run with its analysis, targets and findings, and
// `--report`, which recomputes those from the recorded runs of a finished run.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { writeAtomic } from '../lib/index.mjs';
import { analyzeBlock, targets } from './analysis.mjs';
import { modelFindings } from './findings.mjs';
import { realAppsTarget } from './real-apps.mjs';
import { PF } from './format.mjs';
import { markdown } from './markdown.mjs';
import { BUDGET_BYTES, COMMAND, ROOT } from './settings.mjs';

/** The commit and whether src/ differs from it: the model measured is dist/ built from the work tree. */
export function gitState() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').filter(Boolean);
    return { head, srcChangedFiles: dirty.length };
  } catch {
    return null;
  }
}

/** JSON with 2-space indentation, but arrays of plain numbers on one line (per-worker figures). */
function toJson(value) {
  return JSON.stringify(value, null, 2).replace(/\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g, (_, body) => `[${body.split(/,\s*/).join(', ')}]`) + '\n';
}

/** The result object of a measured run (targets and findings are added by writeResults). */
export function resultOf({ plan, blocks, est, durationS, measuredAt, mc, git, cpus, mem, calibration, ioCalibration, anchorsByFw, skipped }) {
  const { mode, opts, outJson } = plan;
  return {
    measuredAt,
    command: mode === 'full' ? COMMAND : `node bench/quality.mjs ${process.argv.slice(2).join(' ')}`,
    mode,
    durationS,
    estimatedS: Math.round(est),
    options: opts,
    outJson: path.relative(ROOT, outJson),
    machine: mc,
    git,
    cpus,
    budgetBytes: BUDGET_BYTES,
    headroom: blocks[0]?.configs.find((c) => c.kind === 'tune')?.model.memory.headroomBytes / BUDGET_BYTES,
    memoryProfileMeasuredAt: mem.measuredAt,
    calibration,
    ioCalibration,
    mergedAnchors: Object.values(anchorsByFw)
      .flat()
      .filter((a) => a.names.length > 1)
      .map((a) => ({ label: a.label, names: a.names })),
    labels: Object.fromEntries(blocks.flatMap((b) => b.configs.map((c) => [c.id, c.label]))),
    blocks: blocks.map((b) => ({
      id: b.id,
      workload: b.workload,
      c: b.c,
      reps: b.reps,
      configs: b.configs.map(({ spec, ...c }) => c),
      runs: b.runs,
      analysis: b.analysis,
    })),
    skipped,
  };
}

/** Adds the targets and the findings, and writes the .json and the .md. */
export function writeResults(res, outJson, outMd) {
  res.targets = targets(res.blocks);
  res.realApps = realAppsTarget();
  res.findings = modelFindings(res);
  writeAtomic(outJson, toJson(res));
  writeAtomic(outMd, markdown(res));
}

export function printTargets(res) {
  for (const k of ['a', 'b', 'c', 'd']) console.log(`target (${k}): ${PF(res.targets[k].pass).replace(/\*/g, '')} (${res.targets[k].passed}/${res.targets[k].total})`);
  const e = res.realApps;
  if (e) console.log(`target (e): ${PF(e.pass).replace(/\*/g, '')} (memory ${e.memory.passed}/${e.memory.total}, IO rate ${e.rateIo.passed}/${e.rateIo.total}, mixed rate ${e.rateMixed.passed}/${e.rateMixed.total}; ${e.file})`);
}

/** Recompute analysis, targets and findings of a finished run from its JSON, and rewrite its .json and .md. */
export function rerender(file) {
  const res = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const b of res.blocks) b.analysis = analyzeBlock(b, b.configs, b.runs);
  res.targets = targets(res.blocks);
  res.realApps = realAppsTarget();
  res.findings = modelFindings(res);
  res.reanalysedAt = new Date().toISOString();
  writeAtomic(file, toJson(res));
  const md = file.replace(/\.json$/, '') + '.md';
  writeAtomic(md, markdown(res));
  console.log(`rewrote ${path.relative(process.cwd(), file)} and ${path.relative(process.cwd(), md)} from the recorded runs`);
  printTargets(res);
}
