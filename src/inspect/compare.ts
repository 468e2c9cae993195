// What runs against what its configuration says, and what the reading could not see. Pure.
import type { CheckedTarget } from '../check/run.js';
import { inspectFinding, type InspectFinding } from './findings.js';
import type { RunningConfig } from './configuration.js';
import type { Snapshot } from './snapshot.js';

export function compare(snap: Snapshot, config: RunningConfig, target: CheckedTarget | undefined, preload: boolean): InspectFinding[] {
  const out: InspectFinding[] = [];
  const workers = snap.processes.filter((p) => p.role === 'worker').length;
  if (snap.command.title) out.push(inspectFinding('COMMAND_HIDDEN', 'warning', { title: snap.command.title }, config.labels.cmdline));
  if (snap.multiProcess && workers === 0) out.push(inspectFinding('NO_WORKERS', 'error', { server: snap.command.server }));
  const cf = config.configFile;
  if (cf?.unreadable) out.push(inspectFinding('CONFIG_UNREADABLE', 'warning', { file: cf.path, reason: cf.unreadable }));
  if (cf?.changedAfterStartS !== undefined) out.push(inspectFinding('CONFIG_CHANGED', 'warning', { file: cf.path, seconds: cf.changedAfterStartS }));

  // gunicorn and uvicorn default to one worker (uvicorn's one runs in the process itself), unless the
  // setting may be in what could not be read (a lost command line, a config file gone).
  const unknown = target?.settings.workers === undefined && (cf?.unreadable !== undefined || snap.command.title !== undefined);
  const configured = unknown ? undefined : (target?.settings.workers?.value ?? 1);
  if (typeof configured === 'number' && snap.command.server !== 'waitress' && workers > 0) {
    const running = snap.multiProcess ? workers : 1;
    if (running !== configured) out.push(inspectFinding('WORKERS_DIFFER', 'warning', { configured, running }, target?.settings.workers?.source.file));
  }
  for (const l of snap.listeners) if (l.queued) out.push(inspectFinding('CONNECTIONS_QUEUED', 'warning', { listener: l.address, queued: l.queued }));
  const swapped = snap.processes.reduce((s, p) => s + p.swapPssBytes, 0);
  if (swapped > 0) out.push(inspectFinding('SWAPPED', 'warning', { bytes: swapped }));
  if (preload && workers > 0) out.push(inspectFinding('PRELOAD_UPPER_BOUND', 'info', {}));
  return out;
}
