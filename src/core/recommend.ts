// The model's entry point: validated input in, a complete explained recommendation out. Pure.
import { GEVENT_MIN_FOR_GUNICORN, serverOf } from './classes.js';
import { compareVersions } from '../servers/versions.js';
import { assess } from './assess.js';
import { evaluate } from './evaluate.js';
import type { Input } from './input.js';
import { MIN_WORKERS, plan } from './plan.js';
import { gunicornSettings } from './settings/gunicorn.js';
import { uvicornSettings } from './settings/uvicorn.js';
import { waitressSettings } from './settings/waitress.js';
import { configTraps } from './traps.js';
import type { Finding, Reason, Recommendation, SettingValue } from './types.js';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function recommend(input: Input): Recommendation {
  const p = plan(input);
  const evaluation = evaluate(p.shape, input);
  const server = serverOf(input.workerClass);

  const settings: Record<string, SettingValue> = {};
  const rationale: Record<string, Reason[]> = {};
  const emit = (key: string, value: SettingValue, ...reasons: Reason[]) => {
    settings[key] = value;
    const all = [...reasons, ...(p.reasons[key] ?? [])];
    if (all.length) rationale[key] = all;
  };
  if (server === 'gunicorn') gunicornSettings(input, p.shape, evaluation.capacity, emit);
  else if (server === 'uvicorn') uvicornSettings(input, p.shape, evaluation.capacity, emit);
  else waitressSettings(input, p.shape, evaluation.capacity, emit);
  rationale._model = [...(p.reasons._model ?? []), ...folklore(input, p.shape.workers, settings)];

  const traps = configTraps({ server, workerClass: input.workerClass, settings }, input);
  const warnings = dedupe([...p.findings, ...assess(p.shape, evaluation, input), ...traps, ...versionFindings(input)]).sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  return {
    input,
    server,
    workerClass: input.workerClass,
    settings,
    ...evaluation,
    rationale,
    warnings,
    hooks: { gcFreezeOnReady: settings.preload_app === true },
  };
}

/** What the server version that will run needs beside the emitted file. */
function versionFindings(input: Input): Finding[] {
  const v = input.gunicornVersion;
  if (input.workerClass === 'gevent' && v !== undefined && compareVersions(v, GEVENT_MIN_FOR_GUNICORN.since) >= 0)
    return [{ code: 'GEVENT_TOO_OLD_FOR_GUNICORN', severity: 'info', args: { gunicornVersion: v, ...GEVENT_MIN_FOR_GUNICORN } }];
  return [];
}

/** The rules of thumb from the seeds, set beside what the model chose so the difference is explained. */
function folklore(input: Input, workers: number, settings: Record<string, SettingValue>): Reason[] {
  const cores = Math.max(1, Math.ceil(input.cpus));
  const out: Reason[] = [];
  if (input.workerClass === 'waitress') {
    out.push({ code: 'FOLKLORE_WAITRESS_THREADS', args: { value: Math.max(4, 2 * cores), chosen: Number(settings.threads) } });
  } else {
    out.push({ code: 'FOLKLORE_2N_PLUS_1', args: { value: 2 * cores + 1, chosen: workers, minimum: MIN_WORKERS } });
  }
  return out;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}:${f.setting ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
