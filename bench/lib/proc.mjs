// The benchmarks' /proc helpers are src/proc (one module for calibrate, the benchmarks and the test
// helpers), built into dist/internal by `npm run build`, which every bench:* script runs first.
export {
  readStat,
  readCmdline,
  listProcesses,
  processTree,
  children,
  groupMembers,
  groupAlive,
  smapsRollup,
  pss,
  uss,
  rss,
  cpuSeconds,
  clockTicks as clkTck,
  machineCpuSeconds,
} from '../../dist/internal/proc.js';
