// The mix's own request time: one worker, one keep-alive connection, the same Lua mix the runs
// send — the mean latency and the server CPU per request `tune calibrate` would ideally report.
import fs from 'node:fs';
import path from 'node:path';
import { cpuSeconds, runWrk, sleep, startServer, sum, waitForWorkers } from '../lib/index.mjs';
import { mixLua } from './apps.mjs';
import { commandOf } from './commands.mjs';
import { roles } from './procinfo.mjs';

const r3 = (x) => Math.round(x * 1000) / 1000;

/** The one-worker server a mix is timed on: gunicorn sync -w 1 (WSGI), uvicorn single process (ASGI). */
function truthSpec(app) {
  return app.framework === 'wsgi'
    ? { server: 'gunicorn', app: app.module, args: ['--workers', '1', '--worker-class', 'sync'] }
    : { server: 'uvicorn', app: app.module, args: [] };
}

/** Best (least disturbed) of `attempts` c=1 runs of `durationS`: mean latency and CPU per request;
 *  and the same for each kind of request of the mix alone (`perKindS` seconds each). */
export async function mixTruth(app, { env, luaPath, durationS = 5, attempts = 3, perKindS = 3 }) {
  const spec = truthSpec(app);
  const { cmd, args } = commandOf(spec);
  const server = await startServer({ cmd, args, env, cwd: app.dir, readyPath: '/pid', readyTimeoutMs: 60_000, label: `truth ${app.key}` });
  try {
    await waitForWorkers(server.url, 1);
    await runWrk({ url: server.url, connections: 1, threads: 1, durationS: 2, extraArgs: ['-s', luaPath] });
    const single = spec.server === 'uvicorn';
    const runs = [];
    for (let i = 0; i < attempts; i++) {
      await sleep(300);
      const pids = (() => {
        const r = roles(server.pid, single);
        return [r.master, ...r.workers].filter(Boolean).map((p) => p.pid);
      })();
      const c0 = pids.map((p) => cpuSeconds(p)?.total ?? 0);
      const w = await runWrk({ url: server.url, connections: 1, threads: 1, durationS, extraArgs: ['-s', luaPath] });
      const cpuS = sum(pids.map((p, j) => (cpuSeconds(p)?.total ?? c0[j]) - c0[j]));
      runs.push({ meanLatencyMs: r3(w.avgLatencyMs), p50Ms: w.p50Ms, requests: w.requests, cpuMsPerRequest: r3((cpuS * 1000) / w.requests) });
    }
    // The fastest run is the one other processes disturbed least.
    const best = runs.reduce((a, r) => (r.meanLatencyMs < a.meanLatencyMs ? r : a));
    const pids = (() => {
      const r = roles(server.pid, single);
      return [r.master, ...r.workers].filter(Boolean).map((p) => p.pid);
    })();
    const perKind = [];
    for (const [i, kind] of app.kinds.entries()) {
      const lua = path.join(path.dirname(luaPath), `kind-${app.key}-${i}.lua`);
      fs.writeFileSync(lua, mixLua(Array.from({ length: 20 }, (_, j) => kind.path(j))));
      const c0 = pids.map((p) => cpuSeconds(p)?.total ?? 0);
      const w = await runWrk({ url: server.url, connections: 1, threads: 1, durationS: perKindS, extraArgs: ['-s', lua] });
      const cpuS = sum(pids.map((p, j) => (cpuSeconds(p)?.total ?? c0[j]) - c0[j]));
      perKind.push({ kind: kind.name, per10: kind.per10, meanLatencyMs: r3(w.avgLatencyMs), cpuMsPerRequest: r3((cpuS * 1000) / w.requests), requests: w.requests });
    }
    return { server: `${spec.server} ${spec.args.join(' ')}`.trim(), ...best, runs, perKind };
  } finally {
    await server.stop({ graceMs: 3000 });
  }
}
