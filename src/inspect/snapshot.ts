// One reading of a running server's process tree from /proc: who is master, worker or helper, each
// process's memory (PSS, USS, RSS), threads, CPU time and sockets. Synchronous and read-only: the
// memory of every process is read first, back to back, so the figures are of one moment.
import { classify } from '../calibrate/measure.js';
import { ageSeconds, cpuSeconds, mappedFiles, netNamespace, netTables, processTree, readStatus, smapsRollup, socketInodes, type TcpSocket, type TreeProcess, type UnixSocket } from '../proc/index.js';
import { InspectError } from './errors.js';
import type { ServerCommand } from './locate.js';

type Role = 'master' | 'worker' | 'helper';

interface Peer {
  /** ip:port of the other end, or the unix socket's path. */
  peer: string;
  state: string;
}

export interface ProcessFigures {
  pid: number;
  ppid: number;
  role: Role;
  cmdline: string[];
  pssBytes: number;
  ussBytes: number;
  rssBytes: number;
  swapPssBytes: number;
  rssPeakBytes: number | null;
  threads: number;
  fds: number;
  cpuSeconds: number;
  ageSeconds: number;
  /** Connections from clients to one of the server's listeners. */
  clients: Peer[];
  /** Other TCP connections (a database, a cache, an API the app calls). */
  outbound: Peer[];
  /** Native packages it has loaded that change how it serves (uvloop, httptools, gevent, greenlet). */
  native: string[];
}

interface Listener {
  /** host:port, [v6]:port or unix:/path. */
  address: string;
  /** Connections the kernel accepted that no worker has taken yet (null for unix sockets: /proc does not say). */
  queued: number | null;
  heldBy: number[];
}

export interface Snapshot {
  pid: number;
  command: ServerCommand;
  /** Master and workers (false: the one process serves: waitress, uvicorn without --workers). */
  multiProcess: boolean;
  processes: ProcessFigures[];
  listeners: Listener[];
  takenAt: Date;
  /** Time to read every process's smaps_rollup, and the slowest single read: what the reading costs. */
  memoryReadMs: { total: number; slowest: number };
}

// The extension modules whose presence changes how a worker serves: uvicorn picks uvloop and httptools
// only when they import; gevent workers run on greenlet.
const NATIVE = /\/(?:site|dist)-packages\/(uvloop|httptools|gevent|greenlet)\/.*\.so$/;

/** The packages of NATIVE among a process's mapped files. (Pure.) */
export function nativePackages(files: string[]): string[] {
  return [...new Set(files.map((f) => NATIVE.exec(f)?.[1]).filter((x): x is string => x !== undefined))].sort();
}

const hostPort = (a: { address: string; port: number }) => (a.address.includes(':') ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`);
const WILDCARD = new Set(['0.0.0.0', '::']);

/** Whether a connection's local end is one of the listeners (a wildcard listener on ::  also takes IPv4). (Pure.) */
function toListener(s: TcpSocket, listeners: TcpSocket[]): boolean {
  const bare = (a: string) => a.replace(/^::ffff:/, '');
  return listeners.some((l) => l.local.port === s.local.port && (WILDCARD.has(l.local.address) || bare(l.local.address) === bare(s.local.address)));
}

// Long: every reading back to back, so the figures describe one moment of the server.
export function readSnapshot(pid: number, command: ServerCommand): Snapshot {
  const tree = processTree(pid);
  if (tree.length === 0) throw new InspectError(`pid ${pid} exited while it was read`);
  // gunicorn always has an arbiter; uvicorn only with --workers (or --reload); waitress never.
  const multiProcess = command.server === 'gunicorn' || (command.server === 'uvicorn' && classify(tree, true).workers.length > 0);
  const { master, workers, extras } = classify(tree, multiProcess);
  const role = new Map<number, Role>([...(master ? [[master.pid, 'master'] as const] : []), ...workers.map((w) => [w.pid, 'worker'] as const), ...extras.map((e) => [e.pid, 'helper'] as const)]);

  const t0 = performance.now();
  let slowest = 0;
  const memory = new Map<number, Record<string, number>>();
  for (const p of tree) {
    const t = performance.now();
    const m = smapsRollup(p.pid);
    slowest = Math.max(slowest, performance.now() - t);
    if (m) memory.set(p.pid, m); // null: the process left meanwhile (a worker replaced), or a zombie
  }
  const total = performance.now() - t0;
  const takenAt = new Date();

  const live = tree.filter((p) => memory.has(p.pid));
  const sockets = new Map<number, { inodes: number[]; fds: number }>();
  for (const p of live) {
    const s = socketInodes(p.pid);
    if (s.ok) sockets.set(p.pid, s.value);
    else if (s.problem === 'denied') throw new InspectError(`cannot read /proc/${p.pid}/fd: permission denied`);
  }
  const tables = new Map<string, ReturnType<typeof netTables>>();
  const tableOf = (p: number) => {
    const ns = netNamespace(p) ?? `pid ${p}`;
    if (!tables.has(ns)) tables.set(ns, netTables(p));
    return tables.get(ns)!;
  };

  // Listeners first: a connection is a client's when its local end is one of them.
  const tcpByInode = new Map<number, TcpSocket>();
  const unixByInode = new Map<number, UnixSocket>();
  for (const p of live) {
    const t = tableOf(p.pid);
    const held = new Set(sockets.get(p.pid)?.inodes ?? []);
    for (const s of t.tcp) if (held.has(s.inode)) tcpByInode.set(s.inode, s);
    for (const s of t.unix) if (held.has(s.inode)) unixByInode.set(s.inode, s);
  }
  const tcpListeners = [...tcpByInode.values()].filter((s) => s.state === 'LISTEN');
  const unixListeners = [...unixByInode.values()].filter((s) => s.listening);
  const holders = (inode: number) => live.filter((p) => sockets.get(p.pid)?.inodes.includes(inode)).map((p) => p.pid);
  const listeners: Listener[] = [
    ...tcpListeners.map((s) => ({ address: hostPort(s.local), queued: s.rxQueue, heldBy: holders(s.inode) })),
    ...unixListeners.map((s) => ({ address: `unix:${s.path}`, queued: null, heldBy: holders(s.inode) })),
  ];
  const unixPaths = new Set(unixListeners.map((s) => s.path));

  const processes = live.map((p: TreeProcess): ProcessFigures => {
    const m = memory.get(p.pid)!;
    const st = readStatus(p.pid);
    const clients: Peer[] = [];
    const outbound: Peer[] = [];
    for (const inode of sockets.get(p.pid)?.inodes ?? []) {
      const t = tcpByInode.get(inode);
      if (t && t.state !== 'LISTEN') (toListener(t, tcpListeners) ? clients : outbound).push({ peer: hostPort(t.remote), state: t.state });
      const u = unixByInode.get(inode);
      if (u && !u.listening && u.connected && unixPaths.has(u.path)) clients.push({ peer: `unix:${u.path}`, state: 'CONNECTED' });
    }
    return {
      pid: p.pid,
      ppid: p.ppid,
      role: role.get(p.pid) ?? 'helper',
      cmdline: p.cmdline,
      pssBytes: m.Pss ?? 0,
      ussBytes: m.Uss ?? 0,
      rssBytes: m.Rss ?? 0,
      swapPssBytes: m.SwapPss ?? 0,
      rssPeakBytes: st?.rssPeakBytes ?? null,
      threads: st?.threads ?? 1,
      fds: sockets.get(p.pid)?.fds ?? 0,
      cpuSeconds: round2(cpuSeconds(p.pid)?.total ?? 0),
      ageSeconds: round2(ageSeconds(p.pid) ?? 0),
      clients,
      outbound,
      native: nativePackages(mappedFiles(p.pid)),
    };
  });
  return { pid, command, multiProcess, processes, listeners, takenAt, memoryReadMs: { total: round2(total), slowest: round2(slowest) } };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
