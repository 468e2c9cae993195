// GitHub Actions workflow commands: one annotation per finding, on the file and line it came from.
// Escaping per actions/toolkit (command.ts): data escapes % CR LF; properties also : and ,.
import type { CheckResult } from '../../check/run.js';
import { describeFinding, fixFor, plural } from '../messages.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

export function renderCheckGithub(report: CheckResult): string {
  const lines = report.findings.map((f) => {
    const props = [f.file ? `file=${prop(f.file)}` : '', f.line ? `line=${f.line}` : '', `title=${prop(`worker-tune ${f.code}`)}`].filter(Boolean).join(',');
    const fix = fixFor(f);
    const text = fix ? `${describeFinding(f)} Fix: ${fix}` : describeFinding(f);
    return `::${LEVEL[f.severity]} ${props}::${data(text)}`;
  });
  const s = report.summary;
  lines.push(`worker-tune check: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.notes, 'note')} in ${plural(report.targets.length, 'server configuration')}`);
  return lines.join('\n') + '\n';
}

function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function prop(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
