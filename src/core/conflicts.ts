// Inputs that contradict each other or do nothing for the class chosen: never silently ignored. The
// CLI makes each an error when the user typed it now (a flag) and a warning when it came from a
// layer shared by several runs (TUNE_*, --env-file, a preset).
import { serverOf } from './classes.js';
import type { Input } from './input.js';

export interface Conflict {
  code: 'PRELOAD_NOT_APPLICABLE' | 'LEGACY_WORKER_NOT_APPLICABLE' | 'PROFILE_OTHER_CLASS' | 'WORKER_MEM_OVER_PROFILE';
  /** The input fields involved; the last one is the one to drop. */
  fields: string[];
  args: Record<string, string | boolean>;
}

export function inputConflicts(input: Input): Conflict[] {
  const out: Conflict[] = [];
  const cls = input.workerClass;
  // waitress is one process and uvicorn --workers spawns its workers: neither forks from a loaded master.
  if (input.preload !== undefined && (cls === 'waitress' || cls === 'uvicorn'))
    out.push({ code: 'PRELOAD_NOT_APPLICABLE', fields: ['workerClass', 'preload'], args: { workerClass: cls, preload: input.preload } });
  if (input.legacyUvicornWorker && cls !== 'uvicorn-worker') out.push({ code: 'LEGACY_WORKER_NOT_APPLICABLE', fields: ['workerClass', 'legacyUvicornWorker'], args: { workerClass: cls } });
  const measured = input.profile?.workerClass;
  if (measured !== undefined && measured !== cls)
    out.push({ code: 'PROFILE_OTHER_CLASS', fields: ['workerClass', 'profile'], args: { workerClass: cls, measured, sameServer: serverOf(cls) === (measured === 'uvicorn' ? 'uvicorn' : measured === 'waitress' ? 'waitress' : 'gunicorn') } });
  if (input.workerMemBytes !== undefined && input.profile !== undefined) out.push({ code: 'WORKER_MEM_OVER_PROFILE', fields: ['profile', 'workerMem'], args: {} });
  return out;
}
