// The library's main entry, `import { recommend } from 'worker-tune'`: validated input in, an explained
// recommendation out. `worker-tune/check` judges existing configurations; `worker-tune/render` writes
// the files. Pure: nothing here reads the machine, the environment or a file.
export { recommend } from './core/recommend.js';
export { parseInput, parseSituation, withProfile, DEFAULT_LATENCY_MS, DEFAULT_HEADROOM } from './core/input.js';
export type { Input, RawInput, Situation, Machine, Load, Choice, ParseResult } from './core/input.js';
export { parseProfile, type Profile } from './core/profile.js';
export { evaluate, type EvalContext } from './core/evaluate.js';
export { WORKER_CLASSES, WORKLOADS, serverOf, type WorkerClass, type Workload, type Server } from './core/classes.js';
export { parseSize, parseDockerBytes, parseK8sBytes, parseK8sCpus, parseCpus, formatBytes } from './core/units.js';
export type * from './core/types.js';
