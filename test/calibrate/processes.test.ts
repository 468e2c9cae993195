// The load generator, the start-up watch and the process-group cleanup, without Python: a node:http
// server, `sh` and `sleep` stand in for the servers.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Interrupted, stopGroup, trackGroup, withChildCleanup } from '../../src/calibrate/children.js';
import { runLoad } from '../../src/calibrate/load.js';
import { groupAlive } from '../../src/proc/index.js';
import { ServerError, startServer } from '../../src/calibrate/server.js';

let server: http.Server;
let url = '';
const sockets = new Set<string>();
let answered = 0; // responses the server finished sending
const byPath = new Map<string, number>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    sockets.add(`${req.socket.remotePort}`);
    byPath.set(req.url ?? '', (byPath.get(req.url ?? '') ?? 0) + 1);
    if (req.url === '/hang') return; // never answers
    if (req.url === '/missing') res.statusCode = 404;
    setTimeout(() => res.end('ok', () => answered++), 5);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('runLoad', () => {
  it('keeps exactly `concurrency` connections alive for the duration, and counts what the server answered', async () => {
    sockets.clear();
    answered = 0;
    const r = await runLoad({ urls: [`${url}/`], concurrency: 4, durationMs: 500, graceMs: 1000 });
    expect(sockets.size).toBe(4);
    expect(r.requests).toBe(answered);
    expect(r).toMatchObject({ ok: answered, errors: 0, abandoned: 0 });
    expect(r.meanLatencyMs).toBeGreaterThan(4);
    expect(r.elapsedS).toBeLessThan(1);
  });

  it('sends a mix of paths in turn, so a path given twice gets twice the requests', async () => {
    byPath.clear();
    const r = await runLoad({ urls: [`${url}/a`, `${url}/b`, `${url}/a`], concurrency: 3, durationMs: 300, graceMs: 1000 });
    const [a, b] = [byPath.get('/a') ?? 0, byPath.get('/b') ?? 0];
    expect(a + b).toBe(r.requests);
    expect(b).toBeGreaterThan(5);
    expect(Math.abs(a - 2 * b)).toBeLessThanOrEqual(2);
  });

  it('counts non-2xx answers apart and names the commonest', async () => {
    answered = 0;
    const r = await runLoad({ urls: [`${url}/missing`], concurrency: 2, durationMs: 200, graceMs: 1000 });
    expect(r).toMatchObject({ ok: 0, requests: answered, badStatus: 404 });
  });

  it('cuts off requests still in flight at the hard limit', async () => {
    const t0 = Date.now();
    const r = await runLoad({ urls: [`${url}/hang`], concurrency: 3, durationMs: 200, graceMs: 300 });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r).toMatchObject({ requests: 0, abandoned: 3, errors: 0, meanLatencyMs: null });
  });

  it('with minRequests, goes on past the duration until that many answers came, and no further', async () => {
    // 2 connections × one answer per 5+ ms: about 40 in 100 ms, so 150 needs ~400 ms more.
    const r = await runLoad({ urls: [`${url}/`], concurrency: 2, durationMs: 100, graceMs: 1000, minRequests: 150, maxDurationMs: 5000 });
    expect(r.requests).toBeGreaterThanOrEqual(150);
    expect(r.requests).toBeLessThan(150 + 2 + 1); // the lanes stop once it is reached: at most one more each
    expect(r.elapsedS).toBeGreaterThan(0.3);
  });

  it('with minRequests out of reach, stops at maxDurationMs', async () => {
    const r = await runLoad({ urls: [`${url}/`], concurrency: 1, durationMs: 100, graceMs: 1000, minRequests: 1e6, maxDurationMs: 400 });
    expect(r.elapsedS).toBeGreaterThan(0.35);
    expect(r.elapsedS).toBeLessThan(1);
    expect(r.requests).toBeLessThan(1e6);
  });

  it('counts connection errors without spinning', async () => {
    const r = await runLoad({ urls: ['http://127.0.0.1:1/'], concurrency: 2, durationMs: 200, graceMs: 200 });
    expect(r.requests).toBe(0);
    expect(r.errors).toBeGreaterThan(0);
    expect(r.errors).toBeLessThan(100); // backs off between attempts
  });
});

describe('withChildCleanup', () => {
  const sleeper = () => {
    const c = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
    trackGroup(c.pid!);
    return c.pid!;
  };

  it('stops the groups left running when the work ends, also by an error', async () => {
    let pid = 0;
    await expect(
      withChildCleanup(async () => {
        pid = sleeper();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(groupAlive(pid)).toBe(false);
  });

  it('on SIGINT stops the groups, exits 130, and reports it', async () => {
    const listeners = process.listenerCount('SIGINT');
    let pid = 0;
    const codes: number[] = [];
    const run = withChildCleanup(
      async () => {
        pid = sleeper();
        process.emit('SIGINT', 'SIGINT');
        await new Promise((r) => setTimeout(r, 100));
        return 'finished';
      },
      (c) => codes.push(c),
    );
    await expect(run).rejects.toBeInstanceOf(Interrupted);
    expect(codes).toEqual([130]);
    expect(groupAlive(pid)).toBe(false);
    expect(process.listenerCount('SIGINT')).toBe(listeners);
  });

  it('stopGroup SIGKILLs a group that ignores SIGTERM', async () => {
    const c = spawn('sh', ['-c', 'trap "" TERM; sleep 60 & wait'], { detached: true, stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    expect(await stopGroup(c.pid!, 300)).toBe(true);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(groupAlive(c.pid!)).toBe(false);
  });
});

describe('startServer fails fast, with a reason, and leaves nothing', () => {
  const start = (script: string, timeoutMs = 20_000, multiProcess = true) =>
    startServer({ python: '/bin/sh', args: () => ['-c', script], env: { PATH: '/usr/bin:/bin' }, cwd: '/', path: '/', timeoutMs, multiProcess });
  const attempt = async (p: Promise<unknown>) => {
    const t0 = Date.now();
    const e = await p.then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ServerError);
    return { message: (e as ServerError).message, output: (e as ServerError).output, ms: Date.now() - t0 };
  };

  it('a server that exits: its exit code and what it printed', async () => {
    const r = await attempt(start('echo "ModuleNotFoundError: No module named x" >&2; exit 3'));
    expect(r.message).toBe('the server exited during start-up (exit code 3)');
    expect(r.output).toContain('ModuleNotFoundError');
  });

  it('a master whose workers died (left unreaped, as gunicorn 20.1 and uvicorn 0.17 can): about 2 s', async () => {
    // The shell forks a short-lived "worker", then becomes a process that never reaps it nor listens.
    const r = await attempt(start('sleep 0.4 & exec sleep 60'));
    expect(r.message).toBe('its workers exited during start-up');
    expect(r.ms).toBeLessThan(6000);
  });

  it('nothing answering: the start-up timeout', async () => {
    const r = await attempt(start('exec sleep 60', 500, false));
    expect(r.message).toMatch(/^no answer to GET \/ within the 0\.5 s start-up timeout/);
    expect(r.ms).toBeLessThan(4000);
  });
});
