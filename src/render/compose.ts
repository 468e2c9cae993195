// A docker-compose service snippet: the command, the environment the server reads, and resource limits
// equal to the budget the recommendation was sized for.
import { Document } from 'yaml';
import type { Recommendation } from '../core/types.js';
import { formatBytes } from '../core/units.js';
import type { Renderer } from './types.js';
import { commentBlock, headerLines } from './header.js';
import { execForm, serverCommand, serverEnv } from './server-args.js';
import { portFromEnv } from '../core/settings/common.js';
import { stopGraceSeconds } from './shutdown.js';

export const renderCompose: Renderer = (rec, opts) => {
  const service: Record<string, unknown> = {
    build: '.',
    // Compose interpolates `$` itself: `$$` leaves a shell's `${PORT:-8000}` to the container.
    command: execForm(serverCommand(rec, false)).map((w) => w.replace(/\$/g, '$$$$')),
    environment: Object.fromEntries(envFor(rec)),
    stop_grace_period: `${stopGraceSeconds(rec)}s`,
    // Bytes, as a string (the compose schema wants one): a unit letter is binary to Docker whatever its
    // case but decimal to most readers, so `1024M` gets misread; a byte count cannot be.
    deploy: { resources: { limits: { cpus: String(rec.input.cpus), memory: String(rec.input.memBytes) } } },
  };
  const doc = new Document({ services: { web: service } });
  const memory = doc.getIn(['services', 'web', 'deploy', 'resources', 'limits', 'memory'], true) as { comment?: string };
  memory.comment = ` ${formatBytes(rec.input.memBytes)}`;
  return commentBlock(headerLines(rec, opts.version)) + doc.toString({ lineWidth: 0 });
};

/** waitress-serve takes flags, not environment: its command carries the settings instead. */
function envFor(rec: Recommendation): [string, string][] {
  const env = rec.server === 'waitress' ? [] : serverEnv(rec);
  // A $PORT bind: give the container one, from the shell or .env where compose runs (compose
  // interpolation), else 8000; gunicorn without it would bind 127.0.0.1:8000.
  if (portFromEnv(rec.input.bind)) env.push(['PORT', '${PORT:-8000}']);
  return env;
}
