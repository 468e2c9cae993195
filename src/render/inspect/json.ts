// One JSON document: what runs, per process, the profile, the check (as tune check --format json
// writes it) and the inspect findings, each with its sentence beside its code. The environment is
// limited to the servers' own variables: the rest may hold secrets.
import { serverVariables } from '../../inspect/configuration.js';
import type { InspectResult } from '../../inspect/run.js';
import { renderCheckJson } from '../check/json.js';
import { describeInspectFinding, inspectFixFor } from '../inspect-text.js';

export function renderInspectJson(r: InspectResult, opts: { savedTo?: string } = {}): string {
  const s = r.snapshot;
  const total = (f: (p: InspectResult['snapshot']['processes'][number]) => number) => s.processes.reduce((a, p) => a + f(p), 0);
  const doc = {
    pid: s.pid,
    server: s.command.server,
    workerClass: r.check.targets[0]?.workerClass ?? null,
    app: s.command.parsed.app ?? null,
    command: s.command.title ? { title: s.command.title } : { argv: s.command.argv },
    cwd: r.cwd,
    configFile: r.config.configFile ?? null,
    environment: serverVariables(r.env),
    cpusForConfig: r.cpusForConfig,
    multiProcess: s.multiProcess,
    takenAt: s.takenAt.toISOString(),
    memoryReadMs: s.memoryReadMs,
    processes: s.processes,
    listeners: s.listeners,
    totals: {
      workers: s.processes.filter((p) => p.role === 'worker').length,
      pssBytes: total((p) => p.pssBytes),
      ussBytes: total((p) => p.ussBytes),
      threads: total((p) => p.threads),
      clients: total((p) => p.clients.length),
      outbound: total((p) => p.outbound.length),
    },
    profile: r.profile ?? null,
    ...(opts.savedTo ? { savedTo: opts.savedTo } : {}),
    check: JSON.parse(renderCheckJson(r.check)) as unknown,
    findings: r.findings.map((f) => {
      const fix = inspectFixFor(f);
      return { ...f, message: describeInspectFinding(f), ...(fix ? { fix } : {}) };
    }),
    summary: r.summary,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
