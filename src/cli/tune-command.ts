// `tune`: recommend and render.
import { recommend } from '../core/recommend.js';
import { FORMATS, loadRenderer, type Format } from '../render/index.js';
import { describeFinding } from '../render/messages.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { EXIT, UsageError } from './errors.js';
import { resolveInput } from './resolve.js';
import { VERSION } from './version.js';
import { wantColor } from './color.js';
import type { Io } from './io.js';

/** Formats that are files to use as they are: never emitted for a configuration that does not fit. */
const REPORTS: Format[] = ['table', 'json'];

export async function runTune(opts: Record<string, unknown>, io: Io): Promise<number> {
  const env = io.env;
  const format = String(opts.format ?? 'table') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format: must be one of ${FORMATS.join(', ')} (got "${format}")`);
  if (opts.force && !opts.out) throw new UsageError('--force only applies with --out');

  const { input, notices } = resolveInput({ flags: opts, env });
  const rec = recommend(input);
  const quiet = opts.quiet === true;
  const say = (line: string) => quiet || io.err(`tune: ${line}\n`);
  for (const n of notices) say(n);

  const blocking = rec.warnings.find((w) => w.severity === 'error');
  if (blocking && !REPORTS.includes(format)) {
    io.err(`tune: ${describeFinding(blocking)}\ntune: nothing written: a ${format} file for this would not fit its budget.\n`);
    return EXIT.failed;
  }

  const render = await loadRenderer(format);
  const text = await render(rec, {
    color: format === 'table' && !opts.out && wantColor(opts.color !== false, env, io.isTTY),
    explain: opts.explain === true,
    version: VERSION,
    ...(io.columns ? { width: io.columns } : {}),
  });
  if (typeof opts.out === 'string') {
    writeFileAtomic(opts.out, text, { force: opts.force === true });
    say(`wrote ${opts.out}`);
  } else {
    io.out(text);
  }
  // The table and JSON carry the findings themselves; the other formats are files, so say them here.
  if (!REPORTS.includes(format)) for (const w of rec.warnings) if (w.severity === 'warning') say(`warning: ${describeFinding(w)}`);
  if (blocking) {
    io.err(`tune: ${describeFinding(blocking)}\n`);
    return EXIT.failed;
  }
  return EXIT.ok;
}
