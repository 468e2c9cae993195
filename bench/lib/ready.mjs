// Wait until every worker of a multi-process server serves requests.
import { httpGet } from './http.mjs';

/**
 * GET `/pid` (the bench apps answer their process id) on fresh connections, `concurrency` at a time,
 * until `expected` distinct PIDs answered, `maxRequests` were sent or `timeoutMs` passed. Fresh
 * connections let the kernel hand them to any worker, so a worker still importing the app (uvicorn's
 * spawned workers, gevent's post-fork imports) is waited for.
 * @returns {Promise<{pids:string[], requests:number, failed:number, complete:boolean, ms:number}>}
 */
export async function waitForWorkers(baseUrl, expected, { path = '/pid', concurrency = 8, maxRequests = 4000, timeoutMs = 20000 } = {}) {
  const t0 = Date.now();
  const pids = new Set();
  let sent = 0;
  let failed = 0;
  const done = () => pids.size >= expected || sent >= maxRequests || Date.now() - t0 > timeoutMs;
  const lane = async () => {
    while (!done()) {
      sent++;
      try {
        const r = await httpGet(baseUrl + path, { timeoutMs: 5000 });
        if (r.status === 200) pids.add(r.body.trim());
        else failed++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { pids: [...pids], requests: sent, failed, complete: pids.size >= expected, ms: Date.now() - t0 };
}
