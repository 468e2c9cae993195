// What went less than right in a measurement, as codes with their figures; the CLI says them in words
// (src/render/calibrate-text.ts). `preload`: seen on the second boot, the one with --preload.
export type CalibrateWarning = (
  | { code: 'WARMUP_WORKERS'; reached: number; workers: number }
  | { code: 'WORKER_COUNT'; expected: number; found: number }
  | { code: 'LOAD_ERRORS'; errors: number; abandoned: number }
  | { code: 'BAD_STATUS'; path: string; status: number }
  | { code: 'GROUP_SURVIVED'; pgid: number }
) & { preload?: boolean };
