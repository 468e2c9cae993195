// Inputs that contradict each other, said with where each came from (src/core/conflicts.ts).
import { inputConflicts } from '../core/conflicts.js';
import type { Input } from '../core/input.js';
import { describeConflict } from '../render/messages.js';
import { UsageError } from './errors.js';
import type { Origins } from './resolve.js';

/**
 * Contradicting inputs: an error when the one that has no effect was typed as a flag on this command
 * line, a warning when it came from a layer shared by many runs (TUNE_*, --env-file, a preset).
 */
export function reportConflicts(input: Input, origins: Origins, say: (line: string) => void): void {
  const where = (field: string) => origins[field]?.label ?? FIELD_FLAGS[field] ?? field;
  for (const c of inputConflicts(input)) {
    const text = describeConflict(c, where);
    if (origins[c.fields[c.fields.length - 1]!]?.flag) throw new UsageError(text);
    say(`warning: ${text}`);
  }
}

const FIELD_FLAGS: Record<string, string> = { preload: '--preload', legacyUvicornWorker: '--legacy-uvicorn-worker', profile: '--profile', workerMem: '--worker-mem', workerClass: '--class' };

