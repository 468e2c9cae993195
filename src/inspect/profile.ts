// The running server's memory as the profile `tune calibrate --save` writes (the same buildProfile),
// marked as read from a running server. Pure.
import type { MemorySample } from '../calibrate/measure.js';
import { buildProfile } from '../calibrate/profile.js';
import type { WorkerClass } from '../core/classes.js';
import { profileSchema, type Profile } from '../core/profile.js';
import type { Snapshot } from './snapshot.js';

/** The snapshot's figures in calibrate's terms: master, each worker's PSS and USS, the helpers. */
function sampleOf(snap: Snapshot, figure: 'pss' | 'rss' = 'pss'): MemorySample {
  const of = (role: string) => snap.processes.filter((p) => p.role === role);
  const size = (p: Snapshot['processes'][number]) => (figure === 'pss' ? p.pssBytes : p.rssBytes);
  const workers = of('worker');
  return {
    masterBytes: of('master').reduce((s, p) => s + p.pssBytes, 0),
    workerBytes: workers.map(size),
    workerPrivateBytes: workers.map((p) => (figure === 'pss' ? p.ussBytes : p.rssBytes)),
    extraBytes: of('helper').reduce((s, p) => s + p.pssBytes, 0),
    extraCount: of('helper').length,
  };
}

export interface RunningProfileParts {
  workerClass: WorkerClass;
  app: string | undefined;
  /** preload_app is on: the workers share the app's pages with the master. */
  preload: boolean;
}

/**
 * The profile of what runs. Without preload its figures are the profile's base ones. With preload they
 * are its preload figures, and what a worker would cost without preload is unknown: its RSS (every page
 * it maps, shared or not, so at least what it would hold alone) stands in as the base worker, with no
 * sharing, an upper bound.
 */
export function runningProfile(snap: Snapshot, parts: RunningProfileParts): Profile {
  const measured = sampleOf(snap);
  const common = { workerClass: parts.workerClass, app: parts.app ?? '', measuredAt: snap.takenAt, preloadShare: null, cpuMsPerRequest: null, latencyMs: null, path: '/' };
  const built = parts.preload && measured.masterBytes > 0 ? buildProfile({ ...common, load: { ...sampleOf(snap, 'rss'), masterBytes: measured.masterBytes, extraBytes: measured.extraBytes }, preloadLoad: measured }) : buildProfile({ ...common, load: measured });
  if (!parts.app) delete built.app;
  return profileSchema.parse({ ...built, source: 'inspect' });
}
