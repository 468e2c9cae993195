// `tune`: recommend and render.
import { recommend } from '../core/recommend.js';
import { FORMATS, loadRenderer, type Format } from '../render/index.js';
import { article, describeFinding } from '../render/messages.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { EXIT, UsageError } from './errors.js';
import { resolveInput } from './resolve.js';
import { reportConflicts } from './conflicts.js';
import { nothingWritten, REPORTS, startupCaveats } from './tune-output.js';
import { VERSION } from './version.js';
import { wantColor } from './color.js';
import type { Io } from './io.js';

export async function runTune(opts: Record<string, unknown>, io: Io): Promise<number> {
  const env = io.env;
  const format = String(opts.format ?? 'table') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format: must be one of ${FORMATS.join(', ')} (got "${format}")`);
  if (opts.force && !opts.out) throw new UsageError('--force only applies with --out');

  const { input, notices, origins } = resolveInput({ flags: opts, env, pinsDir: '.' });
  const quiet = opts.quiet === true;
  const say = (line: string) => quiet || io.err(`tune: ${line}\n`);
  for (const n of notices) say(n);
  reportConflicts(input, origins, say);
  if (opts.explain && format !== 'table') say(`warning: --explain applies to the table; ${format === 'json' ? 'the JSON carries every reason in "rationale" anyway' : `${article(format)} file carries the reasons as comments where it can`}`);
  const rec = recommend(input);

  const blocking = rec.warnings.find((w) => w.severity === 'error');
  if (blocking && !REPORTS.includes(format)) {
    io.err(`tune: ${describeFinding(blocking)}\ntune: ${nothingWritten(format)}\n`);
    return EXIT.failed;
  }

  const render = await loadRenderer(format);
  const text = await render(rec, {
    color: format === 'table' && !opts.out && wantColor(opts.color !== false, env, io.isTTY),
    explain: opts.explain === true,
    quiet,
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
  if (!REPORTS.includes(format)) {
    for (const w of rec.warnings) if (w.severity === 'warning') say(`warning: ${describeFinding(w)}`);
    for (const line of startupCaveats(rec, format)) say(`warning: ${line}`);
  }
  if (blocking) {
    io.err(`tune: ${describeFinding(blocking)}\n`);
    return EXIT.failed;
  }
  return EXIT.ok;
}
