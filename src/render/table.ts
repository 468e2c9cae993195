// The human report: settings, memory, capacity and findings, in a terminal table. Loaded only when a
// table is drawn, so the machine formats never pay for chalk and cli-table3.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Finding } from '../core/types.js';
import { formatBytes, formatBytesApart } from '../core/units.js';
import { describeLatency, describeMemory, regenerateCommand } from './header.js';
import { describeFinding, explainReason, fixFor, plural, serverLabel } from './messages.js';
import { connectionsWords, rangeWords } from './words.js';
import { CPU_FRACTION } from '../core/coefficients.js';
import type { Renderer } from './types.js';

export const renderTable: Renderer = (rec, opts) => {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const i = rec.input;
  const out: string[] = [];
  out.push(
    c.bold(serverLabel(rec.server, rec.workerClass)) +
      ` on ${i.cpus} CPU (${i.cpusSource}), ${describeMemory(i)}, ${i.workload} workload, ${describeLatency(i)}`,
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
    `${c.bold('memory')}    ${formatBytesApart(m.estimatedBytes, m.usableBytes).join(' of ')} usable (${formatBytes(m.budgetBytes)} budget, ${Math.round(i.headroom * 100)} % headroom): ${verdict}`,
    `            ${rec.settings.preload_app ? 'master with the preloaded app' : 'master'} ${formatBytes(m.masterBytes)}${m.extraBytes ? ` + helper ${formatBytes(m.extraBytes)}` : ''} + ${Number(rec.settings.workers ?? 1)} × ${formatBytes(m.perWorkerBytes)} per worker` +
      ` (${m.perWorkerSource === 'default' ? 'model default; measure yours with tune calibrate' : m.perWorkerSource}); ${m.maxWorkers < 1 ? 'not even one fits' : `at most ${m.maxWorkers} fit`}`,
    `            counting ${connectionsWords(m.connections)}`,
  );
  const cap = rec.capacity;
  out.push(
    `${c.bold('capacity')}  ${cap.slots === null ? 'unbounded requests' : plural(cap.slots, 'request')} at once · ~${cap.sustainableRps} req/s sustainable (${rangeWords(cap)}limited by ${cap.limitedBy === 'cpu' ? 'CPU' : 'slots'}; ${cap.cpuMsPerRequest} ms of CPU a request, ${cap.cpuSource === 'profile' ? 'measured' : `assumed: ${Math.round(CPU_FRACTION[i.workload] * 100)} % of the request for ${i.workload} work`})` +
      (cap.expectedLatencyMs !== undefined ? ` · expect ~${cap.expectedLatencyMs} ms at the stated load` : '') +
      (cap.replicas !== undefined && cap.replicas > 1 ? ` · ${c.yellow(`${cap.replicas} replicas needed`)}` : ''),
  );
  if (rec.database) {
    const d = rec.database;
    out.push(`${c.bold('database')}  ${d.total} of ${d.maxConnections} connections (${d.perProcess} per process${d.enforcedByServer ? '' : ', set by the app’s pool'})`);
  }
  const shown = rec.warnings.filter((w) => !(opts.quiet && w.severity === 'info'));
  if (shown.length) {
    out.push('');
    for (const w of shown) out.push(findingLine(w, c));
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
