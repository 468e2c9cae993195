// Reading processes from /proc: one module for calibrate, the benchmarks and the test helpers.
export * from './processes.js';
export * from './memory.js';
export * from './cpu.js';
