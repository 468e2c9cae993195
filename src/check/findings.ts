// The findings only `tune check` gives: about the files themselves and how the servers read them. Like
// the model's (src/core/findings.ts), each code carries typed arguments and the renderers' words.
import type { Server, WorkerClass } from '../core/classes.js';
import type { Finding, Severity } from '../core/findings.js';

export interface CheckFindingArgs {
  /** A worker class gunicorn cannot start with; `since`: a later gunicorn has it built in. */
  UNKNOWN_WORKER_CLASS: { value: string; suggestion?: string; since?: string; version?: string };
  /** A class gunicorn can import that the model does not know: judged as the nearest kind it can tell. */
  UNMODELLED_WORKER_CLASS: { value: string; family?: string; nearest: WorkerClass; basis: 'known' | 'family' | 'source' | 'name' | 'nothing' };
  /** A built-in worker the gunicorn version in use no longer has (eventlet in 26.0). */
  REMOVED_WORKER_CLASS: { value: string; removedIn: string; version: string; assumed?: boolean };
  /** The server's own deprecation of the worker class (eventlet in gunicorn 25, uvicorn.workers in uvicorn ≥ 0.30). */
  DEPRECATED_WORKER_CLASS: { value: string; server: Server; version: string; message: string };
  /** The setting exists in other versions of the server, not in the one in use: gunicorn ignores it in a config file. */
  SETTING_NOT_IN_VERSION: { name: string; server: Server; version: string; since?: string; removedIn?: string };
  /** Which server version the settings were judged against, and why. */
  SERVER_VERSION: { server: Server; version: string; pinned?: string; file?: string; older?: boolean };
  /** A value built from a variable set nowhere the check can see ($PORT, $(nproc)). */
  UNRESOLVED_VALUE: { setting: string; raw: string; judged: boolean };
  /** A compose env_file that is not there (gitignored): what it sets is unknown. */
  ENV_FILE_MISSING: { path: string; service: string; unresolved?: string };
  /** A limit Docker reads as "no limit" (0). */
  NO_LIMIT: { what: 'memory' | 'cpus'; value: string; raw?: string };
  /** A compose service or Kubernetes container whose image is taken to be the one the Dockerfile builds. */
  IMAGE_ASSUMED: { target: string; image?: string; dockerfile: string };
  /** A start script the command runs that is not among the files. */
  SCRIPT_NOT_FOUND: { path: string };
  /** The same process name twice in a Procfile. */
  DUPLICATE_PROCESS: { name: string; lines: string };
  /** An unknown program in front of the server, taken to exec it with the remaining arguments. */
  WRAPPER_ASSUMED: { wrapper: string; server: Server };
  /** Loading the config file raises: gunicorn exits before it starts. */
  CONFIG_FAILS: { message: string };
  /** What evaluating the file took for granted about the machine (the interpreter is CPython). */
  ASSUMED: { text: string };
  /** `workers: 2` is an annotation: gunicorn never sees a value. */
  ANNOTATION_NOT_SETTING: { name: string; value: string };
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
