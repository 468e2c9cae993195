// A waitress serve() snippet that reads WAITRESS_* (the env format's names) with the recommended
// values as defaults, and the equivalent waitress-serve command line.
import type { Renderer } from './types.js';
import { RenderError } from './types.js';
import { commentBlock, headerLines } from './header.js';
import { pyLiteral } from './python.js';
import { appRef, serverCommand, shellLine } from './server-args.js';

export const renderWaitress: Renderer = (rec, opts) => {
  if (rec.server !== 'waitress') throw new RenderError(`the waitress format is for --class waitress, not ${rec.workerClass}`);
  const { target, factory } = appRef(rec.input.app);
  const [module, attr] = target.split(':') as [string, string];
  const [first, ...rest] = attr.split('.');
  const head = commentBlock([...headerLines(rec, opts.version), '', 'Run with: python serve.py — or the same settings on the command line:', '  ' + shellLine(serverCommand(rec, true))]);
  const kwargs = Object.entries(rec.settings)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => {
      const env = `WAITRESS_${k.toUpperCase()}`;
      if (typeof v === 'boolean') return `    ${k}=os.environ.get("${env}", ${pyLiteral(String(v).toLowerCase())}).lower() in ("1", "true", "yes", "on"),`;
      if (typeof v === 'number') return `    ${k}=int(os.environ.get("${env}", ${pyLiteral(String(v))})),`;
      // A $PORT listen takes the platform's port when the server starts (8000 for a local run).
      const fallback = String(v).endsWith(':$PORT') ? `${pyLiteral(String(v).slice(0, -'$PORT'.length))} + os.environ.get("PORT", "8000")` : pyLiteral(v);
      return `    ${k}=os.environ.get("${env}", ${fallback}),`;
    });
  const appExpr = [first, ...rest].join('.') + (factory ? '()' : '');
  return [
    head.trimEnd(),
    'import os',
    '',
    'from waitress import serve',
    '',
    `from ${module} import ${first}`,
    '',
    `app = ${appExpr}`,
    '',
    "if __name__ == \"__main__\":",
    '    serve(',
    '        app,',
    ...kwargs.map((l) => '    ' + l),
    '    )',
    '',
  ].join('\n');
};
