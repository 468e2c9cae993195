// What /proc tells about a server's processes beyond memory: threads, and the TCP connections each
// process holds on the server's port (where the kernel put the keep-alive connections).
import fs from 'node:fs';
import { processTree, smapsRollup } from '../lib/index.mjs';

/** Threads of a process (/proc/PID/status), null when gone. */
function threadCount(pid) {
  try {
    return Number(/^Threads:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  } catch {
    return null;
  }
}

/** inode → state of every TCP socket whose local port is `port` (/proc/net/tcp and tcp6). */
function socketsOnPort(port) {
  const out = new Map();
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text;
    try {
      text = fs.readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const c = line.trim().split(/\s+/);
      if (c.length < 10) continue;
      if (c[1].split(':')[1] !== hexPort) continue;
      out.set(c[9], c[3]); // 01 ESTABLISHED, 0A LISTEN, ...
    }
  }
  return out;
}

/** Established connections on `port` held by each of `pids` ({pid: n}). */
export function connectionsByProcess(pids, port) {
  const sockets = socketsOnPort(port);
  const out = {};
  for (const pid of pids) {
    let n = 0;
    let fds = [];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      out[pid] = null;
      continue;
    }
    for (const fd of fds) {
      let link;
      try {
        link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m && sockets.get(m[1]) === '01') n++;
    }
    out[pid] = n;
  }
  return out;
}

/**
 * The server's processes by role. Single-process servers (waitress, uvicorn without --workers): the
 * root is the worker. Otherwise the root is the master, its direct children the workers, except
 * multiprocessing's resource_tracker, which counts as a helper with anything deeper.
 */
export function roles(rootPid, singleProcess) {
  const alive = processTree(rootPid).filter((p) => p.state !== 'Z');
  const [root, ...rest] = alive;
  if (!root) throw new Error('the server process tree is gone');
  if (singleProcess) return { master: null, workers: [root], helpers: rest };
  const isWorker = (p) => p.depth === 1 && !p.cmdline.join(' ').includes('resource_tracker');
  return { master: root, workers: rest.filter(isWorker), helpers: rest.filter((p) => !isWorker(p)) };
}

/** One memory sample of the whole tree: PSS/USS/threads per process and the total PSS. */
export function sampleTree(rootPid, singleProcess) {
  const r = roles(rootPid, singleProcess);
  const one = (p) => {
    const s = smapsRollup(p.pid);
    return { pid: p.pid, pss: s?.Pss ?? 0, uss: s?.Uss ?? 0, anon: s?.Pss_Anon ?? 0, threads: threadCount(p.pid) };
  };
  const master = r.master ? one(r.master) : null;
  const workers = r.workers.map(one);
  const helpers = r.helpers.map(one);
  const total = (master?.pss ?? 0) + workers.reduce((a, w) => a + w.pss, 0) + helpers.reduce((a, w) => a + w.pss, 0);
  return { t: Date.now(), totalPss: total, master, workers, helpers };
}
