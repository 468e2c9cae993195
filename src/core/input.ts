// The validated input of the model. Raw values arrive as strings (flags, environment, .env, presets)
// or numbers; this schema turns them into one normalised object or a list of `field: message` errors.
import { z } from 'zod';
import { WORKER_CLASSES, WORKLOADS, type WorkerClass, type Workload } from './classes.js';
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
const size = (min: number, what: string) =>
  numberFrom(parseSize, 'bytes')
    .refine(finite, 'must be a finite size')
    .refine((n) => n >= min, `must be at least ${min / MiB} MiB ${what}`)
    .refine((n) => n <= MAX_BYTES, 'must be at most 64 TiB');

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

// `module:attr`, dotted module paths, an optional factory call `()`: gunicorn's and uvicorn's app
// syntax, restricted so that nothing the user types can end a string or a line in an emitted file.
export const APP_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*:[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(\(\))?$/;
// `host:port`, `[ipv6]:port`, `:port` or `unix:/path`; same reason.
export const BIND_PATTERN = /^(([A-Za-z0-9_.-]*|\[[0-9A-Fa-f:.]+\]):\d{1,5}|unix:\/[A-Za-z0-9_./-]+)$/;

export const rawInputSchema = z
  .object({
    cpus: numberFrom(parseCpus, 'cpus').refine(finite).refine((n) => n > 0, 'must be greater than 0').refine((n) => n <= MAX_CPUS, `must be at most ${MAX_CPUS}`),
    cpusSource: z.string().default('given'),
    mem: size(MIN_MEM, 'for a Python server'),
    memSource: z.string().default('given'),
    workerClass: z.enum(WORKER_CLASSES, { errorMap: () => ({ message: `must be one of ${WORKER_CLASSES.join(', ')}` }) }).default('gthread'),
    workload: z.enum(WORKLOADS, { errorMap: () => ({ message: `must be one of ${WORKLOADS.join(', ')}` }) }).default('mixed'),
    latencyMs: positive(600_000).optional(),
    users: wholeAtLeast1(10_000_000).optional(),
    rps: positive(10_000_000).optional(),
    workerMem: size(MiB, 'per worker').optional(),
    headroom: plainNumber.refine((n) => n >= 0 && n < 0.9, 'must be a fraction from 0 to below 0.9').optional(),
    dbMaxConnections: wholeAtLeast1(1_000_000).optional(),
    lbIdleTimeout: seconds.optional(),
    shutdownGrace: seconds.refine((n) => n >= 1, 'must be at least 1 second').optional(),
    app: z.string().regex(APP_PATTERN, 'must look like module:attribute (letters, digits, _ and dots; an optional trailing ())').default('app:app'),
    bind: z.string().regex(BIND_PATTERN, 'must be host:port, [ipv6]:port, :port or unix:/path').default('0.0.0.0:8000'),
    preload: bool.optional(),
    legacyUvicornWorker: bool.default(false),
    profile: profileSchema.optional(),
  })
  .strict();

export type RawInput = z.input<typeof rawInputSchema>;

export interface Input {
  cpus: number;
  cpusSource: string;
  memBytes: number;
  memSource: string;
  workerClass: WorkerClass;
  workload: Workload;
  latencyMs: number;
  latencySource: 'given' | 'default';
  users?: number;
  rps?: number;
  workerMemBytes?: number;
  headroom: number;
  dbMaxConnections?: number;
  lbIdleTimeout?: number;
  shutdownGrace?: number;
  app: string;
  bind: string;
  preload?: boolean;
  legacyUvicornWorker: boolean;
  profile?: Profile;
}

// A typical request's wall time when the user gives none: CPU-bound 50 ms (seed 000's target
// "평균 50ms 이하"), IO-bound 200 ms (seed 002's measured average), mixed their geometric mean.
export const DEFAULT_LATENCY_MS: Record<Workload, number> = { cpu: 50, io: 200, mixed: 100 };

// Share of the budget kept free for what the cgroup also charges besides process memory (page cache
// of the app's files, socket buffers, tmpfs such as /dev/shm heartbeat files) and for growth between
// max_requests recycles. A policy, stated in the output; --headroom changes it.
export const DEFAULT_HEADROOM = 0.1;

export type ParseResult = { ok: true; input: Input } | { ok: false; errors: { field: string; message: string }[] };

export function parseInput(raw: unknown): ParseResult {
  const r = rawInputSchema.safeParse(raw);
  if (!r.success) {
    const errors = r.error.issues.map((i) => ({
      field: i.path.length ? String(i.path[0]) : '',
      message: i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.join(', ')}` : i.message,
    }));
    return { ok: false, errors };
  }
  const v = r.data;
  const input: Input = {
    cpus: v.cpus,
    cpusSource: v.cpusSource,
    memBytes: v.mem,
    memSource: v.memSource,
    workerClass: v.workerClass,
    workload: v.workload,
    latencyMs: v.latencyMs ?? DEFAULT_LATENCY_MS[v.workload],
    latencySource: v.latencyMs === undefined ? 'default' : 'given',
    headroom: v.headroom ?? DEFAULT_HEADROOM,
    app: v.app,
    bind: v.bind,
    legacyUvicornWorker: v.legacyUvicornWorker,
  };
  if (v.users !== undefined) input.users = v.users;
  if (v.rps !== undefined) input.rps = v.rps;
  if (v.workerMem !== undefined) input.workerMemBytes = v.workerMem;
  if (v.dbMaxConnections !== undefined) input.dbMaxConnections = v.dbMaxConnections;
  if (v.lbIdleTimeout !== undefined) input.lbIdleTimeout = v.lbIdleTimeout;
  if (v.shutdownGrace !== undefined) input.shutdownGrace = v.shutdownGrace;
  if (v.preload !== undefined) input.preload = v.preload;
  if (v.profile !== undefined) input.profile = v.profile;
  return { ok: true, input };
}
