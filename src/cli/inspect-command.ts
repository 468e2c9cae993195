// `tune inspect`: read a running gunicorn / uvicorn / waitress from /proc (never signalled, traced or
// loaded), print what runs and its measured memory, the profile calibrate would write (--save), and
// `tune check` of its configuration judged with that memory.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CheckInputError } from '../check/run.js';
import { withProfile, type Situation } from '../core/input.js';
import { InspectError } from '../inspect/errors.js';
import { machineCpus, machineMemory, processCpuLimit, processMemoryLimit } from '../inspect/limits.js';
import { inspect, type InspectResult } from '../inspect/run.js';
import { checkWritable, writeFileAtomic } from '../io/atomic-write.js';
import { wantColor } from './color.js';
import { EXIT, UsageError } from './errors.js';
import type { Io } from './io.js';
import { resolveSituation } from './resolve.js';

const FORMATS = ['table', 'json'] as const;

export async function runInspect(opts: Record<string, unknown>, io: Io): Promise<number> {
  const format = String(opts.format ?? 'table');
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format: must be one of ${FORMATS.join(', ')} (got "${format}")`);
  const pidText = String(opts.pid ?? '1');
  if (!/^\d+$/.test(pidText) || Number(pidText) < 1) throw new UsageError(`--pid: must be a process id, a whole number from 1 (got "${pidText}")`);
  const save = typeof opts.save === 'string' ? opts.save : undefined;
  if (save) {
    checkWritable(save, { force: opts.force === true });
    if (!existsSync(path.dirname(path.resolve(save)))) throw new UsageError(`cannot write ${save}: the folder ${path.dirname(save)} does not exist`);
  }

  const limits = new Map<number, Machine>();
  let result: InspectResult;
  try {
    result = inspect({ pid: Number(pidText), situation: (pid, profile) => situationOf(pid, opts, io.env, profile, limits), strict: opts.strict === true, suggest: opts.suggest === true });
  } catch (e) {
    if (e instanceof InspectError || e instanceof CheckInputError) throw new UsageError(e.message);
    throw e;
  }
  if (save) {
    if (!result.profile) throw new UsageError(`--save: no profile to save for pid ${result.snapshot.pid}: ${result.check.targets[0]?.workerClass ? 'no worker process runs' : 'its worker class is unknown'}`);
    writeFileAtomic(save, JSON.stringify(result.profile, null, 2) + '\n', { force: opts.force === true });
  }
  const saved = save ? { savedTo: save } : {};
  if (format === 'json') io.out((await import('../render/inspect/json.js')).renderInspectJson(result, saved));
  else io.out((await import('../render/inspect/table.js')).renderInspectTable(result, { color: wantColor(opts.color !== false, io.env, io.isTTY), ...saved }));
  return result.summary.errors > 0 ? EXIT.failed : EXIT.ok;
}

type Machine = NonNullable<Parameters<typeof resolveSituation>[0]['machine']>;

/**
 * The machine the server is judged on: flags and TUNE_* first; then the limits the kernel holds the
 * process to (its cgroup, its CPU affinity); then this machine's memory. Unlike tune check, which runs
 * in CI on another machine and so never guesses memory, this is the machine the server runs on.
 */
function situationOf(pid: number, opts: Record<string, unknown>, env: Record<string, string | undefined>, profile: Parameters<typeof withProfile>[1] | undefined, limits: Map<number, Machine>): Situation {
  if (!limits.has(pid)) limits.set(pid, { cpus: processCpuLimit(pid) ?? machineCpus(), mem: processMemoryLimit(pid) ?? machineMemory() });
  const { input } = resolveSituation({ flags: opts, env, machine: limits.get(pid)! });
  return profile ? withProfile(input, profile) : input;
}
