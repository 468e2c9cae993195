// A Kubernetes container spec fragment: command, env and resources. Requests equal limits for memory,
// since the budget is what the container may use and a pod over its limit is OOM-killed.
import { stringify } from 'yaml';
import type { Renderer } from './types.js';
import { commentBlock, headerLines } from './header.js';
import { execForm, serverCommand, serverEnv } from './server-args.js';
import { portFromEnv } from '../core/settings/common.js';
import { stopGraceSeconds } from './shutdown.js';
import { toMiB } from '../core/units.js';

export const renderK8s: Renderer = (rec, opts) => {
  const cpu = Number.isInteger(rec.input.cpus) ? String(rec.input.cpus) : `${Math.round(rec.input.cpus * 1000)}m`;
  const memory = `${toMiB(rec.input.memBytes)}Mi`;
  const container = {
    name: 'web',
    image: 'app:latest',
    command: execForm(serverCommand(rec, false)),
    env: rec.server === 'waitress' ? [] : serverEnv(rec).map(([name, value]) => ({ name, value })),
    resources: { requests: { cpu, memory }, limits: { cpu, memory } },
  };
  const notes = [
    ...headerLines(rec, opts.version),
    '',
    `Container fragment: put it under spec.containers of your Deployment; set the pod's`,
    `terminationGracePeriodSeconds to at least ${stopGraceSeconds(rec)}.`,
    ...(portFromEnv(rec.input.bind) ? ['The server listens on $PORT, which the platform sets (Cloud Run, Knative); set it in env where none does.'] : []),
  ];
  return commentBlock(notes) + stringify(container, { lineWidth: 0 });
};
