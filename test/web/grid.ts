// Inputs the browser tests put to the page and the CLI alike, as (flag without dashes, value) pairs: a
// switch is `on`, --no-preload is preload=off. The profile is written as tune-profile.json for the CLI.
export type Case = [string, string][];

export const PROFILE = JSON.stringify({ version: 1, workerClass: 'gthread', masterBytes: 60e6, workerBytes: 120e6, preloadShare: 0.3, perThreadBytes: 2e6, measuredWorkers: 2, workerPrivateBytes: 90e6, cpuMsPerRequest: 12, latencyMs: 40, path: '/' }, null, 2);

export const GRID: Case[] = [
  [['cpus', '4'], ['mem', '2g']],
  [['cpus', '2'], ['mem', '1g'], ['class', 'sync'], ['workload', 'cpu']],
  [['cpus', '1'], ['mem', '1g'], ['class', 'waitress'], ['workload', 'io'], ['users', '50']],
  [['cpus', '2'], ['mem', '1g'], ['class', 'uvicorn'], ['db-max-connections', '20']],
  [['cpus', '500m'], ['mem', '512Mi'], ['class', 'gthread'], ['rps', '40']],
  [['cpus', '4'], ['mem', '8g'], ['class', 'gevent'], ['workload', 'io'], ['users', '2000']],
  [['preset', 'heroku-standard-2x'], ['class', 'uvicorn-worker'], ['workload', 'io'], ['rps', '300']],
  [['cpus', '2'], ['mem', '2G'], ['class', 'uvicorn-worker'], ['legacy-uvicorn-worker', 'on'], ['preload', 'off'], ['bind', '0.0.0.0:$PORT'], ['app', 'myproject.wsgi:create_app()'], ['lb-idle-timeout', '60'], ['shutdown-grace', '10'], ['headroom', '0.2'], ['latency', '250'], ['worker-mem', '150m']],
  [['preset', 'aws-t3-small'], ['cpus', '1.5'], ['class', 'gthread'], ['profile', PROFILE]],
  // gunicorn's own ASGI worker on a gunicorn that has it; uvicorn 0.29 has only the old worker path.
  [['cpus', '2'], ['mem', '1g'], ['class', 'asgi'], ['gunicorn-version', '25.0.0']],
  [['cpus', '2'], ['mem', '1g'], ['class', 'uvicorn-worker'], ['uvicorn-version', '0.29.0']],
  // Does not fit: the reports say so, the file formats write nothing and exit 1.
  [['cpus', '1'], ['mem', '128m'], ['class', 'sync']],
];

/** The CLI's argv for a case. */
export function argsOf(c: Case): string[] {
  const args: string[] = [];
  for (const [k, v] of c) {
    if (k === 'profile') args.push('--profile', 'tune-profile.json');
    else if (k === 'preload') args.push(v === 'on' ? '--preload' : '--no-preload');
    else if (v === 'on') args.push(`--${k}`);
    else args.push(`--${k}`, v);
  }
  return args;
}

/** The page's query string for a case. */
export function queryOf(c: Case, extra: Case = []): string {
  return `?${new URLSearchParams([...c, ...extra]).toString()}`;
}
