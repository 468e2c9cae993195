// HTTP from our side: single requests on fresh connections (start-up polls, warm-up) and a keep-alive
// load generator with a hard time limit, so calibrate needs no wrk.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** One GET on a new connection (`Connection: close`), so successive ones spread over the workers. */
export function getOnce(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers: { Connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no response within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

export interface LoadOptions {
  /** Requested in turn, one request each, across all connections: the mix as given. */
  urls: string[];
  concurrency: number;
  durationMs: number;
  /** After the duration no request starts; those in flight get this long before they are cut off. */
  graceMs: number;
  /** Go on past the duration until this many responses came, up to `maxDurationMs`. */
  minRequests?: number;
  maxDurationMs?: number;
}

export interface LoadResult {
  /** Responses received (any status). */
  requests: number;
  /** Responses with a 2xx or 3xx status. */
  ok: number;
  /** Most frequent status that was not 2xx/3xx, when any. */
  badStatus?: number;
  errors: number;
  /** Requests still in flight at the hard limit, cut off. */
  abandoned: number;
  meanLatencyMs: number | null;
  elapsedS: number;
  rps: number;
}

// After a connection error, wait this long before the lane retries, so a dead server is not hammered.
const ERROR_BACKOFF_MS = 20;

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
  const t0 = performance.now();
  const deadline = t0 + o.durationMs;
  const maxMs = Math.max(o.durationMs, o.maxDurationMs ?? o.durationMs);
  const lastDeadline = t0 + maxMs;
  const going = () => {
    const now = performance.now();
    return now < deadline || (o.minRequests !== undefined && requests < o.minRequests && now < lastDeadline);
  };
  let requests = 0;
  let ok = 0;
  let errors = 0;
  let abandoned = 0;
  let latencySum = 0;
  let hardStop = false;
  const bad = new Map<number, number>();
  const inFlight = new Set<http.ClientRequest>();
  let next = 0;

  const hard = setTimeout(() => {
    hardStop = true;
    for (const r of inFlight) r.destroy(new Error('hard time limit'));
  }, maxMs + o.graceMs);

  const one = () =>
    new Promise<boolean>((resolve) => {
      const start = performance.now();
      let settled = false;
      const done = (good: boolean) => {
        if (settled) return;
        settled = true;
        inFlight.delete(req);
        resolve(good);
      };
      const url = o.urls[next++ % o.urls.length]!;
      const req = http.get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => {
          requests++;
          latencySum += performance.now() - start;
          const s = res.statusCode ?? 0;
          if (s >= 200 && s < 400) ok++;
          else bad.set(s, (bad.get(s) ?? 0) + 1);
          done(true);
        });
        res.on('error', () => {
          if (hardStop) abandoned++;
          else errors++;
          done(false);
        });
      });
      req.on('error', () => {
        if (hardStop) abandoned++;
        else errors++;
        done(false);
      });
      inFlight.add(req);
    });

  const lane = async () => {
    while (!hardStop && going()) {
      if (!(await one()) && !hardStop) await new Promise((r) => setTimeout(r, ERROR_BACKOFF_MS));
    }
  };
  try {
    await Promise.all(Array.from({ length: o.concurrency }, lane));
  } finally {
    clearTimeout(hard);
    agent.destroy();
  }
  return summarize({ requests, ok, errors, abandoned, latencySum, bad }, (performance.now() - t0) / 1000);
}

function summarize(c: { requests: number; ok: number; errors: number; abandoned: number; latencySum: number; bad: Map<number, number> }, elapsedS: number): LoadResult {
  const result: LoadResult = {
    requests: c.requests,
    ok: c.ok,
    errors: c.errors,
    abandoned: c.abandoned,
    meanLatencyMs: c.requests ? c.latencySum / c.requests : null,
    elapsedS,
    rps: c.requests / elapsedS,
  };
  const worst = [...c.bad.entries()].sort((a, b) => b[1] - a[1])[0];
  if (worst) result.badStatus = worst[0];
  return result;
}
