// gunicorn as the tests ask it: --print-config, --check-config, and a real start answering GET /.
import { GUNICORN, requireServer } from './installed.js';
import { ADDR_IN_USE, freePort, run, startAndRequest, type Ran, type StartedResponse } from './processes.js';

export interface GunicornRunOptions {
  /** Passed as `-c configPath` (relative to cwd). Without it gunicorn auto-loads ./gunicorn.conf.py. */
  configPath?: string;
  /** More command-line arguments, before the app. */
  args?: string[];
  /** Environment (WEB_CONCURRENCY, GUNICORN_CMD_ARGS, PORT, ...), on top of the fixed base. */
  env?: Record<string, string>;
  cwd: string;
  /** The app to import, e.g. 'flask_app:app'. */
  app: string;
  timeoutMs?: number;
}

export function gunicornArgv(o: { configPath?: string; args?: string[]; app?: string }): string[] {
  return [...(o.configPath ? ['-c', o.configPath] : []), ...(o.args ?? []), ...(o.app ? [o.app] : [])];
}

export interface PrintedConfig extends Ran {
  /** `name = value` lines of `gunicorn --print-config`, values as printed (e.g. "['127.0.0.1:8000']", "True"). */
  settings: Record<string, string>;
}

/** `gunicorn --print-config [-c configPath] [args] app`, parsed. Imports the app, as gunicorn does. */
export function gunicornPrintConfig(o: GunicornRunOptions): PrintedConfig {
  requireServer('gunicorn');
  const r = run(GUNICORN, ['--print-config', ...gunicornArgv(o)], { cwd: o.cwd, env: o.env, timeoutMs: o.timeoutMs });
  return { ...r, settings: parsePrintConfig(r.stdout) };
}

/** Parse `name<spaces> = value` lines (values may be empty); other lines are ignored. */
export function parsePrintConfig(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const m = /^([a-z_][a-z0-9_]*)\s+= ?(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/** `gunicorn --check-config [-c configPath] [args] app`: rc 0 and empty output when gunicorn accepts it. */
export function gunicornCheckConfig(o: GunicornRunOptions): Ran {
  requireServer('gunicorn');
  return run(GUNICORN, ['--check-config', ...gunicornArgv(o)], { cwd: o.cwd, env: o.env, timeoutMs: o.timeoutMs });
}

/**
 * Run `/usr/bin/gunicorn [-c configPath] [args] app --bind 127.0.0.1:<free port>` (the command-line
 * bind wins over the file's), wait until GET / answers, and always stop it.
 */
export async function gunicornStartAndRequest(o: GunicornRunOptions & { path?: string; settleMs?: number }): Promise<StartedResponse> {
  requireServer('gunicorn');
  let last: StartedResponse | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const args = [...gunicornArgv({ configPath: o.configPath, args: o.args }), '--bind', `127.0.0.1:${port}`, o.app];
    last = await startAndRequest({ cmd: GUNICORN, args, port, cwd: o.cwd, env: o.env, timeoutMs: o.timeoutMs ?? 20_000, path: o.path, settleMs: o.settleMs });
    if (last.status !== 0 || !ADDR_IN_USE.test(last.stderr)) return last;
  }
  return last!;
}
