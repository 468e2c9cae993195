// The pure parts of `tune check` on the command line, shared with the web page: the machine a target is
// judged on and the words for files that cannot be judged (check-command.ts adds files and the host).
import type { CheckInputError } from '../check/run.js';
import type { Target } from '../check/types.js';
import { describeFinding } from '../render/messages.js';
import { UsageError } from './errors.js';

/** A usage error that knows the file and line it is about (for the JSON document of exit 2). */
export class InputError extends UsageError {
  constructor(
    message: string,
    readonly where: { code: string; file?: string; line?: number },
  ) {
    super(message);
  }
}

export type MachineFallback = { cpus?: { value: number; source: string }; mem?: { value: number; source: string } };

/** The service's or container's limits, where it has them, else `cpus` (what cpu_count() meant while reading). */
export function targetMachine(target: Target, cpus: { value: number; source: string }): MachineFallback {
  const at = target.limits.source ? `${target.limits.source.file}${target.limits.source.line ? `:${target.limits.source.line}` : ''}` : 'limits';
  const machine: MachineFallback = { cpus: target.limits.cpus !== undefined ? { value: target.limits.cpus, source: at } : cpus };
  if (target.limits.memBytes !== undefined) machine.mem = { value: target.limits.memBytes, source: at };
  return machine;
}

export function noMemoryBudget(target: Target): InputError {
  const zero = target.unlimited?.find((u) => u.what === 'memory');
  const why = zero ? ` (its memory limit "${zero.value}" means no limit)` : '';
  return new InputError(`no memory budget for ${target.name}${why}: pass --mem, or set a memory limit (compose deploy.resources.limits.memory / mem_limit, Kubernetes resources.limits.memory)`, {
    code: 'NO_BUDGET',
    ...(zero ? { file: zero.source.file, ...(zero.source.line ? { line: zero.source.line } : {}) } : {}),
  });
}

/** Files that cannot be judged at all, said as the command line says them. */
export function uncheckable(e: CheckInputError): InputError {
  const f = e.finding;
  if (f) return new InputError(`${f.file}${f.line ? `:${f.line}` : ''}: ${describeFinding(f).replace(/\.$/, '')}`, { code: f.code, ...(f.file ? { file: f.file } : {}), ...(f.line ? { line: f.line } : {}) });
  const missing = e.missing.length ? `; the commands run ${e.missing.join(', ')}, not among the files (pass them)` : '';
  return new InputError(`${e.message}${missing}: pass --cmd, a compose file with a command, a Procfile, a Dockerfile, a Kubernetes manifest or a gunicorn.conf.py`, { code: 'NO_TARGET' });
}
