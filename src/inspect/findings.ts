// What only a running server shows: where what runs differs from its configuration, and what the
// reading itself could not see. Codes with typed figures, like the check's (src/check/findings.ts);
// the words are in src/render/inspect-text.ts.
import type { Severity } from '../core/findings.js';

export interface InspectFindingArgs {
  /** A master (gunicorn, uvicorn --workers) with no live worker: nothing serves. */
  NO_WORKERS: { server: string };
  /** The configuration asks for one number of workers and another runs. */
  WORKERS_DIFFER: { configured: number; running: number };
  /** The config file changed after the server started: what runs may not be what it now says. */
  CONFIG_CHANGED: { file: string; seconds: number };
  /** The config file the command names could not be read. */
  CONFIG_UNREADABLE: { file: string; reason: string };
  /** setproctitle replaced the command line: its flags are unknown. */
  COMMAND_HIDDEN: { title: string };
  /** Connections the kernel accepted that no worker had taken yet: every worker was busy. */
  CONNECTIONS_QUEUED: { listener: string; queued: number };
  /** Part of the memory is in swap: PSS counts only what is in RAM. */
  SWAPPED: { bytes: number };
  /** Under preload a worker's own cost is unknown; its RSS stands in, an upper bound. */
  PRELOAD_UPPER_BOUND: Record<string, never>;
}

export type InspectFindingCode = keyof InspectFindingArgs;

export type InspectFinding = { [C in InspectFindingCode]: { code: C; severity: Severity; args: InspectFindingArgs[C]; file?: string } }[InspectFindingCode];

export function inspectFinding<C extends InspectFindingCode>(code: C, severity: Severity, args: InspectFindingArgs[C], file?: string): InspectFinding {
  return { code, severity, args, ...(file !== undefined ? { file } : {}) } as InspectFinding;
}
