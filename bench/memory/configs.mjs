// The server configurations the memory bench measures, and the command line of each.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const APPS_DIR = path.join(BENCH_DIR, 'apps');
export const PY = '/usr/bin/python3';
const GUNICORN = '/usr/bin/gunicorn';
const WAITRESS = '/usr/bin/waitress-serve';

const FLASK = 'flask_app:app';
const FASTAPI = 'fastapi_app:app';
const UVW = 'uvicorn.workers.UvicornWorker';

/**
 * server: gunicorn | uvicorn | waitress; workerClass: model class; c512: also run a c=512 load;
 * quick: part of --quick. `workers` counts worker processes (1 for single-process servers).
 */
export const CONFIGS = [
  { id: 'sync-w3', server: 'gunicorn', workerClass: 'sync', app: 'flask', workers: 3, quick: true },
  { id: 'sync-w3-preload', server: 'gunicorn', workerClass: 'sync', app: 'flask', workers: 3, preload: true },
  { id: 'sync-w3-preload-gcfreeze', server: 'gunicorn', workerClass: 'sync', app: 'flask', workers: 3, preload: true, gcFreeze: true, quick: true },
  { id: 'gthread-w2-t1', server: 'gunicorn', workerClass: 'gthread', app: 'flask', workers: 2, threads: 1, quick: true },
  { id: 'gthread-w2-t8', server: 'gunicorn', workerClass: 'gthread', app: 'flask', workers: 2, threads: 8 },
  { id: 'gthread-w2-t32', server: 'gunicorn', workerClass: 'gthread', app: 'flask', workers: 2, threads: 32, quick: true },
  { id: 'gevent-w2-wc1000', server: 'gunicorn', workerClass: 'gevent', app: 'flask', workers: 2, workerConnections: 1000, c512: true, quick: true },
  { id: 'uvicornworker-w3', server: 'gunicorn', workerClass: 'uvicorn-worker', app: 'fastapi', workers: 3, quick: true },
  { id: 'uvicornworker-w3-preload', server: 'gunicorn', workerClass: 'uvicorn-worker', app: 'fastapi', workers: 3, preload: true },
  { id: 'uvicornworker-w3-preload-gcfreeze', server: 'gunicorn', workerClass: 'uvicorn-worker', app: 'fastapi', workers: 3, preload: true, gcFreeze: true, quick: true },
  { id: 'uvicorn-w3', server: 'uvicorn', workerClass: 'uvicorn', app: 'fastapi', workers: 3, quick: true },
  { id: 'uvicorn-single', server: 'uvicorn', workerClass: 'uvicorn', app: 'fastapi', workers: 1, singleProcess: true, c512: true, quick: true },
  { id: 'waitress-t4', server: 'waitress', workerClass: 'waitress', app: 'flask', workers: 1, threads: 4, singleProcess: true, quick: true },
  { id: 'waitress-t16', server: 'waitress', workerClass: 'waitress', app: 'flask', workers: 1, threads: 16, singleProcess: true },
].map((c) => ({ threads: null, workerConnections: null, preload: false, gcFreeze: false, singleProcess: false, c512: false, quick: false, ...c }));

/** argv for a config, given the port. Access logs are off everywhere (see README notes in memory.md). */
export function commandFor(cfg, port) {
  const bind = `127.0.0.1:${port}`;
  const appRef = cfg.app === 'flask' ? FLASK : FASTAPI;
  if (cfg.server === 'gunicorn') {
    // gunicorn writes no access log unless --access-logfile is given (accesslog defaults to None).
    const k = { sync: 'sync', gthread: 'gthread', gevent: 'gevent', 'uvicorn-worker': UVW }[cfg.workerClass];
    const args = ['--bind', bind, '--workers', String(cfg.workers), '--worker-class', k, '--log-level', 'warning'];
    if (cfg.threads != null) args.push('--threads', String(cfg.threads));
    if (cfg.workerConnections != null) args.push('--worker-connections', String(cfg.workerConnections));
    if (cfg.preload) args.push('--preload');
    if (cfg.gcFreeze) args.push('--config', 'gcfreeze.conf.py');
    args.push(appRef);
    return { cmd: GUNICORN, args };
  }
  if (cfg.server === 'uvicorn') {
    const args = ['-m', 'uvicorn', appRef, '--host', '127.0.0.1', '--port', String(port), '--no-access-log', '--log-level', 'warning'];
    if (!cfg.singleProcess) args.push('--workers', String(cfg.workers));
    return { cmd: PY, args };
  }
  if (cfg.server === 'waitress') {
    // waitress has no access log.
    return { cmd: WAITRESS, args: [`--listen=${bind}`, `--threads=${cfg.threads}`, appRef] };
  }
  throw new Error(`unknown server ${cfg.server}`);
}

