// The library: the pure core, for `import { recommend } from 'worker-tune'`.
export { recommend } from './core/recommend.js';
export { parseInput, rawInputSchema, DEFAULT_LATENCY_MS, DEFAULT_HEADROOM, type Input, type RawInput, type ParseResult } from './core/input.js';
export { evaluate, type EvalContext } from './core/evaluate.js';
export { configTraps, type ConfigView, type TrapContext } from './core/traps.js';
export { assess } from './core/assess.js';
export { WORKER_CLASSES, WORKLOADS, serverOf, type WorkerClass, type Workload, type Server } from './core/classes.js';
export { parseSize, parseCpus, formatBytes } from './core/units.js';
export { profileSchema, type Profile } from './core/profile.js';
export type * from './core/types.js';
