// The recommendation drawn: settings with the reason for each (the --explain column), the memory budget
// as a bar (headroom, master, each worker, what is left), capacity as the two ceilings that bound the
// rate, and the findings. Words come from src/render (messages, header), as in the CLI's table.
import { CPU_FRACTION } from '../../src/core/coefficients.js';
import type { Recommendation } from '../../src/core/types.js';
import { formatBytes } from '../../src/core/units.js';
import { describeLatency, describeMemory } from '../../src/render/header.js';
import { describeFinding, explainReason, fixFor, plural, serverLabel } from '../../src/render/messages.js';
import { h } from './dom.js';

export function summary(rec: Recommendation): HTMLElement {
  const i = rec.input;
  return h('p', { class: 'summary' }, h('strong', {}, serverLabel(rec.server, rec.workerClass)), ` on ${i.cpus} CPU (${i.cpusSource}), ${describeMemory(i)}, ${i.workload} workload, ${describeLatency(i)}`);
}

export function settingsTable(rec: Recommendation): HTMLElement {
  const rows = Object.entries(rec.settings).map(([key, value]) =>
    h(
      'tr',
      { 'data-setting': key },
      h('th', { scope: 'row' }, h('code', {}, key)),
      h('td', { class: 'value' }, value === null ? h('span', { class: 'dim' }, '(not set)') : String(value)),
      h('td', { class: 'why' }, (rec.rationale[key] ?? []).map(explainReason).join(' ')),
    ),
  );
  const model = rec.rationale._model ?? [];
  return h(
    'div',
    { class: 'settings' },
    h('table', {}, h('caption', {}, 'Settings and why'), h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'setting'), h('th', { scope: 'col' }, 'value'), h('th', { scope: 'col' }, 'why'))), h('tbody', {}, ...rows)),
    model.length ? h('details', {}, h('summary', {}, 'The model’s reasoning'), h('ul', {}, ...model.map((r) => h('li', {}, explainReason(r))))) : null,
  );
}

const pct = (part: number, whole: number) => `${Math.max(0, (100 * part) / whole).toFixed(3)}%`;

export function memoryBar(rec: Recommendation): HTMLElement {
  const m = rec.memory;
  const workers = Number(rec.settings.workers ?? 1);
  const workersBytes = Math.max(0, m.estimatedBytes - m.masterBytes - m.extraBytes);
  const scale = Math.max(m.budgetBytes, m.estimatedBytes + m.headroomBytes);
  const seg = (cls: string, bytes: number, title: string) => h('div', { class: `seg ${cls}`, style: `width:${pct(bytes, scale)}`, title }, '');
  const parts: HTMLElement[] = [seg('master', m.masterBytes, `${rec.settings.preload_app ? 'master with the preloaded app' : 'master'} ${formatBytes(m.masterBytes)}`)];
  if (m.extraBytes) parts.push(seg('helper', m.extraBytes, `helper ${formatBytes(m.extraBytes)}`));
  // One segment per worker while they stay wide enough to see (32 on a 360 px phone bar: ≥ 10 px each
  // when the workers fill it); past that, one block.
  if (workers <= 32) for (let w = 1; w <= workers; w++) parts.push(seg('worker', workersBytes / workers, `worker ${w}: ${formatBytes(workersBytes / workers)}`));
  else parts.push(seg('worker', workersBytes, `${workers} workers: ${formatBytes(workersBytes)}`));
  if (m.usableBytes > m.estimatedBytes) parts.push(seg('free', m.usableBytes - m.estimatedBytes, `unused ${formatBytes(m.usableBytes - m.estimatedBytes)}`));
  const label = `memory: ${formatBytes(m.estimatedBytes)} estimated of ${formatBytes(m.usableBytes)} usable (${formatBytes(m.budgetBytes)} budget less ${formatBytes(m.headroomBytes)} headroom): ${m.fits ? 'fits' : 'does not fit'}`;
  return h(
    'figure',
    { class: `memory ${m.fits ? 'fits' : 'over'}` },
    h('figcaption', {}, h('strong', {}, 'Memory'), ` ${formatBytes(m.estimatedBytes)} of ${formatBytes(m.usableBytes)} usable: `, h('span', { class: m.fits ? 'ok' : 'bad' }, m.fits ? 'fits' : 'DOES NOT FIT')),
    h(
      'div',
      { class: 'bar', role: 'img', 'aria-label': label },
      ...parts,
      h('div', { class: 'mark usable', style: `left:${pct(m.usableBytes, scale)}`, title: `usable ${formatBytes(m.usableBytes)}` }, ''),
      h('div', { class: 'mark budget', style: `left:${pct(m.budgetBytes, scale)}`, title: `budget ${formatBytes(m.budgetBytes)}` }, ''),
    ),
    h(
      'ul',
      { class: 'legend' },
      h('li', {}, h('i', { class: 'master' }), `${rec.settings.preload_app ? 'master with the preloaded app' : 'master'} ${formatBytes(m.masterBytes)}`),
      m.extraBytes ? h('li', {}, h('i', { class: 'helper' }), `helper ${formatBytes(m.extraBytes)}`) : null,
      h('li', {}, h('i', { class: 'worker' }), `${workers} × ${formatBytes(m.perWorkerBytes)} per worker (${m.perWorkerSource === 'default' ? 'model default; measure yours with tune calibrate' : m.perWorkerSource}); ${m.maxWorkers < 1 ? 'not even one fits' : `at most ${m.maxWorkers} fit`}`),
      h('li', {}, h('i', { class: 'headroom' }), `headroom ${formatBytes(m.headroomBytes)} (${Math.round(rec.input.headroom * 100)} % of the ${formatBytes(m.budgetBytes)} budget)`),
    ),
  );
}

export function capacityChart(rec: Recommendation): HTMLElement {
  const c = rec.capacity;
  const bars: [string, number | null, string][] = [
    ['slots', c.ioCeilingRps, c.slots === null ? 'unbounded requests at once' : `${plural(c.slots, 'request')} at once ÷ ${c.latencyMs} ms`],
    ['cpu', c.cpuCeilingRps, `${c.cores} ${c.cores === 1 ? 'core' : 'cores'} ÷ ${c.cpuMsPerRequest} ms of CPU a request (${c.cpuSource === 'profile' ? 'measured' : `assumed: ${Math.round(CPU_FRACTION[rec.input.workload] * 100)} % of the request`})`],
  ];
  if (c.offeredRps !== undefined) bars.push(['load', c.offeredRps, 'the stated peak']);
  // The longest bar stops short of the edge (5 %), so its end is seen as an end, not a clip.
  const scale = Math.max(1, ...bars.map(([, v]) => v ?? 0).filter(Number.isFinite)) * 1.05;
  const limiting = c.limitedBy === 'cpu' ? 'cpu' : 'slots';
  const titles: Record<string, string> = { slots: 'slots ceiling', cpu: 'CPU ceiling', load: 'offered load' };
  return h(
    'figure',
    { class: 'capacity' },
    h('figcaption', {}, h('strong', {}, 'Capacity'), ` ~${c.sustainableRps} req/s sustainable, limited by ${c.limitedBy === 'cpu' ? 'CPU' : 'slots'}`, c.expectedLatencyMs !== undefined ? ` · expect ~${c.expectedLatencyMs} ms at the stated load` : '', c.replicas !== undefined && c.replicas > 1 ? ` · ${c.replicas} replicas needed` : ''),
    h(
      'dl',
      { class: 'rates' },
      ...bars.flatMap(([key, v, why]) => [
        h('dt', {}, titles[key]!),
        h(
          'dd',
          { class: `${key}${key === limiting ? ' limiting' : ''}` },
          h('span', { class: 'rate', style: `width:${v === null ? '100%' : pct(v, scale)}` }, ''),
          h('span', { class: 'num' }, v === null ? 'unbounded' : `${v} req/s`),
          h('small', {}, why),
        ),
      ]),
    ),
    rec.database ? h('p', {}, `database: ${rec.database.total} of ${rec.database.maxConnections} connections (${rec.database.perProcess} per process${rec.database.enforcedByServer ? '' : ', set by the app’s pool'})`) : null,
  );
}

export function findings(rec: Recommendation): HTMLElement | null {
  if (!rec.warnings.length) return null;
  const mark = { error: 'error', warning: 'warning', info: 'note' } as const;
  return h(
    'ul',
    { class: 'findings', 'aria-label': 'Warnings and notes' },
    ...rec.warnings.map((w) => {
      const fix = fixFor(w);
      return h('li', { class: `sev-${w.severity}` }, h('b', {}, mark[w.severity]), ' ', describeFinding(w), fix ? h('span', { class: 'fix' }, ` → ${fix}`) : null);
    }),
  );
}
