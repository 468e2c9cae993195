// The human report of `tune check`: each server configuration found, its memory and capacity, and
// the findings with where they come from and how to fix them.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { formatBytes } from '../../core/units.js';
import type { CheckResult } from '../../check/run.js';
import { describeFinding, fixFor, plural, serverLabel } from '../messages.js';

export function renderCheckTable(report: CheckResult, opts: { color: boolean }): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const out: string[] = [];
  const m = report.machine;
  out.push(c.bold('tune check') + ` · ${m.cpus} CPU (${m.cpusSource}), ${formatBytes(m.memBytes)} budget (${m.memSource}) · ${plural(report.files.length, 'file')}`);
  for (const t of report.targets) {
    const where = `${t.source.file}${t.source.line ? `:${t.source.line}` : ''}`;
    const s = (k: string) => t.settings[k]?.value;
    const shape =
      t.server === 'waitress'
        ? `${s('threads')} threads`
        : `${plural(typeof s('workers') === 'number' ? Number(s('workers')) : 1, 'worker')}${t.workerClass === 'gthread' ? ` × ${plural(typeof s('threads') === 'number' ? Number(s('threads')) : 1, 'thread')}` : ''}`;
    const cls = t.judgedAs ? `${t.judgedAs.family ?? t.judgedAs.value} (judged as ${t.judgedAs.workerClass})` : t.workerClass;
    const version = t.version ? ` ${t.version}` : '';
    out.push('', `${c.bold(t.name)} (${where}): ${serverLabel(t.server, cls, ' ').replace(t.server, `${t.server}${version}`)} · ${shape}`);
    if (t.memory) {
      const verdict = t.memory.fits ? c.green('fits') : c.red('does not fit');
      out.push(`  memory    ${formatBytes(t.memory.estimatedBytes)} of ${formatBytes(t.memory.usableBytes)} usable: ${verdict}`);
    }
    if (t.capacity) out.push(`  capacity  ${t.capacity.slots ?? 'unbounded'} at once · ~${t.capacity.sustainableRps} req/s (limited by ${t.capacity.limitedBy})`);
    if (t.suggestions?.length) {
      const table = new Table({ head: ['setting', 'current', 'recommended'].map((h) => c.bold(h)), style: { head: [], border: [] }, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } });
      for (const x of t.suggestions) {
        const same = String(x.current) === String(x.recommended);
        table.push([x.setting, x.current === undefined ? c.dim('(default)') : String(x.current), same ? String(x.recommended) : c.yellow(String(x.recommended))]);
      }
      out.push(table.toString().replace(/^/gm, '  '));
    }
  }
  if (report.findings.length) out.push('');
  for (const f of report.findings) {
    const mark = f.severity === 'error' ? c.red('error  ') : f.severity === 'warning' ? c.yellow('warning') : c.cyan('note   ');
    const loc = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : (f.target ?? '');
    const fix = fixFor(f);
    out.push(`${mark} ${loc ? `${c.dim(loc)} ` : ''}${describeFinding(f)}${fix ? c.dim(` → ${fix}`) : ''} ${c.dim(`[${f.code}]`)}`);
  }
  const s = report.summary;
  out.push('', `${s.errors ? c.red(plural(s.errors, 'error')) : c.green('0 errors')}, ${plural(s.warnings, 'warning')}, ${plural(s.notes, 'note')}${report.strict ? ' (--strict: warnings count as errors)' : ''}`);
  return out.join('\n') + '\n';
}
