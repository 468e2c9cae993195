import { GUNICORN_DEFAULTS } from '../core/coefficients.js';
import type { Recommendation } from '../core/types.js';

// Seconds past the server's graceful timeout before the platform kills: the master's own exit after
// its workers (a policy, stated in the emitted file).
const STOP_MARGIN_S = 5;

/**
 * Seconds the platform waits between SIGTERM and SIGKILL (compose's default is 10 s, shorter than gunicorn's
 * 30 s graceful_timeout): the platform grace when given, else the server's graceful period plus 5 s.
 */
export function stopGraceSeconds(rec: Recommendation): number {
  if (rec.input.shutdownGrace !== undefined) return rec.input.shutdownGrace;
  const graceful = rec.settings.graceful_timeout;
  return (typeof graceful === 'number' ? graceful : GUNICORN_DEFAULTS.graceful_timeout) + STOP_MARGIN_S;
}
