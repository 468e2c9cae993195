// gunicorn.conf.py. WEB_CONCURRENCY overrides workers (as gunicorn's own default of `workers` does)
// and GUNICORN_CMD_ARGS overrides any line, because gunicorn applies it after the file.
import { LEGACY_UVICORN_WORKER_PATH, UVICORN_WORKER_PATH } from '../core/classes.js';
import { GC_FREEZE_HOOK } from '../core/gc-freeze.js';
import { portFromEnv, splitBind } from '../core/settings/common.js';
import type { Recommendation, SettingValue } from '../core/types.js';
import { RenderError, type Renderer } from './types.js';
import { commentBlock, headerLines } from './header.js';
import { explainReason } from './messages.js';
import { pyLiteral } from './python.js';

export const renderGunicornConf: Renderer = (rec, opts) => {
  if (rec.server !== 'gunicorn') throw new RenderError(`the gunicorn format is for gunicorn classes (sync, gthread, gevent, uvicorn-worker), not ${rec.workerClass}`);
  const choosesWorker = rec.workerClass === 'uvicorn-worker' && !rec.input.legacyUvicornWorker;
  const out: string[] = [commentBlock(headerLines(rec, opts.version)).trimEnd(), '', 'import os'];
  if (rec.hooks.gcFreezeOnReady) out.push('import gc');
  if (choosesWorker) out.push('import importlib.util');
  out.push('', `wsgi_app = ${pyLiteral(rec.input.app)}`);
  for (const [key, value] of Object.entries(rec.settings)) {
    const reason = rec.rationale[key]?.[0];
    if (reason) out.push(commentBlock([explainReason(reason)]).trimEnd());
    out.push(`${key} = ${expression(rec, key, value, choosesWorker)}`);
  }
  out.push(
    '# Heartbeat files on tmpfs: on a disk-backed /tmp, fchmod can block workers (gunicorn FAQ).',
    'worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None',
  );
  if (rec.hooks.gcFreezeOnReady) out.push('', '', ...GC_FREEZE_HOOK);
  return out.join('\n') + '\n';
};

/** The Python expression of one setting: most are literals, a few are decided when gunicorn starts. */
function expression(rec: Recommendation, key: string, value: SettingValue, choosesWorker: boolean): string {
  if (key === 'workers') return `int(os.environ.get("WEB_CONCURRENCY", ${pyLiteral(String(value))}))`;
  if (key === 'bind' && portFromEnv(rec.input.bind)) {
    // The platform hands the port in $PORT; a local run without it listens on 8000.
    const bind = splitBind(rec.input.bind);
    const host = 'host' in bind && bind.host.includes(':') ? `[${bind.host}]` : 'host' in bind ? bind.host : '0.0.0.0';
    return `${pyLiteral(`${host}:`)} + os.environ.get("PORT", "8000")`;
  }
  // uvicorn ≥ 0.30 moved UvicornWorker into the uvicorn-worker package; older uvicorn (Debian's 0.17) has
  // only uvicorn.workers: take whichever is installed where the file runs.
  if (key === 'worker_class' && choosesWorker)
    return `${pyLiteral(UVICORN_WORKER_PATH)} if importlib.util.find_spec("uvicorn_worker") else ${pyLiteral(LEGACY_UVICORN_WORKER_PATH)}`;
  return pyLiteral(value);
}
