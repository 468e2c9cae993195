// The human report of `tune inspect`: what runs (command, configuration, listeners), each process's
// memory, threads and connections, the profile, then the check of that configuration with the
// measured memory, and where what runs differs from it.
import { Chalk } from 'chalk';
import { formatBytes } from '../../core/units.js';
import { serverVariables } from '../../inspect/configuration.js';
import type { InspectResult } from '../../inspect/run.js';
import type { ProcessFigures } from '../../inspect/snapshot.js';
import { duration, describeInspectFinding, inspectFixFor } from '../inspect-text.js';
import { describeFinding, fixFor, plural, serverLabel } from '../messages.js';

const RANK = { error: 0, warning: 1, info: 2 } as const;
const sum = (ps: ProcessFigures[], f: (p: ProcessFigures) => number) => ps.reduce((s, p) => s + f(p), 0);

/** Rows as columns padded to their widest cell; numbers right-aligned. */
function columns(rows: string[][], right: Set<number>): string[] {
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => `  ${r.map((c, i) => (right.has(i) ? c.padStart(w[i]!) : c.padEnd(w[i]!))).join('  ')}`.trimEnd());
}

export function renderInspectTable(r: InspectResult, opts: { color: boolean; savedTo?: string }): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const s = r.snapshot;
  const t = r.check.targets[0];
  const top = s.processes.find((p) => p.pid === s.pid);
  const out: string[] = [];
  const app = s.command.parsed.app;
  out.push(`${c.bold('tune inspect')} · pid ${s.pid} · ${serverLabel(s.command.server, t?.workerClass, ' ')}${app ? ` · ${app}` : ''}${top ? ` · up ${duration(top.ageSeconds)}` : ''}`);
  const facts: [string, string][] = [['command', s.command.title ?? s.command.argv.join(' ')]];
  if (r.cwd) facts.push(['cwd', r.cwd]);
  if (r.config.configFile) facts.push(['config', r.config.configFile.path + (r.config.configFile.unreadable ? ' (unreadable)' : '')]);
  const vars = Object.entries(serverVariables(r.env));
  if (vars.length) facts.push(['env', vars.map(([k, v]) => `${k}=${v}`).join(' ')]);
  const native = [...new Set(s.processes.filter((p) => p.role === 'worker').flatMap((p) => p.native))];
  if (native.length) facts.push(['loaded', native.join(', ')]);
  for (const l of s.listeners) facts.push(['listens', `${l.address}${l.queued !== null ? ` (${l.queued} waiting to be accepted)` : ''}`]);
  out.push(...facts.map(([k, v]) => `  ${k.padEnd(8)}  ${v}`));

  const rows = [['', 'pid', 'PSS', 'USS', 'RSS', 'RSS peak', 'threads', 'clients', 'other conns', 'CPU since start']];
  for (const p of s.processes) {
    const cpu = p.ageSeconds > 0 ? ` (${((100 * p.cpuSeconds) / p.ageSeconds).toFixed(1)} %)` : '';
    const role = s.multiProcess ? p.role : p.role === 'worker' ? 'server' : p.role;
    rows.push([role, String(p.pid), formatBytes(p.pssBytes), formatBytes(p.ussBytes), formatBytes(p.rssBytes), p.rssPeakBytes === null ? '–' : formatBytes(p.rssPeakBytes), String(p.threads), String(p.clients.length), String(p.outbound.length), `${p.cpuSeconds.toFixed(1)} s${cpu}`]);
  }
  const ps = s.processes;
  rows.push(['total', '', formatBytes(sum(ps, (p) => p.pssBytes)), formatBytes(sum(ps, (p) => p.ussBytes)), '', '', String(sum(ps, (p) => p.threads)), String(sum(ps, (p) => p.clients.length)), String(sum(ps, (p) => p.outbound.length)), `${sum(ps, (p) => p.cpuSeconds).toFixed(1)} s`]);
  out.push('', ...columns(rows, new Set([1, 2, 3, 4, 5, 6, 7, 8])));
  out.push(c.dim(`  read at ${s.takenAt.toISOString()}: memory of ${plural(ps.length, 'process', 'processes')} in ${s.memoryReadMs.total} ms (slowest ${s.memoryReadMs.slowest} ms)`));

  out.push('');
  if (r.profile) {
    const p = r.profile;
    const worker = `${formatBytes(p.preloadWorkerBytes ?? p.workerBytes)}${p.preloadWorkerPrivateBytes ?? p.workerPrivateBytes ? ` (private ${formatBytes((p.preloadWorkerPrivateBytes ?? p.workerPrivateBytes)!)})` : ''}`;
    const master = p.masterBytes > 0 ? `master ${formatBytes(p.preloadMasterBytes ?? p.masterBytes)}, ` : '';
    out.push(`${c.bold('Profile')} ${master}worker ${worker}${p.extraBytes ? `, helpers ${formatBytes(p.extraBytes)}` : ''}${p.preloadWorkerBytes !== undefined ? ', with preload' : ''}`);
    out.push(c.dim('  what the processes hold now, under the traffic they have; no CPU or latency figures (tune calibrate measures those under its own load)'));
    out.push(opts.savedTo ? `  saved to ${opts.savedTo} (use it with tune --profile ${opts.savedTo})` : '  save it with --save <file>, then use it with tune --profile <file>');
  } else out.push(`${c.bold('Profile')} none: ${t?.workerClass ? 'no worker process to measure' : 'the worker class is unknown'}`);

  const m = r.check.machine;
  out.push('', `${c.bold('Check')} of what runs · ${m.cpus} CPU (${m.cpusSource}), ${formatBytes(m.memBytes)} budget (${m.memSource}) · cpu_count() = ${r.cpusForConfig} in the server`);
  if (t) {
    const v = (k: string) => t.settings[k]?.value;
    const shape = t.server === 'waitress' ? `${v('threads') ?? 4} threads` : `${plural(Number(v('workers') ?? 1), 'worker')}${t.workerClass === 'gthread' ? ` × ${plural(Number(v('threads') ?? 1), 'thread')}` : ''}`;
    out.push(`  configured  ${serverLabel(t.server, t.workerClass, ' ')} · ${shape}${v('preload_app') === true ? ' · preload' : ''}`);
    if (t.memory) out.push(`  memory      ${formatBytes(t.memory.estimatedBytes)} estimated${t.memory.perWorkerSource === 'profile' ? ' with the measured profile' : ''}, of ${formatBytes(t.memory.usableBytes)} usable: ${t.memory.fits ? c.green('fits') : c.red('does not fit')} (PSS now ${formatBytes(sum(ps, (p) => p.pssBytes))})`);
    if (t.capacity) out.push(`  capacity    ${t.capacity.slots ?? 'unbounded'} at once · ~${t.capacity.sustainableRps} req/s (limited by ${t.capacity.limitedBy})`);
    // Where it listens is the deployment's choice, not a tuning.
    for (const x of t.suggestions ?? []) if (x.setting !== 'bind' && String(x.current) !== String(x.recommended)) out.push(`  suggest     ${x.setting}: ${x.current === undefined ? '(default)' : String(x.current)} → ${c.yellow(String(x.recommended))}`);
  }

  const lines = [
    ...r.check.findings.map((f) => ({ severity: f.severity, loc: f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : (f.target ?? ''), text: describeFinding(f), fix: fixFor(f), code: f.code })),
    ...r.findings.map((f) => ({ severity: f.severity, loc: f.file ?? '', text: describeInspectFinding(f), fix: inspectFixFor(f), code: f.code })),
  ].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  if (lines.length) out.push('');
  for (const f of lines) {
    const mark = f.severity === 'error' ? c.red('error  ') : f.severity === 'warning' ? c.yellow('warning') : c.cyan('note   ');
    out.push(`${mark} ${f.loc ? `${c.dim(f.loc)} ` : ''}${f.text}${f.fix ? c.dim(` → ${f.fix}`) : ''} ${c.dim(`[${f.code}]`)}`);
  }
  const sm = r.summary;
  out.push('', `${sm.errors ? c.red(plural(sm.errors, 'error')) : c.green('0 errors')}, ${plural(sm.warnings, 'warning')}, ${plural(sm.notes, 'note')}${r.check.strict ? ' (--strict: warnings count as errors)' : ''}`);
  return out.join('\n') + '\n';
}
