// What `tune` says beside the file it writes, decided without I/O: shared by the CLI (tune-command.ts)
// and the web page, so both say the same.
import { UVICORN_WORKER_PATH } from '../core/classes.js';
import { portFromEnv } from '../core/settings/common.js';
import type { Recommendation } from '../core/types.js';
import type { Format } from '../render/index.js';
import { article } from '../render/messages.js';

/** Formats that are files to use as they are: never emitted for a configuration that does not fit. */
export const REPORTS: Format[] = ['table', 'json'];

/** Why a file format was not written: the configuration does not fit its budget. */
export function nothingWritten(format: Format): string {
  return `nothing written: ${article(format)} file for this would not fit its budget.`;
}

/** What a file that cannot decide at start-up leaves to the machine it lands on. */
export function startupCaveats(rec: Recommendation, format: Format): string[] {
  const out: string[] = [];
  // gunicorn.conf.py picks whichever UvicornWorker is importable; flags and variables cannot.
  if (rec.workerClass === 'uvicorn-worker' && !rec.input.legacyUvicornWorker && format !== 'gunicorn')
    out.push(
      rec.input.uvicornVersion
        ? `${UVICORN_WORKER_PATH} is in the uvicorn-worker package, which uvicorn ${rec.input.uvicornVersion} does not install: pip install uvicorn-worker beside it.`
        : `${UVICORN_WORKER_PATH} is in the uvicorn-worker package (pip install uvicorn-worker), which uvicorn ≥ 0.30 needs; where only an older uvicorn is installed (Debian's python3-uvicorn), use --legacy-uvicorn-worker (or --uvicorn-version), or --format gunicorn, whose file picks whichever is installed.`,
    );
  if (rec.server === 'uvicorn' && format === 'env' && portFromEnv(rec.input.bind))
    out.push('uvicorn does not read $PORT itself and UVICORN_PORT cannot refer to it: start it with --port "$PORT" (the uvicorn format does).');
  return out;
}
