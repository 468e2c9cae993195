// Settings → command lines. The flags are the ones tune itself emits (its env, uvicorn and compose
// formats, from dist/render.js), so what is measured is what users get; only the bind is the
// bench's own (a free loopback port).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { GUNICORN, PY, ROOT, WAITRESS } from './settings.mjs';

const { loadRenderer } = await import(pathToFileURL(path.join(ROOT, 'dist', 'render.js')).href);

const notBind = (a) => !/^--(bind|host|port|uds|listen|unix-socket)=/.test(a);

async function render(format, rec) {
  const renderer = await loadRenderer(format);
  const text = await renderer(rec, { color: false, explain: false, version: 'bench' });
  return text.split('\n').filter((l) => l && !l.startsWith('#'));
}

/** The words of a command line tune printed; with a loopback bind it quotes none of them (checked). */
function words(line) {
  const out = line.split(' ').filter(Boolean);
  const quoted = out.find((w) => !/^[A-Za-z0-9_.:\/=@%+,-]+$/.test(w));
  if (quoted) throw new Error(`tune quoted "${quoted}" in "${line}": the bench splits plain words only`);
  return out;
}

/** The server's flags as tune emits them: GUNICORN_CMD_ARGS, the uvicorn command, waitress-serve's. */
async function emittedFlags(rec) {
  if (rec.server === 'gunicorn') {
    const line = (await render('env', rec)).find((l) => l.startsWith('GUNICORN_CMD_ARGS='));
    return words(line.slice('GUNICORN_CMD_ARGS='.length).replace(/^"(.*)"$/, '$1'));
  }
  // uvicorn <app> <flags>; waitress-serve <flags> <app> (compose's command, exec form).
  if (rec.server === 'uvicorn') return words((await render('uvicorn', rec))[0]).slice(2);
  return parseYaml((await render('compose', rec)).join('\n')).services.web.command.slice(1, -1);
}

/** gunicorn argv (without --bind and the app) for tune's settings. */
async function gunicornArgsFromSettings(rec) {
  const out = ['--workers', String(rec.settings.workers), ...(await emittedFlags(rec)).filter(notBind)];
  // tune's gunicorn.conf.py adds the gc.freeze() hook with preload, and puts heartbeats on tmpfs.
  if (rec.hooks?.gcFreezeOnReady ?? rec.settings.preload_app === true) out.push('--config', 'gcfreeze.conf.py'); // tune's JSON has no hooks: its preload says
  out.push('--worker-tmp-dir', '/dev/shm');
  return out;
}

/** The server argv (without the bind) of tune's recommendation. */
export async function argsFromSettings(rec) {
  if (rec.server === 'gunicorn') return gunicornArgsFromSettings(rec);
  return (await emittedFlags(rec)).filter(notBind);
}

/** { cmd, args(port) } for a server spec: { server, app, args } where args exclude the bind. */
export function commandOf(spec) {
  if (spec.server === 'gunicorn') {
    return { cmd: GUNICORN, args: (port) => ['--bind', `127.0.0.1:${port}`, '--log-level', 'warning', ...spec.args, spec.app] };
  }
  if (spec.server === 'uvicorn') {
    return { cmd: PY, args: (port) => ['-m', 'uvicorn', spec.app, '--host', '127.0.0.1', '--port', String(port), '--no-access-log', '--log-level', 'warning', ...spec.args] };
  }
  return { cmd: WAITRESS, args: (port) => [`--listen=127.0.0.1:${port}`, ...spec.args, spec.app] };
}

export function printable(spec) {
  const { cmd, args } = commandOf(spec);
  return [path.basename(cmd) === 'python3' ? 'python3' : path.basename(cmd), ...args('PORT')].join(' ');
}
