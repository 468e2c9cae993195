// The human report: settings, memory, capacity and findings, in a terminal table. Loaded only when a
// table is drawn, so the machine formats never pay for chalk and cli-table3.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Finding } from '../core/types.js';
import { formatBytes } from '../core/units.js';
import { regenerateCommand } from './header.js';
import { describeFinding, explainReason, fixFor } from './messages.js';
import type { Renderer } from './types.js';

export const renderTable: Renderer = (rec, opts) => {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const i = rec.input;
  const out: string[] = [];
  out.push(
    c.bold(`${rec.server} · ${rec.workerClass}`) +
      ` on ${i.cpus} CPU (${i.cpusSource}), ${formatBytes(i.memBytes)} (${i.memSource}), ${i.workload} workload, ${i.latencyMs} ms/request (${i.latencySource})`,
  );

  const head = opts.explain ? ['setting', 'value', 'why'] : ['setting', 'value'];
  const width = Math.max(60, Math.min(opts.width ?? 120, 160));
  const table = new Table({
    head: head.map((h) => c.bold(h)),
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    wordWrap: true,
    ...(opts.explain ? { colWidths: [22, 34, Math.max(30, width - 62)] } : {}),
  });
  for (const [key, value] of Object.entries(rec.settings)) {
    const shown = value === null ? c.dim('(not set)') : String(value);
    const row = [key, shown];
    if (opts.explain) row.push((rec.rationale[key] ?? []).map(explainReason).join(' '));
    table.push(row);
  }
  out.push(table.toString());

  const m = rec.memory;
  const verdict = m.fits ? c.green('fits') : c.red('DOES NOT FIT');
  out.push(
    `${c.bold('memory')}    ${formatBytes(m.estimatedBytes)} of ${formatBytes(m.usableBytes)} usable (${formatBytes(m.budgetBytes)} budget, ${Math.round(i.headroom * 100)} % headroom): ${verdict}`,
    `            ${rec.settings.preload_app ? 'master with the preloaded app' : 'master'} ${formatBytes(m.masterBytes)}${m.extraBytes ? ` + helper ${formatBytes(m.extraBytes)}` : ''} + ${Number(rec.settings.workers ?? 1)} × ${formatBytes(m.perWorkerBytes)} per worker` +
      ` (${m.perWorkerSource === 'default' ? 'model default; measure yours with tune calibrate' : m.perWorkerSource}); at most ${m.maxWorkers} fit`,
  );
  const cap = rec.capacity;
  out.push(
    `${c.bold('capacity')}  ${cap.slots === null ? 'unbounded' : cap.slots} requests at once · ~${cap.sustainableRps} req/s sustainable (limited by ${cap.limitedBy}; CPU ${cap.cpuMsPerRequest} ms/request)` +
      (cap.expectedLatencyMs !== undefined ? ` · expect ~${cap.expectedLatencyMs} ms at the stated load` : '') +
      (cap.replicas !== undefined && cap.replicas > 1 ? ` · ${c.yellow(`${cap.replicas} replicas needed`)}` : ''),
  );
  if (rec.database) {
    const d = rec.database;
    out.push(`${c.bold('database')}  ${d.total} of ${d.maxConnections} connections (${d.perProcess} per process${d.enforcedByServer ? '' : ', set by the app’s pool'})`);
  }
  if (rec.warnings.length) {
    out.push('');
    for (const w of rec.warnings) out.push(findingLine(w, c));
  }
  if (opts.explain) {
    out.push('', c.bold('model'));
    for (const r of rec.rationale._model ?? []) out.push(`  ${explainReason(r)}`);
  }
  out.push('', c.dim(`reproduce: ${regenerateCommand(rec)}`));
  return out.join('\n') + '\n';
};

function findingLine(f: Finding, c: InstanceType<typeof Chalk>): string {
  const mark = f.severity === 'error' ? c.red('error  ') : f.severity === 'warning' ? c.yellow('warning') : c.cyan('note   ');
  const fix = fixFor(f);
  return `${mark} ${describeFinding(f)}${fix ? c.dim(` → ${fix}`) : ''}`;
}
