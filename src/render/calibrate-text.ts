// The words for calibrate's warnings (src/calibrate/warnings.ts).
import type { CalibrateWarning } from '../calibrate/warnings.js';

export function describeCalibrateWarning(w: CalibrateWarning): string {
  const text = ((): string => {
    switch (w.code) {
      case 'WARMUP_WORKERS':
        return `only ${w.reached} of ${w.workers} workers answered during the warm-up`;
      case 'WORKER_COUNT':
        return `expected ${w.expected} worker processes, found ${w.found}`;
      case 'LOAD_ERRORS':
        return `${w.errors} connection errors and ${w.abandoned} requests cut off under load`;
      case 'BAD_STATUS':
        return (
          `most responses to GET ${w.path} were HTTP ${w.status}: pass --path for an endpoint the app serves` +
          // Django with DEBUG off answers 400 to a Host missing from ALLOWED_HOSTS.
          (w.status === 400 ? ' (a Django app answers 400 when ALLOWED_HOSTS lacks 127.0.0.1)' : '')
        );
      case 'GROUP_SURVIVED':
        return `process group ${w.pgid} was still alive after SIGKILL`;
    }
  })();
  return w.preload ? `with preload: ${text}` : text;
}
