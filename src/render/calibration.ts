// What calibrate measured, for people (a short table above the recommendation) and for programs
// (one JSON document holding the measurement, the profile and the recommendation).
import { formatBytes } from '../core/units.js';
import type { MemorySample } from '../calibrate/measure.js';
import { mean } from '../calibrate/profile.js';
import type { Calibration } from '../calibrate/run.js';
import { describeCalibrateWarning } from './calibrate-text.js';
import { serverName } from '../calibrate/command.js';

const total = (m: MemorySample) => m.masterBytes + m.workerBytes.reduce((a, b) => a + b, 0) + m.extraBytes;
const ms = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`);

export function renderMeasurement(c: Calibration, savedTo?: string): string {
  const { base, preload, profile } = c;
  const rows: [string, string, string, string][] = [['', 'idle', 'under load', '']];
  if (base.load.masterBytes > 0) rows.push(['master', formatBytes(base.idle.masterBytes), formatBytes(base.load.masterBytes), '']);
  const each = base.load.workerBytes.length > 1 ? `each ${base.load.workerBytes.map(formatBytes).join(', ')}` : '';
  rows.push([base.load.masterBytes > 0 ? 'worker (mean)' : 'process', formatBytes(mean(base.idle.workerBytes)), formatBytes(mean(base.load.workerBytes)), each]);
  if (base.load.extraCount > 0) rows.push(['helpers', formatBytes(base.idle.extraBytes), formatBytes(base.load.extraBytes), `${base.load.extraCount} process(es), e.g. resource_tracker`]);
  rows.push(['total PSS', formatBytes(total(base.idle)), formatBytes(total(base.load)), '']);
  if (preload) {
    const s = profile.preloadShare;
    rows.push(['with preload', formatBytes(total(preload.idle)), formatBytes(total(preload.load)), s === undefined ? '' : `preload share s = ${s}`]);
  }
  if (c.threads && profile.perThreadBytes !== undefined) {
    const t = c.threads;
    const shape = `${t.shape.workers === 1 ? 'one worker' : `${t.shape.workers} workers`} × ${t.shape.threads} threads, ${t.shape.connections} connections`;
    rows.push([`${t.threads} busy threads`, formatBytes(mean(t.boot.idle.workerBytes)), formatBytes(mean(t.boot.load.workerBytes)), `${shape}; a busy thread adds ${formatBytes(profile.perThreadBytes)}`]);
  }
  if (profile.perConnectionBytes !== undefined) rows.push(['connection', '', formatBytes(profile.perConnectionBytes), `each of ${profile.measuredConnections} with a request in flight (under load against idle)`]);
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const w2 = Math.max(...rows.map((r) => r[2].length));
  const table = rows.map((r) => `  ${r[0].padEnd(w0)}  ${r[1].padStart(w1)}  ${r[2].padStart(w2)}  ${r[3]}`.trimEnd());

  const l = base.loadRun;
  const lines = [
    `Calibration: ${c.app} under ${serverName(c)} (${c.python.python}, Python ${c.python.version})`,
    ...table,
    `  load          ${l.requests} responses in ${l.elapsedS.toFixed(1)} s (${l.rps.toFixed(0)} req/s), mean ${ms(l.meanLatencyMs)}, ${l.errors} errors`,
    `  alone         ${ms(base.single.meanLatencyMs)} per request on one connection (${base.single.requests} requests)`,
    `  CPU           ${ms(profile.cpuMsPerRequest)} per request (CPU time of the process tree over the load ÷ responses)`,
    savedTo ? `Profile saved to ${savedTo} (use it with tune --profile ${savedTo}).` : 'Save the profile with --save <file>, then use it with tune --profile <file>.',
    '',
  ];
  return lines.join('\n') + '\n';
}

/** The measurement as plain data (bytes, ms), for --format json. */
export function measurementJson(c: Calibration): Record<string, unknown> {
  const sample = (m: MemorySample) => ({ masterBytes: m.masterBytes, workerBytes: m.workerBytes, extraBytes: m.extraBytes, totalBytes: total(m) });
  const boot = (b: NonNullable<Calibration['preload']>) => ({
    idle: sample(b.idle),
    load: sample(b.load),
    warmup: b.warmup,
    single: b.single,
    loadRun: b.loadRun,
    cpuMsPerRequest: b.cpuMsPerRequest,
  });
  return {
    python: c.python.python,
    pythonVersion: c.python.version,
    server: serverName(c),
    workerClass: c.workerClass,
    app: c.app,
    workers: c.workers,
    command: c.command,
    base: boot(c.base),
    ...(c.preload ? { preload: boot(c.preload) } : {}),
    ...(c.threads ? { threads: { threads: c.threads.threads, shape: c.threads.shape, ...boot(c.threads.boot) } } : {}),
    warnings: c.warnings.map(describeCalibrateWarning),
  };
}
