// Which process is the server: the command line of a gunicorn, uvicorn or waitress process itself (not
// of a wrapper that starts one), and from any pid (a container's PID 1, a shell, a worker) the master.
import type { Server } from '../core/classes.js';
import { parseCommand, type ParsedCommand } from '../check/cmdline.js';
import { listProcesses, readCmdline, type Stat } from '../proc/index.js';

export interface ServerCommand {
  server: Server;
  /** The argv as a server command (a script's interpreter dropped: `python3 /usr/bin/gunicorn …` → `/usr/bin/gunicorn …`). */
  argv: string[];
  parsed: ParsedCommand;
  /** setproctitle replaced the command line with a title ("gunicorn: master [app]"): its flags are lost. */
  title?: string;
}

const SCRIPTS = /^(gunicorn3?|uvicorn|waitress-serve|fastapi)$/;
const PYTHON = /^(?:python|pypy)(?:\d+(?:\.\d+)*)?$/;
// CPython options that take the next word as their value.
const PY_VALUE_OPTS = new Set(['-X', '-W', '-Q']);
// gunicorn/arbiter.py and workers/base.py with setproctitle installed: util._setproctitle("master [%s]" % proc_name), prefixed "gunicorn: ".
const GUNICORN_TITLE = /^gunicorn: (master|worker) \[(.*)\]\s*$/;

const base = (w: string) => w.slice(w.lastIndexOf('/') + 1);

/**
 * The argv as the server parser reads it: a script started through its shebang shows as
 * `python3 /path/to/gunicorn args…` in /proc/PID/cmdline, which is `/path/to/gunicorn args…`. (Pure.)
 */
export function withoutInterpreter(argv: string[]): string[] {
  if (!argv[0] || !PYTHON.test(base(argv[0]))) return argv;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-m' || a.startsWith('-c') || a === '-') return argv; // a module or inline code: parseCommand reads -m itself
    if (!a.startsWith('-')) return SCRIPTS.test(base(a)) ? argv.slice(i) : argv;
    if (PY_VALUE_OPTS.has(a)) i++;
  }
  return argv;
}

/** The server this process itself is, from its argv; null for anything else, wrappers included. (Pure.) */
export function serverCommand(argv: string[], env: Record<string, string> = {}): ServerCommand | null {
  const title = argv.length <= 1 ? GUNICORN_TITLE.exec(argv.join(' ')) : null;
  if (title) {
    const parsed = parseCommand(['gunicorn'], env)!;
    return { server: 'gunicorn', argv: ['gunicorn'], parsed, title: argv.join(' ').trim() };
  }
  const words = withoutInterpreter(argv);
  const first = words[0] ? base(words[0]) : '';
  if (!SCRIPTS.test(first) && !PYTHON.test(first)) return null; // tini, sh -c, env …: not the server itself
  const parsed = parseCommand(words, env);
  return parsed ? { server: parsed.server, argv: words, parsed } : null;
}

export type Located = { ok: true; pid: number; command: ServerCommand } | { ok: false; reason: 'none' | 'several'; candidates: { pid: number; cmdline: string[] }[] };

/**
 * The server's top process from `pid`: the pid or its nearest ancestor that is a server, climbing while
 * the parent is the same server (a gunicorn worker → its master); else the one server below `pid`.
 */
export function locateServer(pid: number, all: Stat[] = listProcesses()): Located {
  const byPid = new Map(all.map((p) => [p.pid, p]));
  const cmdOf = (p: number) => serverCommand(readCmdline(p));
  for (let p: number | undefined = pid; p && byPid.has(p); p = byPid.get(p)!.ppid) {
    const found = cmdOf(p);
    if (!found) continue;
    let top = { pid: p, command: found };
    for (let up = byPid.get(top.pid)!.ppid; byPid.has(up); up = byPid.get(up)!.ppid) {
      const parent = cmdOf(up);
      if (!parent || parent.server !== top.command.server) break;
      top = { pid: up, command: parent };
    }
    return { ok: true, ...top };
  }
  // Below pid: servers whose parent is not the same server (their workers are not candidates).
  const children = new Map<number, number[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const found: { pid: number; command: ServerCommand }[] = [];
  const queue: { pid: number; parent: Server | null }[] = (children.get(pid) ?? []).map((c) => ({ pid: c, parent: null }));
  while (queue.length) {
    const { pid: p, parent } = queue.shift()!;
    const c = cmdOf(p);
    if (c && c.server !== parent) found.push({ pid: p, command: c });
    for (const k of (children.get(p) ?? []).sort((a, b) => a - b)) queue.push({ pid: k, parent: c?.server ?? null });
  }
  if (found.length === 1) return { ok: true, ...found[0]! };
  return { ok: false, reason: found.length ? 'several' : 'none', candidates: found.map((f) => ({ pid: f.pid, cmdline: readCmdline(f.pid) })) };
}
