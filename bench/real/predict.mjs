// What tune predicts for one app × class × connections: its recommendation (the configuration the
// bench runs) and, through `tune check --cmd` on that exact command line, the model's memory and
// capacity under other inputs: no profile (the defaults), connections not stated, no --latency, and
// the inputs an ideal calibration would give (the mix's own latency and CPU per request).
import fs from 'node:fs';
import path from 'node:path';
import { check, recommend } from './tune-cli.mjs';
import { specFromRecommendation, userCommand } from './commands.mjs';

const r1 = (x) => (x == null || !Number.isFinite(x) ? null : Math.round(x * 10) / 10);

/** Closed loop of `users` connections: X = min(sustainable, users / latency) (evaluate.ts's model). */
export function predictedRps(capacity, users) {
  return r1(Math.min(capacity.sustainableRps, users / (capacity.latencyMs / 1000)));
}

const pick = (m, cap, users) => ({
  totalPss: m.estimatedBytes,
  perWorker: m.perWorkerBytes,
  fixed: m.masterBytes + (m.extraBytes ?? 0),
  perWorkerSource: m.perWorkerSource,
  fits: m.fits,
  rps: predictedRps(cap, users),
  sustainableRps: cap.sustainableRps,
  limitedBy: cap.limitedBy,
  latencyMs: cap.latencyMs,
  cpuMsPerRequest: cap.cpuMsPerRequest,
  slots: cap.slots,
});

/** A copy of the calibrated profile carrying the mix's measured CPU per request and latency. */
function truthProfile(cal, truth, dir, app, cls) {
  const p = { ...cal.profile, cpuMsPerRequest: truth.cpuMsPerRequest, latencyMs: truth.meanLatencyMs };
  const file = path.join(dir, `profile-${app.key}-${cls}-mix.json`);
  fs.writeFileSync(file, JSON.stringify(p, null, 2));
  return file;
}

export async function predict({ app, cls, users, cal, truth, dir, env }) {
  const latencyMs = cal.profile.latencyMs;
  const workload = app.workload;
  const rec = recommend({ cls, workload, users, latencyMs, profilePath: cal.profilePath, app: app.module }, env);
  const spec = await specFromRecommendation(rec.doc, app.module);
  const cmd = userCommand(spec);
  const mixProfile = truthProfile(cal, truth, dir, app, cls);
  const variants = {
    recommendation: pick(rec.doc.memory, rec.doc.capacity, users),
    profile: check(cmd, { workload, users, latencyMs, profilePath: cal.profilePath }, env),
    mixInputs: check(cmd, { workload, users, latencyMs: truth.meanLatencyMs, profilePath: mixProfile }, env),
    noLatency: check(cmd, { workload, users, profilePath: cal.profilePath }, env),
    unstated: check(cmd, { workload, latencyMs, profilePath: cal.profilePath }, env),
    default: check(cmd, { workload, users }, env),
    defaultUnstated: check(cmd, { workload }, env),
  };
  for (const k of Object.keys(variants)) if (k !== 'recommendation') variants[k] = pick(variants[k].memory, variants[k].capacity, users);
  return {
    spec,
    cmd,
    tuneCommand: rec.command.replace(cal.profilePath, 'profile.json'),
    settings: rec.doc.settings,
    warnings: (rec.doc.warnings ?? []).map((w) => w.code),
    variants,
  };
}
