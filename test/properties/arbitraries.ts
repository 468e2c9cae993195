// Generators of valid model inputs, shared by the property tests.
import fc from 'fast-check';
import { WORKER_CLASSES, WORKLOADS } from '../../src/core/classes.js';
import type { RawInput } from '../../src/core/input.js';

const MiB = 2 ** 20;

export const rawInput: fc.Arbitrary<RawInput> = fc.record(
  {
    cpus: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.double({ min: 0.1, max: 16, noNaN: true }).map((n) => Math.round(n * 1000) / 1000)),
    mem: fc.integer({ min: 64, max: 65536 }).map((m) => m * MiB),
    workerClass: fc.constantFrom(...WORKER_CLASSES),
    workload: fc.constantFrom(...WORKLOADS),
    latencyMs: fc.integer({ min: 1, max: 30_000 }),
    users: fc.integer({ min: 1, max: 20_000 }),
    rps: fc.integer({ min: 1, max: 50_000 }),
    workerMem: fc.integer({ min: 8, max: 1024 }).map((m) => m * MiB),
    headroom: fc.constantFrom(0, 0.05, 0.1, 0.25, 0.5),
    dbMaxConnections: fc.integer({ min: 1, max: 500 }),
    lbIdleTimeout: fc.integer({ min: 0, max: 4000 }),
    shutdownGrace: fc.integer({ min: 1, max: 600 }),
    preload: fc.boolean(),
    legacyUvicornWorker: fc.boolean(),
  },
  { requiredKeys: ['cpus', 'mem', 'workerClass', 'workload'] },
);

/** Counts generated cases across the suite, so the report can say how many ran. */
export const counter = { cases: 0 };
