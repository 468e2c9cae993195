// Start a server as a detached process group and wait until it answers HTTP.
import { spawn } from 'node:child_process';
import { trackGroup, stopGroup } from './cleanup.mjs';
import { httpGet } from './http.mjs';
import { freePort } from './port.mjs';
import { sleep, TailBuffer } from './util.mjs';

/**
 * Spawn `cmd args` detached (own session and process group, so stop() reaches every worker),
 * then poll `GET http://host:port/readyPath` until any HTTP response arrives.
 *
 * The server must bind `host:port`; pass `args` as a function `(port) => string[]` to build the
 * bind argument from the port chosen here (a free port is picked when `port` is omitted).
 * stdout and stderr are captured (last 64 KiB each), so a start that fails reports the server's
 * own message. The group is registered with cleanup.mjs, so installCleanupHandlers() stops it on
 * SIGINT or exit even if the caller never calls stop().
 *
 * @param {object} o
 * @param {string} o.cmd                   executable (absolute path recommended)
 * @param {string[] | ((port:number)=>string[])} o.args
 * @param {Record<string,string>} [o.env]  full environment (default: process.env)
 * @param {string} [o.cwd]
 * @param {number} [o.port]                default: a free ephemeral port
 * @param {string} [o.host]                default 127.0.0.1
 * @param {string} [o.readyPath]           default '/'
 * @param {number} [o.readyTimeoutMs]      default 30000
 * @param {string} [o.label]               name used in messages
 * @returns {Promise<{pid:number, pgid:number, port:number, url:string, stdout:()=>string,
 *   stderr:()=>string, exited:()=>({code:number|null, signal:string|null}|null),
 *   stop:(opts?:{graceMs?:number})=>Promise<{forced:boolean, gone:boolean}>}>}
 *   Rejects (after stopping the group) when the process exits, fails to spawn, or is not ready in time;
 *   the error message ends with the captured stderr, and `error.serverOutput` holds stdout+stderr.
 */
export async function startServer({
  cmd,
  args = [],
  env = process.env,
  cwd,
  port,
  host = '127.0.0.1',
  readyPath = '/',
  readyTimeoutMs = 30000,
  label,
}) {
  if (port == null) port = await freePort(host);
  const argv = typeof args === 'function' ? args(port) : args;
  const name = label ?? `${cmd} ${argv.join(' ')}`;
  const child = spawn(cmd, argv, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = new TailBuffer();
  const err = new TailBuffer();
  child.stdout.on('data', (d) => out.push(d));
  child.stderr.on('data', (d) => err.push(d));
  let exitInfo = null;
  let spawnError = null;
  child.on('exit', (code, signal) => {
    exitInfo = { code, signal };
  });
  child.on('error', (e) => {
    spawnError = e;
  });
  // 'spawn' or 'error' fires first; wait for one so child.pid is known (or the error is).
  await new Promise((resolve) => {
    child.once('spawn', resolve);
    child.once('error', resolve);
  });
  if (spawnError) throw new Error(`${name}: cannot start: ${spawnError.message}`);
  const pid = child.pid;
  trackGroup(pid, name);

  let stopped = null;
  const stop = (opts = {}) => {
    stopped ??= stopGroup(pid, opts).finally(() => {
      child.stdout.destroy();
      child.stderr.destroy();
    });
    return stopped;
  };
  const url = `http://${host}:${port}`;
  const fail = async (why) => {
    await stop({ graceMs: 2000 });
    const tail = (err.toString() || out.toString()).trim().split('\n').slice(-20).join('\n');
    const e = new Error(`${name}: ${why}${tail ? `\n--- server output (tail) ---\n${tail}` : ''}`);
    e.serverOutput = out.toString() + err.toString();
    throw e;
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exitInfo) await fail(`exited during start-up (code ${exitInfo.code}, signal ${exitInfo.signal})`);
    try {
      await httpGet(url + readyPath, { timeoutMs: 1000 });
      break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) await fail(`not answering GET ${readyPath} on port ${port} after ${readyTimeoutMs} ms`);
    await sleep(100);
  }

  return {
    pid,
    pgid: pid,
    port,
    url,
    stdout: () => out.toString(),
    stderr: () => err.toString(),
    exited: () => exitInfo,
    stop,
  };
}
