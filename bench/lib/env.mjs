// The environment the bench servers run with.

/**
 * process.env minus the variables that would change a server's configuration behind the bench's
 * back (GUNICORN_CMD_ARGS, WEB_CONCURRENCY, PORT, UVICORN_*, Python path/allocator settings), plus
 * PYTHONDONTWRITEBYTECODE so that bench/apps stays free of __pycache__.
 */
export function benchServerEnv(base = process.env) {
  const env = {};
  for (const [k, v] of Object.entries(base)) {
    if (/^(GUNICORN_CMD_ARGS|WEB_CONCURRENCY|PORT|UVICORN_.*|PYTHONPATH|PYTHONHOME|PYTHONSTARTUP|PYTHONMALLOC.*)$/.test(k)) continue;
    env[k] = v;
  }
  env.PYTHONDONTWRITEBYTECODE = '1';
  return env;
}
