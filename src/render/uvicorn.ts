// The uvicorn command line, as a shell snippet.
import { RenderError, type Renderer } from './types.js';
import { commentBlock, headerLines } from './header.js';
import { serverCommand, shellLine } from './server-args.js';

export const renderUvicorn: Renderer = (rec, opts) => {
  if (rec.server !== 'uvicorn') throw new RenderError('the uvicorn format is for --class uvicorn; use --format gunicorn, env or compose for gunicorn classes');
  return commentBlock(headerLines(rec, opts.version)) + shellLine(serverCommand(rec, true)) + '\n';
};
