// The validated input of the model. Raw values arrive as strings (flags, environment, .env, presets)
// or numbers; this schema turns them into one normalised object or a list of `field: message` errors.
import { z } from 'zod';
import { ASGI_WORKER_SINCE, UVICORN_WORKER_MOVED, WORKER_CLASSES, WORKLOADS, type WorkerClass, type Workload } from './classes.js';
import { compareVersions } from '../servers/versions.js';
import { parseCpus, parseSize, MiB } from './units.js';
import { profileSchema, type Profile } from './profile.js';

const MAX_CPUS = 1024; // above the largest single machine sold today (AWS u7in: 896 vCPU)
const MAX_BYTES = 64 * 1024 ** 4; // 64 TiB, ditto for memory
const MIN_MEM = 16 * MiB; // smaller than any Python server process (bare python3 is ~6 MiB PSS)

function numberFrom(parse: (s: string) => { error: string } | Record<string, number>, key: string) {
  return z.union([z.number(), z.string()]).transform((v, ctx) => {
    if (typeof v === 'number') return v;
    const r = parse(v);
    if ('error' in r) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: String(r.error) });
      return z.NEVER;
    }
    return r[key] as number;
  });
}

const finite = (n: number) => Number.isFinite(n);
/** A size in tune's convention (units.ts parseSize), with how a value with a unit letter was read. */
const size = (min: number, what: string) =>
  z.union([z.number(), z.string()]).transform((v, ctx): { bytes: number; reading?: string } => {
    const r = typeof v === 'number' ? { bytes: v } : parseSize(v);
    const fail = (message: string) => {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message });
      return z.NEVER;
    };
    if ('error' in r) return fail(r.error);
    if (!finite(r.bytes)) return fail('must be a finite size');
    if (r.bytes < min) {
      // `--mem 2048` meant 2048 MiB far more often than 2 KiB.
      const bare = typeof v === 'string' && /^\s*\d+\s*$/.test(v);
      return fail(bare ? `"${v.trim()}" has no unit, so it is read as ${v.trim()} bytes: did you mean ${v.trim()}m?` : `must be at least ${min / MiB} MiB ${what}`);
    }
    if (r.bytes > MAX_BYTES) return fail('must be at most 64 TiB');
    return r;
  });

const plainNumber = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${v}" is not a number` });
    return z.NEVER;
  }
  return n;
});
const positive = (max: number) => plainNumber.refine((n) => n > 0, 'must be greater than 0').refine((n) => n <= max, `must be at most ${max}`);
const wholeAtLeast1 = (max: number) =>
  plainNumber.refine((n) => Number.isInteger(n), 'must be a whole number').refine((n) => n >= 1, 'must be at least 1').refine((n) => n <= max, `must be at most ${max}`);
const seconds = plainNumber.refine((n) => n >= 0, 'must not be negative').refine((n) => n <= 86_400, 'must be at most 86400 seconds (a day)');

const bool = z.union([z.boolean(), z.string()]).transform((v, ctx) => {
  if (typeof v === 'boolean') return v;
  const s = v.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(s)) return true;
  if (['0', 'false', 'no', 'off'].includes(s)) return false;
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${v}" is not a boolean (true/false)` });
  return z.NEVER;
});

// A release as pip names it: 20.1.0, 25, 0.30.1, 26.0.0rc1.
const version = z.string().trim().regex(/^\d+(\.\d+){0,3}((a|b|rc|\.post|\.dev)\d+)?$/, 'must be a version such as 23.0.0 or 0.30');

// `module:attr`, dotted module paths, an optional factory call `()`: gunicorn's and uvicorn's app
// syntax, restricted so that nothing the user types can end a string or a line in an emitted file.
const APP_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*:[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(\(\))?$/;
// `host:port`, `[ipv6]:port`, `:port` or `unix:/path`; same reason. The port may be `$PORT`: the
// variable platforms hand the port in (Heroku, Cloud Run, Render), read when the server starts.
const BIND_PATTERN = /^(([A-Za-z0-9_.-]*|\[[0-9A-Fa-f:.]+\]):(\d{1,5}|\$PORT)|unix:\/[A-Za-z0-9_./-]+)$/;

/** The machine and its platform: where the server runs. */
const machineShape = {
  cpus: numberFrom(parseCpus, 'cpus').refine(finite).refine((n) => n > 0, 'must be greater than 0').refine((n) => n <= MAX_CPUS, `must be at most ${MAX_CPUS}`),
  cpusSource: z.string().default('given'),
  mem: size(MIN_MEM, 'for a Python server'),
  memSource: z.string().default('given'),
  headroom: plainNumber.refine((n) => n >= 0 && n < 0.9, 'must be a fraction from 0 to below 0.9').optional(),
  lbIdleTimeout: seconds.optional(),
  shutdownGrace: seconds.refine((n) => n >= 1, 'must be at least 1 second').optional(),
  dbMaxConnections: wholeAtLeast1(1_000_000).optional(),
};
/** The app and its load: what the server runs. */
const loadShape = {
  workload: z.enum(WORKLOADS, { errorMap: () => ({ message: `must be one of ${WORKLOADS.join(', ')}` }) }).default('mixed'),
  latencyMs: positive(600_000).optional(),
  users: wholeAtLeast1(10_000_000).optional(),
  rps: positive(10_000_000).optional(),
  workerMem: size(MiB, 'per worker').optional(),
  profile: profileSchema.optional(),
  profileFile: z.string().optional(),
};
/** The server chosen and how it is started: what tune decides settings for. */
const choiceShape = {
  workerClass: z.enum(WORKER_CLASSES, { errorMap: () => ({ message: `must be one of ${WORKER_CLASSES.join(', ')}` }) }).default('gthread'),
  app: z.string().regex(APP_PATTERN, 'must look like module:attribute (letters, digits, _ and dots; an optional trailing ())').default('app:app'),
  bind: z.string().regex(BIND_PATTERN, 'must be host:port, [ipv6]:port, :port, host:$PORT or unix:/path').default('0.0.0.0:8000'),
  preload: bool.optional(),
  legacyUvicornWorker: bool.default(false),
  // The versions that will run (a flag, else the project's pins): what the emitted settings must suit.
  gunicornVersion: version.optional(),
  uvicornVersion: version.optional(),
};

export const rawInputSchema = z.object({ ...machineShape, ...loadShape, ...choiceShape }).strict();
/** Fields of the server choice, which a situation alone (`tune check`) does not take. */
export const CHOICE_FIELDS = Object.keys(choiceShape) as (keyof typeof choiceShape)[];
const situationSchema = z.object({ ...machineShape, ...loadShape }).strict();

/**
 * The input as flags, environment, .env files and presets give it: strings or numbers, units as
 * typed (`2g`, `500m`). A plain type for the library's users; checked against the schema below.
 */
export interface RawInput {
  cpus: number | string;
  cpusSource?: string;
  mem: number | string;
  memSource?: string;
  headroom?: number | string;
  lbIdleTimeout?: number | string;
  shutdownGrace?: number | string;
  dbMaxConnections?: number | string;
  workload?: Workload;
  latencyMs?: number | string;
  users?: number | string;
  rps?: number | string;
  workerMem?: number | string;
  profile?: Profile;
  profileFile?: string;
  workerClass?: WorkerClass;
  app?: string;
  bind?: string;
  preload?: boolean | string;
  legacyUvicornWorker?: boolean | string;
  gunicornVersion?: string;
  uvicornVersion?: string;
}
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _same: Same<RawInput, z.input<typeof rawInputSchema>> = true;
void _same;

export interface Machine {
  cpus: number;
  cpusSource: string;
  memBytes: number;
  memSource: string;
  /** How a --mem with a unit letter was read (`2G read as 2 GB (decimal) = 1.86 GiB`). */
  memReading?: string;
  headroom: number;
  dbMaxConnections?: number;
  lbIdleTimeout?: number;
  shutdownGrace?: number;
}

export interface Load {
  workload: Workload;
  latencyMs: number;
  /** 'profile': the single-connection time tune calibrate measured on its --path. */
  latencySource: 'given' | 'default' | 'profile';
  users?: number;
  rps?: number;
  workerMemBytes?: number;
  profile?: Profile;
  /** The file the profile was read from, for the command that regenerates an output. */
  profileFile?: string;
}

export interface Choice {
  workerClass: WorkerClass;
  app: string;
  bind: string;
  preload?: boolean;
  legacyUvicornWorker: boolean;
  /** The gunicorn / uvicorn versions that will run, when known (a flag or the project's pins). */
  gunicornVersion?: string;
  uvicornVersion?: string;
}

/** The machine and the app's load: everything a configuration is judged against (`tune check`). */
export type Situation = Machine & Load;
/** A situation and the server chosen for it: everything `recommend` needs. */
export type Input = Situation & Choice;

// A typical request's wall time when the user gives none: CPU-bound 50 ms, IO-bound 200 ms, mixed their
// geometric mean (100 ms). A policy, not a measurement: every output says "(default)" beside it, and
// --latency or a calibrate profile replaces it.
export const DEFAULT_LATENCY_MS: Record<Workload, number> = { cpu: 50, io: 200, mixed: 100 };

// Share of the budget kept free for what the cgroup also charges besides process memory (page cache
// of the app's files, socket buffers, tmpfs such as /dev/shm heartbeat files) and for growth between
// max_requests recycles. A policy, stated in the output; --headroom changes it.
export const DEFAULT_HEADROOM = 0.1;

export type ParseResult<T = Input> = { ok: true; input: T } | { ok: false; errors: { field: string; message: string }[] };

export function parseInput(raw: unknown): ParseResult<Input> {
  const r = rawInputSchema.safeParse(raw);
  if (!r.success) return failure(r.error);
  const v = r.data;
  const choice: Choice = { workerClass: v.workerClass, app: v.app, bind: v.bind, legacyUvicornWorker: v.legacyUvicornWorker };
  if (v.preload !== undefined) choice.preload = v.preload;
  if (v.gunicornVersion !== undefined) choice.gunicornVersion = v.gunicornVersion;
  if (v.uvicornVersion !== undefined) choice.uvicornVersion = v.uvicornVersion;
  // gunicorn's own ASGI worker does not exist before 24: no configuration to give.
  if (v.workerClass === 'asgi' && v.gunicornVersion !== undefined && compareVersions(v.gunicornVersion, ASGI_WORKER_SINCE) < 0)
    return { ok: false, errors: [{ field: 'workerClass', message: `asgi is gunicorn's own ASGI worker, from gunicorn ${ASGI_WORKER_SINCE}; gunicorn ${v.gunicornVersion} has none (use uvicorn-worker)` }] };
  if (v.workerClass === 'uvicorn-worker' && v.legacyUvicornWorker === false && v.uvicornVersion !== undefined && compareVersions(v.uvicornVersion, UVICORN_WORKER_MOVED) < 0) choice.legacyUvicornWorker = true;
  return { ok: true, input: { ...situation(v), ...choice } };
}

/** The machine and load alone, for judging a configuration that names its own server (`tune check`). */
export function parseSituation(raw: unknown): ParseResult<Situation> {
  const r = situationSchema.safeParse(raw);
  return r.success ? { ok: true, input: situation(r.data) } : failure(r.error);
}

function situation(v: z.output<typeof situationSchema>): Situation {
  const latency = v.latencyMs !== undefined ? { ms: v.latencyMs, source: 'given' as const } : v.profile?.latencyMs !== undefined ? { ms: v.profile.latencyMs, source: 'profile' as const } : { ms: DEFAULT_LATENCY_MS[v.workload], source: 'default' as const };
  const out: Situation = {
    cpus: v.cpus,
    cpusSource: v.cpusSource,
    memBytes: v.mem.bytes,
    memSource: v.memSource,
    headroom: v.headroom ?? DEFAULT_HEADROOM,
    workload: v.workload,
    latencyMs: latency.ms,
    latencySource: latency.source,
  };
  if (v.mem.reading !== undefined) out.memReading = v.mem.reading;
  if (v.users !== undefined) out.users = v.users;
  if (v.rps !== undefined) out.rps = v.rps;
  if (v.workerMem !== undefined) out.workerMemBytes = v.workerMem.bytes;
  if (v.dbMaxConnections !== undefined) out.dbMaxConnections = v.dbMaxConnections;
  if (v.lbIdleTimeout !== undefined) out.lbIdleTimeout = v.lbIdleTimeout;
  if (v.shutdownGrace !== undefined) out.shutdownGrace = v.shutdownGrace;
  if (v.profile !== undefined) out.profile = v.profile;
  if (v.profileFile !== undefined) out.profileFile = v.profileFile;
  return out;
}

function failure(error: z.ZodError): { ok: false; errors: { field: string; message: string }[] } {
  const errors = error.issues.map((i) => ({
    field: i.path.length ? String(i.path[0]) : '',
    message: i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.join(', ')}` : i.message,
  }));
  return { ok: false, errors };
}

/**
 * The input with a measured profile in place of the model's defaults: its time per request too, unless
 * one was given (calibrate measures before it can know; `tune --profile` applies it while parsing).
 */
export function withProfile<T extends Situation>(input: T, profile: Profile, file?: string): T {
  const out: T = { ...input, profile };
  if (file !== undefined) out.profileFile = file;
  if (input.latencySource === 'default' && profile.latencyMs !== undefined) {
    out.latencyMs = profile.latencyMs;
    out.latencySource = 'profile';
  }
  return out;
}

