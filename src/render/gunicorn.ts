// gunicorn.conf.py. WEB_CONCURRENCY overrides workers (as gunicorn's own default of `workers` does)
// and GUNICORN_CMD_ARGS overrides any line, because gunicorn applies it after the file.
import { RenderError, type Renderer } from './types.js';
import { commentBlock, headerLines } from './header.js';
import { explainReason } from './messages.js';
import { pyLiteral } from './python.js';

export const renderGunicornConf: Renderer = (rec, opts) => {
  if (rec.server !== 'gunicorn') throw new RenderError(`the gunicorn format is for gunicorn classes (sync, gthread, gevent, uvicorn-worker), not ${rec.workerClass}`);
  const out: string[] = [commentBlock(headerLines(rec, opts.version)).trimEnd(), '', 'import os'];
  if (rec.hooks.gcFreezeOnReady) out.push('import gc');
  out.push('', `wsgi_app = ${pyLiteral(rec.input.app)}`);
  for (const [key, value] of Object.entries(rec.settings)) {
    const reason = rec.rationale[key]?.[0];
    if (reason) out.push(commentBlock([explainReason(reason)]).trimEnd());
    out.push(key === 'workers' ? `workers = int(os.environ.get("WEB_CONCURRENCY", ${pyLiteral(String(value))}))` : `${key} = ${pyLiteral(value)}`);
  }
  out.push(
    '# Heartbeat files on tmpfs: on a disk-backed /tmp, fchmod can block workers (gunicorn FAQ).',
    'worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None',
  );
  if (rec.hooks.gcFreezeOnReady) {
    out.push(
      '',
      '',
      'def when_ready(server):',
      '    # Move everything the preloaded app allocated out of the collector\'s reach, so the first',
      '    # collections in each worker do not write to (and un-share) the pages inherited from the master.',
      '    gc.freeze()',
    );
  }
  return out.join('\n') + '\n';
};
