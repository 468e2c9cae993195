// Starts a server in its own process group on a free loopback port and waits until it answers, or
// fails with the server's own last words (ModuleNotFoundError, "Failed to find attribute", …).
import { spawn } from 'node:child_process';
import net from 'node:net';
import { trackGroup, stopGroup } from './children.js';
import { HOST } from './command.js';
import { getOnce } from './load.js';
import { processTree } from '../proc/index.js';
import { isHelper } from './command.js';

/** The server did not come up, or stopped serving while measured: exit 2, with what it printed. */
export class ServerError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

export interface Server {
  pid: number;
  port: number;
  url: string;
  output: () => string;
  exited: () => boolean;
  /** Stops the whole process group; true when nothing is left. */
  stop: (graceMs?: number) => Promise<boolean>;
}

export interface StartOptions {
  python: string;
  args: (port: number) => string[];
  env: Record<string, string>;
  cwd: string;
  path: string;
  timeoutMs: number;
  multiProcess: boolean;
}

const OUTPUT_LIMIT = 64 * 1024; // the tail of a chatty server's output is all a failure report needs
const POLL_MS = 100; // between readiness probes: start-up is seconds, so 100 ms costs nothing
const PROBE_TIMEOUT_MS = 1000; // a listening server answers a probe far sooner
// uvicorn 0.17's supervisor keeps running when every spawned worker failed to import the app, and
// gunicorn 20.1's arbiter can hang for graceful_timeout after a worker failed to boot: a tree without
// live workers (after it had some) for longer than the arbiter's 1 s loop takes to replace one has failed.
const NO_WORKERS_MS = 2000;
const PORT_ATTEMPTS = 3; // the free port may be taken between our probe and the server's bind
// A server that failed to start has nothing in flight to finish: a worker stuck importing the app
// (sleeping, or waiting on a database) only leaves on SIGKILL.
const FAILED_GRACE_MS = 2000;

/** A free ephemeral port on loopback (bind port 0, close); the server retries if it loses the race. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen({ port: 0, host: HOST, exclusive: true }, () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export async function startServer(o: StartOptions): Promise<Server> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(o, await freePort());
    } catch (e) {
      if (attempt >= PORT_ATTEMPTS || !(e instanceof ServerError) || !/address already in use|Errno 98/i.test(e.output)) throw e;
    }
  }
}

async function startOnce(o: StartOptions, port: number): Promise<Server> {
  const child = spawn(o.python, o.args(port), { cwd: o.cwd, env: o.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > OUTPUT_LIMIT) out = out.slice(-OUTPUT_LIMIT);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exitInfo: string | null = null;
  child.on('exit', (code, signal) => (exitInfo = signal ? `signal ${signal}` : `exit code ${code}`));
  const spawnError = await new Promise<Error | null>((resolve) => {
    child.once('spawn', () => resolve(null));
    child.once('error', resolve);
  });
  if (spawnError || child.pid === undefined) throw new ServerError(`cannot run ${o.python}: ${spawnError?.message ?? 'no pid'}`, '');
  const pid = child.pid;
  trackGroup(pid);

  let stopped: Promise<boolean> | undefined;
  const server: Server = {
    pid,
    port,
    url: `http://${HOST}:${port}`,
    output: () => out,
    exited: () => exitInfo !== null,
    stop: (graceMs?: number) =>
      (stopped ??= stopGroup(pid, graceMs).finally(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      })),
  };
  const why = await untilReady(server, o, () => exitInfo);
  if (why !== null) {
    const said = out; // before our SIGTERM adds the server's shutdown lines
    await server.stop(FAILED_GRACE_MS);
    throw new ServerError(why, said);
  }
  return server;
}

/**
 * Null once GET o.path answers; else why the server failed to start. A watcher decides failure (exit,
 * workers gone, timeout) while the probes run, so neither waits on the other: a probe may block a
 * second, and a worker that dies at import lives a few hundred ms.
 */
async function untilReady(server: Server, o: StartOptions, exitInfo: () => string | null): Promise<string | null> {
  const failing = startupVerdict(server.pid, o, exitInfo);
  let probing = true;
  let watch: NodeJS.Timeout | undefined;
  const failed = new Promise<string>((resolve) => {
    watch = setInterval(() => {
      const why = failing();
      if (why) resolve(why);
    }, POLL_MS);
  });
  const ready = (async () => {
    while (probing) {
      try {
        await getOnce(server.url + o.path, PROBE_TIMEOUT_MS);
        return null;
      } catch {
        await new Promise((r) => setTimeout(r, POLL_MS)); // not answering yet
      }
    }
    return null;
  })();
  const why = await Promise.race([ready, failed]);
  probing = false;
  clearInterval(watch);
  return why;
}

/** A check, polled during start-up, that says why the server has failed (exited, lost its workers, too slow), or null. */
function startupVerdict(pid: number, o: StartOptions, exitInfo: () => string | null): () => string | null {
  const deadline = Date.now() + o.timeoutMs;
  let sawWorkers = false;
  let noWorkersSince: number | null = null;
  return () => {
    const exit = exitInfo();
    if (exit) return `the server exited during start-up (${exit})`;
    if (o.multiProcess) {
      const workers = processTree(pid).filter((p) => p.depth === 1 && !isHelper(p)).length;
      if (workers > 0) {
        sawWorkers = true;
        noWorkersSince = null;
      } else if (sawWorkers) {
        noWorkersSince ??= Date.now();
        if (Date.now() - noWorkersSince > NO_WORKERS_MS) return 'its workers exited during start-up';
      }
    }
    if (Date.now() > deadline) return `no answer to GET ${o.path} within the ${o.timeoutMs / 1000} s start-up timeout (--startup-timeout)`;
    return null;
  };
}

/** The line that says what went wrong: the last Python exception or app-loading error; null if none. (Pure.) */
export function summarize(output: string): string | null {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .reverse();
  const exception = lines.find((l) => /^([A-Za-z_][\w.]*(Error|Exception)|Error):\s/.test(l));
  return exception ?? lines.find((l) => /Error loading|Could not import|Failed to find/.test(l)) ?? null;
}

/** The last `n` non-empty lines of the output. (Pure.) */
export function tail(output: string, n: number): string[] {
  return output.split('\n').filter((l) => l.trim()).slice(-n);
}
