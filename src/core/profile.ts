// A memory profile: measured figures for one app under one server, written by `tune calibrate --save`
// and read by `tune --profile` / `tune check --profile` in place of the model's defaults.
import { z } from 'zod';

const bytes = z.number().finite().nonnegative();

export const profileSchema = z
  .object({
    version: z.literal(1),
    workerClass: z.string().optional(),
    app: z.string().optional(),
    measuredAt: z.string().optional(),
    /** How the figures were taken: absent or 'calibrate' — tune calibrate's controlled load; 'inspect' —
     *  read from a running server's processes under whatever traffic it had (tune inspect). */
    source: z.enum(['calibrate', 'inspect']).optional(),
    /** PSS of the master / arbiter; 0 for one-process servers (waitress, uvicorn with one worker), whose process is the worker. */
    masterBytes: bytes,
    /** PSS of one worker under load, without preload; without its threads' and connections' share when
     *  perThreadBytes / perConnectionBytes were measured (the model adds them back for the shape). */
    workerBytes: bytes.refine((n) => n > 0, 'must be greater than 0'),
    /** Fraction s of a worker shared with the master under preload: total = master + s·W + N·(1−s)·W. */
    preloadShare: z.number().min(0).max(1).optional(),
    /** What one more busy thread adds to a worker (measured: private memory at `measuredThreads` threads
     *  against one thread, both under load). */
    perThreadBytes: bytes.optional(),
    measuredThreads: z.number().int().min(2).optional(),
    /** What one more connection with a request in flight adds (measured: private memory under load
     *  with `measuredConnections` connections against idle). */
    perConnectionBytes: bytes.optional(),
    measuredConnections: z.number().int().positive().optional(),
    /** Workers running when the figures were taken; with the private figures below it lets the model
     *  count shared pages once (their PSS sums to their size however many processes share them). */
    measuredWorkers: z.number().int().positive().optional(),
    /** Private memory (USS) of one worker: what each further worker adds. */
    workerPrivateBytes: bytes.optional(),
    /** The same three figures measured with preload_app on. */
    preloadMasterBytes: bytes.optional(),
    preloadWorkerBytes: bytes.optional(),
    preloadWorkerPrivateBytes: bytes.optional(),
    /** Any helper process (uvicorn's multiprocessing resource_tracker). */
    extraBytes: bytes.optional(),
    /** Measured CPU time per request, when the calibration load measured it. */
    cpuMsPerRequest: z.number().positive().optional(),
    /** Mean time of one request alone (one connection, no queueing), measured on `path`. */
    latencyMs: z.number().positive().optional(),
    /** The URL path(s) calibrate requested, space-separated when --path was repeated (a mix, each in turn). */
    path: z.string().optional(),
  })
  .strict();

/** The profile as the library's users see it: a plain type, no zod (the schema is checked against it below). */
export interface Profile {
  version: 1;
  workerClass?: string;
  app?: string;
  measuredAt?: string;
  source?: 'calibrate' | 'inspect';
  masterBytes: number;
  workerBytes: number;
  preloadShare?: number;
  perThreadBytes?: number;
  measuredThreads?: number;
  perConnectionBytes?: number;
  measuredConnections?: number;
  measuredWorkers?: number;
  workerPrivateBytes?: number;
  preloadMasterBytes?: number;
  preloadWorkerBytes?: number;
  preloadWorkerPrivateBytes?: number;
  extraBytes?: number;
  cpuMsPerRequest?: number;
  latencyMs?: number;
  path?: string;
}
// Compile-time proof that the schema and the interface say the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _same: Same<Profile, z.infer<typeof profileSchema>> = true;
void _same;

/** A profile from parsed JSON, or the first problem as `path: message`. */
export function parseProfile(json: unknown): { ok: true; profile: Profile } | { ok: false; error: string } {
  const r = profileSchema.safeParse(json);
  if (r.success) return { ok: true, profile: r.data };
  const i = r.error.issues[0]!;
  return { ok: false, error: `${i.path.join('.') || '(file)'}: ${i.message}` };
}
