// Process-group bookkeeping so that every child the bench starts is stopped, whatever happens:
// normal end, exception, SIGINT/SIGTERM/SIGHUP, or process.exit().
//
// Children are spawned with `detached: true`, which makes each one the leader of its own process
// group (setsid), so the group id is its PID and one kill(-pgid) reaches the server master, all its
// workers and helper processes (e.g. multiprocessing's resource_tracker).
import { groupAlive } from './proc.mjs';
import { sleep } from './util.mjs';

const tracked = new Map(); // pgid -> label

/** Remember a process group to stop at exit. Returns a function that forgets it. */
export function trackGroup(pgid, label = String(pgid)) {
  tracked.set(pgid, label);
  return () => tracked.delete(pgid);
}

/** Send `signal` to every process of group `pgid`. False when the group no longer exists. */
function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (e) {
    if (e.code === 'ESRCH') return false;
    throw e;
  }
}

/**
 * Stop process group `pgid`: send `signal` (default SIGTERM), wait up to `graceMs` for every
 * non-zombie member to exit, then SIGKILL the group and wait up to `killWaitMs` more.
 * Zombies are ignored: re-parented grandchildren may stay zombies until init reaps them.
 * @returns {Promise<{forced:boolean, gone:boolean}>}
 */
export async function stopGroup(pgid, { signal = 'SIGTERM', graceMs = 5000, killWaitMs = 3000 } = {}) {
  let forced = false;
  if (signalGroup(pgid, signal)) {
    const deadline = Date.now() + graceMs;
    while (groupAlive(pgid) && Date.now() < deadline) await sleep(50);
    if (groupAlive(pgid)) {
      forced = true;
      signalGroup(pgid, 'SIGKILL');
      const killDeadline = Date.now() + killWaitMs;
      while (groupAlive(pgid) && Date.now() < killDeadline) await sleep(50);
    }
  }
  const gone = !groupAlive(pgid);
  if (gone) tracked.delete(pgid);
  return { forced, gone };
}

/** SIGKILL every tracked group now (synchronous: usable in an 'exit' handler). */
function killAllSync() {
  for (const pgid of tracked.keys()) signalGroup(pgid, 'SIGKILL');
  tracked.clear();
}

/** Stop every tracked group (SIGTERM, short grace, then SIGKILL). */
export async function stopAll({ graceMs = 1500 } = {}) {
  await Promise.all([...tracked.keys()].map((pgid) => stopGroup(pgid, { graceMs })));
}

let installed = false;
let stoppingBySignal = null;

/** The signal being handled ('SIGINT', ...) once a cleanup handler started stopping; else null. */
export function stoppingSignal() {
  return stoppingBySignal;
}

/**
 * Install handlers (once) that stop every tracked group on SIGINT, SIGTERM and SIGHUP (then exit
 * with 128+signo) and SIGKILL whatever is left on process exit. A second signal kills at once.
 */
export function installCleanupHandlers() {
  if (installed) return;
  installed = true;
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const sig of Object.keys(codes)) {
    process.on(sig, () => {
      if (stoppingBySignal) {
        killAllSync();
        process.exit(codes[sig]);
      }
      stoppingBySignal = sig;
      process.stderr.write(`\n${sig}: stopping ${tracked.size} child process group(s)...\n`);
      stopAll().finally(() => process.exit(codes[sig]));
    });
  }
  process.on('exit', killAllSync);
}
