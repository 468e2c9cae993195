// The result of `tune check`, as every report format sees it.
import type { WorkerClass } from '../../core/classes.js';
import type { Capacity, MemoryEstimate, SettingValue } from '../../core/types.js';
import type { CheckFinding, Effective, SourceRef } from '../../check/types.js';

export interface CheckedTarget {
  name: string;
  server: string;
  workerClass?: WorkerClass;
  source: SourceRef;
  settings: Record<string, Effective>;
  memory?: MemoryEstimate;
  capacity?: Capacity;
  /** With --suggest: current value beside what `tune` recommends for the same machine and class. */
  suggestions?: { setting: string; current: SettingValue | undefined; recommended: SettingValue }[];
}

export interface CheckReport {
  files: string[];
  machine: { cpus: number; cpusSource: string; memBytes: number; memSource: string };
  targets: CheckedTarget[];
  findings: (CheckFinding & { message: string; fix?: string })[];
  summary: { errors: number; warnings: number; notes: number };
  strict: boolean;
}

export const CHECK_FORMATS = ['table', 'json', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];
