import type { CheckReport } from './report.js';

export function renderCheckJson(report: CheckReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
