// The words for tune inspect's findings (src/inspect/findings.ts), with the fix that follows from each.
import type { InspectFinding, InspectFindingArgs, InspectFindingCode } from '../inspect/findings.js';
import { mib, plural } from './words.js';

type Words<A> = { text: (a: A) => string; fix?: (a: A) => string };

/** `3 h 12 min`, `40 s`. */
export function duration(s: number): string {
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
}

const WORDS: { [C in InspectFindingCode]: Words<InspectFindingArgs[C]> } = {
  NO_WORKERS: {
    text: (a) => `The ${a.server} master has no live worker: nothing serves requests.`,
    fix: () => 'Read its log: a worker that fails to boot is restarted in a loop.',
  },
  WORKERS_DIFFER: {
    text: (a) => `The configuration asks for ${plural(a.configured, 'worker')}; ${a.running} run${a.running === 1 ? 's' : ''}.`,
    fix: () => 'A worker being replaced (max_requests, a crash) shows for a moment: inspect again. If it lasts, the server started from another configuration (a changed file, another WEB_CONCURRENCY): restart it.',
  },
  CONFIG_CHANGED: {
    text: (a) => `${a.file} changed ${duration(a.seconds)} after the server started: what runs was loaded from an earlier version of it, or without it; the settings judged here are the file's as it is now.`,
    fix: () => 'Reload the server to run what the file says now (gunicorn reloads its configuration on SIGHUP).',
  },
  CONFIG_UNREADABLE: { text: (a) => `The command loads ${a.file}, which could not be read (${a.reason}): its settings are not judged.` },
  COMMAND_HIDDEN: {
    text: (a) => `The command line reads "${a.title}" (setproctitle replaced it): its flags are unknown; only the config file and the environment are judged.`,
    fix: () => 'Judge the start command itself: tune check --cmd "…".',
  },
  CONNECTIONS_QUEUED: {
    text: (a) => `${plural(a.queued, 'connection')} on ${a.listener} waited for a worker when it was read: every worker was busy.`,
    fix: () => 'Inspect again to see whether it lasts; if it does, more workers or threads (see the capacity), or faster requests.',
  },
  SWAPPED: { text: (a) => `${mib(a.bytes)} of the server's memory is in swap: PSS counts only what is in RAM, so the figures understate it.` },
  PRELOAD_UPPER_BOUND: {
    text: () => "preload_app is on: the profile's preload figures are measured; what a worker would cost without preload is unknown, and its RSS stands in (an upper bound).",
  },
};

type Coded = Pick<InspectFinding, 'code' | 'args'>;

export function describeInspectFinding(f: Coded): string {
  return (WORDS[f.code].text as (a: Coded['args']) => string)(f.args);
}

export function inspectFixFor(f: Coded): string | undefined {
  return (WORDS[f.code].fix as ((a: Coded['args']) => string) | undefined)?.(f.args);
}
