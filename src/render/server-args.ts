// A recommendation as each server's command line and environment, for the env, compose, k8s and
// command renderers. Flags and variable names come from the settings catalogue (src/servers).
import { portFromEnv, splitBind } from '../core/settings/common.js';
import { flagWords } from '../servers/command-line.js';
import { setting } from '../servers/lookups.js';
import type { ServerName } from '../servers/types.js';
import type { Recommendation, SettingValue } from '../core/types.js';
import { RenderError } from './types.js';

/** A word of a command line: literal text, or text a shell must expand when the server starts ($PORT). */
export type Word = string | { shell: string };

/** The platform's port at start-up, with the server's usual port when it is not set (a local run). */
const PORT_WORD = '${PORT:-8000}';

/** The settings a server's command line (and GUNICORN_CMD_ARGS, UVICORN_*) carries: those with a flag. */
const onCommandLine = (server: ServerName, settings: Record<string, SettingValue>, skip: string[]) =>
  Object.fromEntries(Object.entries(settings).filter(([k]) => !skip.includes(k) && (setting(server, k)?.flags.length ?? 0) > 0));

/**
 * GUNICORN_CMD_ARGS: every setting but workers, which WEB_CONCURRENCY carries. gunicorn splits it
 * without expanding variables (shlex), so a $PORT bind is left to gunicorn itself: with PORT set and
 * no bind given it listens on 0.0.0.0:$PORT (config.py, Bind's default).
 */
function gunicornCmdArgs(rec: Recommendation): string[] {
  if (!portFromEnv(rec.input.bind)) return flagWords('gunicorn', onCommandLine('gunicorn', rec.settings, ['workers']));
  const bind = splitBind(rec.input.bind);
  if ('host' in bind && bind.host !== '0.0.0.0')
    throw new RenderError(`--bind ${rec.input.bind}: gunicorn binds $PORT by itself only on 0.0.0.0, and GUNICORN_CMD_ARGS cannot expand $PORT; use --format gunicorn`);
  return flagWords('gunicorn', onCommandLine('gunicorn', rec.settings, ['workers', 'bind']));
}

/** uvicorn's flags; a $PORT port is expanded by the shell that starts it (uvicorn does not read PORT). */
function uvicornArgs(rec: Recommendation): Word[] {
  const env = portFromEnv(rec.input.bind);
  const out: Word[] = flagWords('uvicorn', onCommandLine('uvicorn', rec.settings, env ? ['port'] : []));
  if (env) out.push({ shell: `--port=${PORT_WORD}` });
  return out;
}

/** waitress-serve flags: every adjustment as --kebab-case (waitress/runner.py). */
function waitressArgs(rec: Recommendation): Word[] {
  const env = portFromEnv(rec.input.bind);
  const out: Word[] = flagWords('waitress', onCommandLine('waitress', rec.settings, env ? ['listen'] : []));
  if (env) out.unshift({ shell: `--listen=${String(rec.settings.listen).replace('$PORT', PORT_WORD)}` });
  return out;
}

/** The environment a stock server reads, as name → value (strings, as environments are). */
export function serverEnv(rec: Recommendation): [string, string][] {
  const s = rec.settings;
  if (rec.server === 'gunicorn') {
    // gunicorn reads WEB_CONCURRENCY as the default of workers, and GUNICORN_CMD_ARGS as extra flags.
    return [
      ['WEB_CONCURRENCY', String(s.workers)],
      ['GUNICORN_CMD_ARGS', gunicornCmdArgs(rec).join(' ')],
    ];
  }
  if (rec.server === 'uvicorn') {
    const env = portFromEnv(rec.input.bind);
    // click reads UVICORN_<NAME> for each option (auto_envvar_prefix); the catalogue lists it first.
    return Object.entries(s)
      .filter(([k, v]) => v !== null && !(env && k === 'port'))
      .flatMap(([k, v]): [string, string][] => {
        const name = setting('uvicorn', k)?.env.find((e) => e.startsWith('UVICORN_'));
        return name ? [[name, String(v)]] : [];
      });
  }
  // waitress has no environment of its own: the emitted serve() snippet reads these (and $PORT itself).
  const env = portFromEnv(rec.input.bind);
  return Object.entries(s)
    .filter(([k, v]) => v !== null && !(env && k === 'listen'))
    .map(([k, v]) => [`WAITRESS_${k.toUpperCase()}`, String(v)]);
}

/** The app reference the way each launcher wants it: a trailing () is a factory. */
export function appRef(app: string): { target: string; factory: boolean } {
  return app.endsWith('()') ? { target: app.slice(0, -2), factory: true } : { target: app, factory: false };
}

/**
 * The server's command line. Without flags, the settings come from the environment (serverEnv), except
 * what a shell must expand at start-up ($PORT for uvicorn), which stays on the command line.
 */
export function serverCommand(rec: Recommendation, withFlags: boolean): Word[] {
  const { target, factory } = appRef(rec.input.app);
  if (rec.server === 'gunicorn') return ['gunicorn', rec.input.app];
  if (rec.server === 'uvicorn') {
    const args = withFlags ? uvicornArgs(rec) : uvicornArgs(rec).filter((w) => typeof w !== 'string');
    return ['uvicorn', ...(factory ? ['--factory'] : []), target, ...args];
  }
  return ['waitress-serve', ...waitressArgs(rec), ...(factory ? ['--call'] : []), target];
}

/** Quotes a word for POSIX sh only when it needs it; a shell word stays open to expansion, in double quotes. */
export function shellWord(word: Word): string {
  if (typeof word !== 'string') return word.shell.replace(/^(--[a-z-]+=)?(.*)$/, (_, flag: string | undefined, rest: string) => `${flag ?? ''}"${rest}"`);
  return /^[A-Za-z0-9_.:\/=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function shellLine(words: Word[]): string {
  return words.map(shellWord).join(' ');
}

/** Exec form (compose, Kubernetes): plain argv, or `sh -c` when a word needs the shell's expansion. */
export function execForm(words: Word[]): string[] {
  if (words.every((w) => typeof w === 'string')) return words as string[];
  return ['sh', '-c', `exec ${shellLine(words)}`];
}
