// `.env` lines for the stock servers: pipe-able (`tune … --format env >> .env`), read as they are by
// dotenv, python-dotenv, docker compose's env_file and systemd's EnvironmentFile.
import type { Renderer } from './types.js';
import { commentBlock, headerLines } from './header.js';
import { serverEnv } from './server-args.js';

export const renderEnv: Renderer = (rec, opts) => {
  // Double quotes: every reader above strips them; values never hold quotes, `$` or backslashes
  // because the input schema refuses them in --app and --bind.
  const lines = serverEnv(rec).map(([k, v]) => `${k}=${/^[A-Za-z0-9_.:\/-]*$/.test(v) ? v : `"${v}"`}`);
  return commentBlock(headerLines(rec, opts.version)) + lines.join('\n') + '\n';
};
