// The words for reasons and findings, by code: the renderers', the CLI's and the library's one way to
// say them (reasons-text.ts and findings-text.ts hold the sentences).
import type { CheckFinding } from '../check/findings.js';
import type { Conflict } from '../core/conflicts.js';
import type { Reason, ReasonArgs, ReasonCode } from '../core/findings.js';
import { FINDINGS } from './findings-text.js';
import { REASONS } from './reasons-text.js';

export { article, plural, serverLabel } from './words.js';

type Coded = Pick<CheckFinding, 'code' | 'args'>;

function say<C extends ReasonCode>(r: { code: C; args: ReasonArgs[C] }): string {
  return REASONS[r.code](r.args);
}

export function explainReason(r: Reason): string {
  return say(r);
}

export function describeFinding(f: Coded): string {
  return (FINDINGS[f.code].text as (a: Coded['args']) => string)(f.args);
}

export function fixFor(f: Coded): string | undefined {
  return (FINDINGS[f.code].fix as ((a: Coded['args']) => string) | undefined)?.(f.args);
}

/** For tests: every code the messages know. */
export const KNOWN_CODES = { reasons: Object.keys(REASONS), findings: Object.keys(FINDINGS) };

/** Inputs that contradict each other (src/core/conflicts.ts), naming where each came from. */
export function describeConflict(c: Conflict, where: (field: string) => string): string {
  const a = c.args;
  switch (c.code) {
    case 'PRELOAD_NOT_APPLICABLE':
      return `${a.preload ? where('preload') : where('preload').replace('--preload', '--no-preload')} does not apply to ${a.workerClass}: ${a.workerClass === 'waitress' ? 'waitress is one process, with no workers to fork' : 'uvicorn --workers spawns its workers, it does not fork them from a loaded master'}`;
    case 'LEGACY_WORKER_NOT_APPLICABLE':
      return `${where('legacyUvicornWorker')} applies only to --class uvicorn-worker, not ${a.workerClass}`;
    case 'PROFILE_OTHER_CLASS':
      return `${where('profile')} was measured under ${a.measured}, not ${a.workerClass}: its master, thread and connection figures are another class's (measure ${a.workerClass} with tune calibrate --class ${a.workerClass}, or pass --class ${a.measured})`;
    case 'WORKER_MEM_OVER_PROFILE':
      return `${where('workerMem')} replaces the measured per-worker memory of ${where('profile')}, and with it the profile's exact private-memory figures`;
  }
}
