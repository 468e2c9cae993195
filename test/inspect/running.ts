// Long-running real servers for the inspect tests: started in their own process group on a free
// loopback port, ready when GET / answers, always stopped (group SIGTERM, then SIGKILL, bounded), also
// when the test process exits. Each carries a mark in its environment so a test can prove that
// nothing it started is left. Clients that hold keep-alive connections open are here too.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { baseEnv, freePort } from '../helpers/real-servers.js';
import { processesMarked } from '../helpers/processes.js';
import { children, groupMembers, smapsRollup } from '../../src/proc/index.js';

const MARK = 'INSPECT_TEST_MARK';
const READY_MS = 20_000;
const GRACE_MS = 3000;

export interface Running {
  /** The process spawned (the group leader): the server, or the wrapper it runs under. */
  pid: number;
  port: number;
  output: () => string;
  stop: () => Promise<void>;
}

const live = new Set<number>();
process.on('exit', () => {
  for (const g of live) kill(-g, 'SIGKILL');
});

function kill(target: number, sig: NodeJS.Signals): void {
  try {
    process.kill(target, sig);
  } catch {
    /* gone */
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function stopGroup(child: ChildProcess): Promise<void> {
  const g = child.pid!;
  kill(-g, 'SIGTERM');
  const deadline = Date.now() + GRACE_MS;
  while (groupMembers(g).length > 0 && Date.now() < deadline) await sleep(50);
  if (groupMembers(g).length > 0) kill(-g, 'SIGKILL');
  const hard = Date.now() + 3000;
  while ((groupMembers(g).length > 0 || child.exitCode === null) && child.signalCode === null && Date.now() < hard) await sleep(20);
  live.delete(g);
}

/**
 * Spawn `cmd args` (with `{port}` in args replaced by a free port) in `cwd`, wait until GET / answers
 * and the tree has `processes` members below the spawned one (workers up), and return it running.
 */
export async function startServer(o: { cmd: string; args: string[]; cwd: string; mark: string; env?: Record<string, string>; descendants?: number }): Promise<Running> {
  const port = await freePort();
  const child = spawn(o.cmd, o.args.map((a) => a.replaceAll('{port}', String(port))), { cwd: o.cwd, env: baseEnv({ ...o.env, [MARK]: o.mark }), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child.pid!);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-32 * 1024)));
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-32 * 1024)));
  const running: Running = { pid: child.pid!, port, output: () => out, stop: () => stopGroup(child) };
  const deadline = Date.now() + READY_MS;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      await getOnce(port);
      if (descendantCount(child.pid!) >= (o.descendants ?? 0)) {
        await settle(child.pid!);
        return running;
      }
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  await running.stop();
  throw new Error(`${o.cmd} ${o.args.join(' ')} did not come up: ${out.slice(-2000)}`);
}

/** GET / on a connection of its own that is closed after the answer (fetch would keep it open: a client the tests do not count). */
function getOnce(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', agent: false, headers: { Connection: 'close' }, timeout: 1000 }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/**
 * Until the tree's memory holds still: one worker answering says nothing of another still importing
 * the app (uvicorn spawns its workers), whose PSS would move between two reads.
 */
async function settle(pid: number): Promise<void> {
  const total = () => [pid, ...descendants(pid)].reduce((s, p) => s + (smapsRollup(p)?.Pss ?? 0), 0);
  const deadline = Date.now() + 10_000;
  let before = total();
  while (Date.now() < deadline) {
    await sleep(300);
    const now = total();
    if (Math.abs(now - before) < 64 * 1024) return;
    before = now;
  }
}

function descendants(pid: number): number[] {
  return children(pid).flatMap((c) => [c.pid, ...descendants(c.pid)]);
}

function descendantCount(pid: number): number {
  return children(pid).reduce((n, c) => n + 1 + descendantCount(c.pid), 0);
}

/** Live processes whose environment carries this file's `mark`: what a test left behind. */
export const leftovers = (mark: string): number[] => processesMarked(MARK, mark);

export interface Held {
  /** Local ports of the client sockets (0 on a unix socket): the server sees them as its peers' ports. */
  ports: number[];
  close: () => void;
}

/**
 * `n` connections to 127.0.0.1:port kept open: after one keep-alive request each (`request`), or idle
 * without one (a sync worker that accepts one blocks reading it).
 */
export async function holdConnections(port: number | string, n: number, request = true): Promise<Held> {
  const sockets: net.Socket[] = [];
  for (let i = 0; i < n; i++) {
    // A number is a loopback port, a string a unix socket's path.
    const s = typeof port === 'number' ? net.connect({ port, host: '127.0.0.1' }) : net.connect({ path: port });
    sockets.push(s);
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.once('connect', () => {
        if (!request) return resolve();
        let got = '';
        s.on('data', (d: Buffer) => {
          got += d.toString();
          // The fixture apps answer "ok": a whole response has its headers and that body.
          if (/\r\n\r\n[\s\S]*ok$/.test(got)) resolve();
        });
        s.write(`GET / HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n`);
      });
    });
  }
  return { ports: sockets.map((s) => s.localPort ?? 0), close: () => sockets.forEach((s) => s.destroy()) };
}
