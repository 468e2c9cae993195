// A docker-compose service snippet: the command, the environment the server reads, and resource limits
// equal to the budget the recommendation was sized for.
import { stringify } from 'yaml';
import type { Recommendation } from '../core/types.js';
import { toMiB } from '../core/units.js';
import type { Renderer } from './types.js';
import { commentBlock, headerLines } from './header.js';
import { serverCommand, serverEnv } from './server-args.js';
import { stopGraceSeconds } from './shutdown.js';

export const renderCompose: Renderer = (rec, opts) => {
  const service: Record<string, unknown> = {
    build: '.',
    command: serverCommand(rec, false),
    environment: Object.fromEntries(envFor(rec)),
    stop_grace_period: `${stopGraceSeconds(rec)}s`,
    deploy: { resources: { limits: { cpus: String(rec.input.cpus), memory: `${toMiB(rec.input.memBytes)}M` } } },
  };
  const doc = { services: { web: service } };
  return commentBlock(headerLines(rec, opts.version)) + stringify(doc, { lineWidth: 0 });
};

/** waitress-serve takes flags, not environment: its command carries the settings instead. */
function envFor(rec: Recommendation): [string, string][] {
  return rec.server === 'waitress' ? [] : serverEnv(rec);
}
