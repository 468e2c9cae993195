// One JSON document: the check's result, each finding with its sentence and fix beside its code.
import type { CheckResult } from '../../check/run.js';
import { describeFinding, fixFor } from '../messages.js';

export function renderCheckJson(result: CheckResult): string {
  const findings = result.findings.map((f) => {
    const fix = fixFor(f);
    return { ...f, message: describeFinding(f), ...(fix ? { fix } : {}) };
  });
  return JSON.stringify({ ...result, findings }, null, 2) + '\n';
}
