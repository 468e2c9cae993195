// Running the check library on files written in the test: a 2-CPU machine, the target's own limits
// when it has them, else the budget given.
import { check, type CheckOptions, type CheckResult } from '../../src/check/run.js';
import type { FileKind, ProjectFile } from '../../src/check/types.js';
import { parseSituation, type Situation } from '../../src/core/input.js';

export const file = (path: string, kind: FileKind, text: string): ProjectFile => ({ path, kind, text });

/** A situation for a target: its limits, else `mem`; no other load. */
export function machine(mem = '2g', extra: Record<string, unknown> = {}): CheckOptions['situation'] {
  return (t) => {
    const r = parseSituation({ cpus: t.limits.cpus ?? 2, cpusSource: 'given', mem: t.limits.memBytes ?? mem, memSource: 'given', ...(t.shutdownGrace ? { shutdownGrace: t.shutdownGrace.seconds } : {}), ...extra });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.input as Situation;
  };
}

/** check() with files that other files name readable from `extra` (by path). */
export function run(files: ProjectFile[], opts: Partial<CheckOptions> & { extra?: Record<string, string> } = {}): CheckResult {
  const { extra = {}, ...rest } = opts;
  return check(files, { cpus: 2, situation: machine(), read: (p) => extra[p], ...rest });
}

export const codes = (r: CheckResult) => r.findings.map((f) => f.code);
export const values = (r: CheckResult, i = 0) => Object.fromEntries(Object.entries(r.targets[i]!.settings).map(([k, v]) => [k, v.value]));
