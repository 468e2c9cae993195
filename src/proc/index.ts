// Reading processes from /proc: one module for calibrate, the benchmarks and the test helpers.
export * from './processes.js';
export * from './memory.js';
export * from './cpu.js';
export * from './access.js';
export * from './status.js';
export * from './environ.js';
export * from './sockets.js';
export * from './maps.js';
