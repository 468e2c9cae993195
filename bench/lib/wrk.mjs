// Run wrk (https://github.com/wg/wrk, Debian package `wrk`) and parse its `--latency` report.
import { spawn } from 'node:child_process';
import { trackGroup, stopGroup } from './cleanup.mjs';
import { TailBuffer } from './util.mjs';

const UNIT_MS = { us: 0.001, ms: 1, s: 1000, m: 60000, h: 3600000 };

/** wrk duration text ("51.23ms", "1.20s", "980.00us", "2.00m") -> milliseconds; null if unparsable. */
function parseWrkDuration(text) {
  const m = /^([\d.]+)(us|ms|s|m|h)$/.exec(String(text).trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]] : null;
}

/**
 * Parse wrk's text report (run with --latency).
 * `errors` = socket connect + read + write errors + non-2xx/3xx responses; `timeouts` is wrk's
 * own timeout count (requests with no response within --timeout), kept apart.
 * @returns {{rps:number, requests:number, durationS:number, p50Ms:number|null, p75Ms:number|null,
 *   p90Ms:number|null, p99Ms:number|null, avgLatencyMs:number|null, errors:number, timeouts:number,
 *   socketErrors:{connect:number, read:number, write:number, timeout:number}, non2xx:number}}
 */
function parseWrkOutput(text) {
  const rpsM = /Requests\/sec:\s+([\d.]+)/.exec(text);
  const reqM = /(\d+) requests in ([\d.]+\w+),/.exec(text);
  if (!rpsM || !reqM) throw new Error(`cannot parse wrk output:\n${text}`);
  const pct = {};
  for (const m of text.matchAll(/^\s+(50|75|90|99)(?:\.0+)?%\s+([\d.]+\w+)\s*$/gm)) pct[m[1]] = parseWrkDuration(m[2]);
  const avgM = /Latency\s+([\d.]+\w+)/.exec(text);
  const se = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const socketErrors = se
    ? { connect: +se[1], read: +se[2], write: +se[3], timeout: +se[4] }
    : { connect: 0, read: 0, write: 0, timeout: 0 };
  const nonM = /Non-2xx or 3xx responses: (\d+)/.exec(text);
  const non2xx = nonM ? Number(nonM[1]) : 0;
  return {
    rps: Number(rpsM[1]),
    requests: Number(reqM[1]),
    durationS: parseWrkDuration(reqM[2]) / 1000,
    p50Ms: pct['50'] ?? null,
    p75Ms: pct['75'] ?? null,
    p90Ms: pct['90'] ?? null,
    p99Ms: pct['99'] ?? null,
    avgLatencyMs: avgM ? parseWrkDuration(avgM[1]) : null,
    errors: socketErrors.connect + socketErrors.read + socketErrors.write + non2xx,
    timeouts: socketErrors.timeout,
    socketErrors,
    non2xx,
  };
}

/**
 * Run `wrk --latency -t threads -c connections -d durationS --timeout timeoutS url` in its own
 * process group. The run is bounded by wrk's -d; as a backstop the group is killed if wrk has not
 * finished `graceS` seconds after the planned end (then the promise rejects).
 * @param {object} o
 * @param {string} o.url
 * @param {number} o.connections
 * @param {number} [o.threads]     default min(2, connections); wrk needs threads <= connections
 * @param {number} o.durationS     whole seconds
 * @param {number} [o.timeoutS]    wrk's per-request timeout, default 2
 * @param {string[]} [o.extraArgs] e.g. ['-H', 'Connection: close'] or ['-s', 'script.lua']
 * @param {string} [o.wrkPath]     default 'wrk'
 * @param {number} [o.graceS]      default 15
 * @param {(pid:number)=>void} [o.onSpawn]  called with wrk's PID once it started (e.g. to sample its CPU)
 * @returns {Promise<ReturnType<typeof parseWrkOutput> & {raw:string}>}
 */
export function runWrk({ url, connections, threads, durationS, timeoutS = 2, extraArgs = [], wrkPath = 'wrk', graceS = 15, onSpawn }) {
  const t = threads ?? Math.min(2, connections);
  const args = ['--latency', '-t', String(t), '-c', String(connections), '-d', `${Math.round(durationS)}s`, '--timeout', `${timeoutS}s`, ...extraArgs, url];
  return new Promise((resolve, reject) => {
    const child = spawn(wrkPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = new TailBuffer(256 * 1024);
    const err = new TailBuffer();
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    let untrack = () => {};
    let killedByTimer = false;
    const timer = setTimeout(() => {
      killedByTimer = true;
      stopGroup(child.pid, { graceMs: 1000 });
    }, (durationS + timeoutS + graceS) * 1000);
    child.once('spawn', () => {
      untrack = trackGroup(child.pid, `wrk ${url}`);
      if (onSpawn) onSpawn(child.pid);
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      untrack();
      reject(new Error(`cannot run ${wrkPath}: ${e.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      untrack();
      const raw = out.toString();
      if (killedByTimer) return reject(new Error(`wrk did not finish in time and was killed\n${raw}${err}`));
      if (code !== 0) return reject(new Error(`wrk exited with code ${code} signal ${signal}\n${raw}${err}`));
      try {
        resolve({ ...parseWrkOutput(raw), raw });
      } catch (e) {
        reject(e);
      }
    });
  });
}
