// The benchmarks' /proc helpers are src/proc (one module for calibrate, the benchmarks and the test
// helpers), built into dist/internal by `npm run build`, which every bench:* script runs first.
export {
  processTree,
  groupAlive,
  smapsRollup,
  cpuSeconds,
  machineCpuSeconds,
} from '../../dist/internal/proc.js';
