// The pure parts of `tune check` on the command line, shared with the web page: the machine a target is
// judged on and the words for files that cannot be judged (check-command.ts adds files and the host).
import type { CheckInputError } from '../check/run.js';
import type { Target } from '../check/types.js';
import { describeFinding } from '../render/messages.js';
import { UsageError } from './errors.js';

export type MachineFallback = { cpus?: { value: number; source: string }; mem?: { value: number; source: string } };

/** The compose service's limits, where it has them, else `cpus` (what cpu_count() meant while reading). */
export function targetMachine(target: Target, cpus: { value: number; source: string }): MachineFallback {
  const at = target.limits.source ? `${target.limits.source.file}${target.limits.source.line ? `:${target.limits.source.line}` : ''}` : 'compose limits';
  const machine: MachineFallback = { cpus: target.limits.cpus !== undefined ? { value: target.limits.cpus, source: at } : cpus };
  if (target.limits.memBytes !== undefined) machine.mem = { value: target.limits.memBytes, source: at };
  return machine;
}

export function noMemoryBudget(target: Target): UsageError {
  return new UsageError(`no memory budget for ${target.name}: pass --mem, or set deploy.resources.limits.memory (or mem_limit) on the compose service`);
}

/** Files that cannot be judged at all, said as the command line says them. */
export function uncheckable(e: CheckInputError): UsageError {
  const f = e.finding;
  if (f) return new UsageError(`${f.file}${f.line ? `:${f.line}` : ''}: ${describeFinding(f).replace(/\.$/, '')}`);
  return new UsageError(`${e.message}: pass --cmd, a compose file with a command, a Procfile or a gunicorn.conf.py`);
}
