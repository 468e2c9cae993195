// Every server calibrate starts is the leader of its own process group (spawned detached), so one
// kill(-pgid) reaches the master, its workers and helpers such as multiprocessing's resource_tracker.
// This module remembers those groups and stops them whatever happens: normal end, error, timeout,
// SIGINT/SIGTERM/SIGHUP, or process exit.
import { groupAlive } from '../proc/index.js';

const groups = new Set<number>();
let interruptedBy: NodeJS.Signals | null = null;

// A server that ignores SIGTERM for this long is SIGKILLed; gunicorn's graceful stop of idle workers
// takes well under a second.
const GRACE_MS = 5000;
const KILL_WAIT_MS = 3000; // after SIGKILL only the kernel's reaping is left
const POLL_MS = 50; // a /proc scan costs about a millisecond; 50 ms makes stopping feel immediate

export function trackGroup(pgid: number): void {
  groups.add(pgid);
}

/** The signal that is stopping calibrate, or null: output after it would only confuse. */
export function interrupted(): NodeJS.Signals | null {
  return interruptedBy;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is gone
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitGone(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}

/** SIGTERM the group, then SIGKILL what is left after `graceMs`. True when nothing is left. */
export async function stopGroup(pgid: number, graceMs = GRACE_MS): Promise<boolean> {
  let gone = !signalGroup(pgid, 'SIGTERM') || (await waitGone(pgid, graceMs));
  if (!gone) {
    signalGroup(pgid, 'SIGKILL');
    gone = await waitGone(pgid, KILL_WAIT_MS);
  }
  if (gone) groups.delete(pgid);
  return gone;
}

async function stopAll(graceMs = GRACE_MS): Promise<void> {
  await Promise.all([...groups].map((g) => stopGroup(g, graceMs)));
}

/** SIGKILL every group now: the last resort of an 'exit' handler, which cannot wait. */
function killAllSync(): void {
  for (const g of groups) signalGroup(g, 'SIGKILL');
  groups.clear();
}

const EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * Run `fn` with handlers that stop every tracked group on a signal (then exit 128+signo; a second
 * signal kills at once) or on process exit, and stop whatever is left when `fn` ends.
 */
export async function withChildCleanup<T>(fn: () => Promise<T>, exit: (code: number) => void = (c) => process.exit(c)): Promise<T> {
  const handlers = new Map<NodeJS.Signals, () => void>();
  let stopping: Promise<void> | undefined;
  for (const [sig, code] of Object.entries(EXIT_CODES) as [NodeJS.Signals, number][]) {
    const h = () => {
      if (interruptedBy) {
        killAllSync();
        exit(code);
        return;
      }
      interruptedBy = sig;
      process.stderr.write(`\ntune: ${sig}: stopping the server\n`);
      // A short grace: the user asked to stop now.
      stopping = stopAll(1500).finally(() => exit(code));
    };
    handlers.set(sig, h);
    process.on(sig, h);
  }
  process.on('exit', killAllSync);
  try {
    return await fn();
  } finally {
    await stopAll();
    // Interrupted: nothing after this may print; exit() normally never returns, but a test's does.
    if (stopping) await stopping;
    for (const [sig, h] of handlers) process.off(sig, h);
    process.off('exit', killAllSync);
    const sig = interruptedBy;
    interruptedBy = null;
    if (sig) throw new Interrupted(sig, EXIT_CODES[sig] ?? 1);
  }
}

/** Thrown after a signal stopped everything, when `exit` returned (a test's): `code` is the exit code. */
export class Interrupted extends Error {
  constructor(
    readonly signal: NodeJS.Signals,
    readonly code: number,
  ) {
    super(`interrupted by ${signal}`);
  }
}
