// The findings only `tune check` gives: about the files themselves and how the servers read them. Like
// the model's (src/core/findings.ts), each code carries typed arguments and the renderers' words.
import type { Server } from '../core/classes.js';
import type { Finding, Severity } from '../core/findings.js';

export interface CheckFindingArgs {
  /** A worker class gunicorn cannot start with. */
  UNKNOWN_WORKER_CLASS: { value: string };
  UNKNOWN_SETTING: { name: string; server: Server; suggestion?: string };
  UNKNOWN_FLAG: { flag: string; server: Server; suggestion?: string };
  ABBREVIATED_FLAG: { flag: string; full: string };
  INVALID_VALUE: { setting: string; value: string; reason: string };
  UNEVALUATED: { name?: string; reason: string; judged: boolean };
  DEPENDS_ON_MACHINE: { name: string; reason: string; values: string };
  PYTHON_SYNTAX: { message: string };
  CONFIG_NOT_FOUND: { path: string; base: string };
  /** The file cannot be read as what it is (exit 2). */
  FILE_ERROR: { message: string };
  /** The server would refuse its command line; `message` is the server's own words. */
  SERVER_REFUSES: { server: Server; message: string };
  /** The shell could not split the command line (an unclosed quote). */
  SHELL_SYNTAX: { message: string };
  /** --help / --version: the server prints and exits. */
  EXITS_INSTEAD: { server: Server; flag: string; prints: 'help' | 'version' };
  REMOVED_OPTION: { server: Server; flag: string; version: string };
  /** waitress-serve stops reading options at the application. */
  IGNORED_AFTER_APP: { server: Server; flags: string };
}

export type CheckFindingCode = keyof CheckFindingArgs;

/** Where a finding comes from: the server process (target), and the file and line. */
export interface Location {
  target?: string;
  file?: string;
  line?: number;
}

type CheckOnly = { [C in CheckFindingCode]: { code: C; severity: Severity; args: CheckFindingArgs[C]; setting?: string } }[CheckFindingCode];

/** A finding of the model or of the check, with where it comes from. */
export type CheckFinding = (Finding | CheckOnly) & Location;

/** A check finding built from its parts, typed by its code. */
export function checkFinding<C extends CheckFindingCode>(code: C, severity: Severity, args: CheckFindingArgs[C], where: Location & { setting?: string } = {}): CheckFinding {
  return { code, severity, args, ...where } as CheckFinding;
}
