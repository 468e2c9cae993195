import { parse as parseDotenv } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadRenderer, type Format } from '../../src/render/index.js';
import { KNOWN_CODES } from '../../src/render/messages.js';
import { WORKER_CLASSES, WORKLOADS } from '../../src/core/classes.js';
import { rec } from '../core/helpers.js';

const opts = { color: false, explain: false, version: '0.0.0' };
const render = async (format: Format, r: ReturnType<typeof rec>) => (await loadRenderer(format))(r, opts);

describe('env', () => {
  it('gunicorn: WEB_CONCURRENCY and GUNICORN_CMD_ARGS, every other line a comment', async () => {
    const text = await render('env', rec({ cpus: 2, mem: '2g', workerClass: 'gevent', workload: 'io' }));
    expect(parseDotenv(text)).toEqual({
      WEB_CONCURRENCY: '2',
      GUNICORN_CMD_ARGS: '--bind=0.0.0.0:8000 --worker-class=gevent --worker-connections=1000 --timeout=30 --graceful-timeout=30 --keep-alive=5 --max-requests=29000 --max-requests-jitter=2900 --backlog=128',
    });
    expect(text.split('\n').filter((l) => l && !l.startsWith('#'))).toHaveLength(2);
  });
  it('uvicorn: UVICORN_* names click reads', async () => {
    const env = parseDotenv(await render('env', rec({ cpus: 2, mem: '2g', workerClass: 'uvicorn', dbMaxConnections: 20 })));
    // No UVICORN_LOOP: uvicorn's auto runs where uvloop is missing too.
    expect(env).toEqual({ UVICORN_HOST: '0.0.0.0', UVICORN_PORT: '8000', UVICORN_WORKERS: '2', UVICORN_LIMIT_CONCURRENCY: '11', UVICORN_BACKLOG: '64', UVICORN_TIMEOUT_KEEP_ALIVE: '5' });
  });
  it('waitress: WAITRESS_* for the serve() snippet', async () => {
    const env = parseDotenv(await render('env', rec({ cpus: 1, mem: '1g', workerClass: 'waitress' })));
    expect(env).toMatchObject({ WAITRESS_LISTEN: '0.0.0.0:8000', WAITRESS_THREADS: '4', WAITRESS_CONNECTION_LIMIT: '100', WAITRESS_CHANNEL_TIMEOUT: '120' });
  });
});

describe('gunicorn.conf.py', () => {
  it('reads WEB_CONCURRENCY for workers and adds the gc.freeze hook with preload', async () => {
    const text = await render('gunicorn', rec({ cpus: 2, mem: '2g', workerClass: 'sync', app: 'mysite.wsgi:application' }));
    expect(text).toContain('wsgi_app = "mysite.wsgi:application"');
    expect(text).toContain('workers = int(os.environ.get("WEB_CONCURRENCY", "4"))');
    expect(text).toContain('preload_app = True');
    expect(text).toMatch(/def when_ready\(server\):\n(\s+#.*\n)*\s+gc\.freeze\(\)/);
    expect(text).not.toContain('keepalive');
  });
  it('without preload there is no hook and no gc import', async () => {
    const text = await render('gunicorn', rec({ workerClass: 'gevent' }));
    expect(text).toContain('preload_app = False');
    expect(text).not.toContain('gc.freeze');
    expect(text).not.toContain('import gc');
  });
});

describe('compose', () => {
  it('limits equal the budget and compose waits longer than gunicorn’s graceful timeout', async () => {
    const doc = parseYaml(await render('compose', rec({ cpus: 1.5, mem: '768Mi', workerClass: 'gthread' })));
    const web = doc.services.web;
    expect(web.deploy.resources.limits).toEqual({ cpus: '1.5', memory: String(768 * 2 ** 20) });
    expect(web.command).toEqual(['gunicorn', 'app:app']);
    expect(web.environment.WEB_CONCURRENCY).toBe('2');
    expect(web.stop_grace_period).toBe('35s');
  });
  it('waitress carries its settings as waitress-serve flags', async () => {
    const doc = parseYaml(await render('compose', rec({ cpus: 1, mem: '1g', workerClass: 'waitress' })));
    expect(doc.services.web.command).toEqual(expect.arrayContaining(['waitress-serve', '--threads=4', '--listen=0.0.0.0:8000', 'app:app']));
  });
});

describe('k8s', () => {
  it('millicores for fractional CPUs, requests = limits', async () => {
    const doc = parseYaml(await render('k8s', rec({ cpus: 0.5, mem: '1Gi', workerClass: 'uvicorn-worker' })));
    expect(doc.resources).toEqual({ requests: { cpu: '500m', memory: '1024Mi' }, limits: { cpu: '500m', memory: '1024Mi' } });
    expect(doc.env).toContainEqual({ name: 'WEB_CONCURRENCY', value: '2' });
  });
});

describe('uvicorn and waitress snippets', () => {
  it('uvicorn: the command line with a factory', async () => {
    const text = await render('uvicorn', rec({ cpus: 2, mem: '2g', workerClass: 'uvicorn', app: 'svc.main:create_app()' }));
    expect(text.trim().split('\n').at(-1)).toBe('uvicorn --factory svc.main:create_app --host=0.0.0.0 --port=8000 --workers=2 --backlog=64 --timeout-keep-alive=5');
  });
  it('waitress: serve() reading WAITRESS_* with the values as defaults', async () => {
    const text = await render('waitress', rec({ cpus: 1, mem: '1g', workerClass: 'waitress', app: 'pkg.web:app' }));
    expect(text).toContain('from pkg.web import app');
    expect(text).toContain('threads=int(os.environ.get("WAITRESS_THREADS", "4")),');
    expect(text).toContain('asyncore_use_poll=os.environ.get("WAITRESS_ASYNCORE_USE_POLL", "false").lower() in ("1", "true", "yes", "on"),');
  });
});

describe('every comment-capable format opens with the inputs echoed', () => {
  for (const format of ['env', 'compose', 'k8s'] as const)
    it(format, async () => {
      const text = await render(format, rec({ cpus: 2, mem: '2g', workerClass: 'gthread' }));
      expect(text.split('\n')[0]).toMatch(/^# Generated by worker-tune 0\.0\.0 for gunicorn gthread\.$/);
      expect(text).toMatch(/^# Machine: 2 CPU \(given\), memory 2 GiB \(given: 2g read as 2 GiB\)\.$/m);
      expect(text).toMatch(/^# Regenerate: tune --cpus 2 --mem 2048Mi --class gthread --workload mixed$/m);
    });
});

it('every reason and finding the core can produce has words', () => {
  const seen = new Set<string>();
  for (const workerClass of WORKER_CLASSES)
    for (const workload of WORKLOADS)
      for (const extra of [{}, { users: 500, dbMaxConnections: 10, lbIdleTimeout: 60, shutdownGrace: 30 }, { rps: 5000, cpus: 0.5, mem: '300m' }, { preload: true }]) {
        const r = rec({ cpus: 4, mem: '2g', workerClass, workload, ...extra });
        for (const list of Object.values(r.rationale)) for (const x of list) seen.add(x.code);
        for (const w of r.warnings) seen.add(w.code);
      }
  const known = new Set([...KNOWN_CODES.reasons, ...KNOWN_CODES.findings]);
  expect([...seen].filter((c) => !known.has(c))).toEqual([]);
});
