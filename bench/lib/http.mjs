// Minimal HTTP client helpers (node:http), one fresh connection per request.
import http from 'node:http';

/**
 * GET `url` on a new connection (no keep-alive, `Connection: close`), so that successive
 * requests to a multi-process server are spread over its workers by the kernel.
 * Resolves with any HTTP response (any status); rejects on connection error or after `timeoutMs`.
 * @returns {Promise<{status:number, body:string}>}
 */
export function httpGet(url, { timeoutMs = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers: { Connection: 'close' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        if (body.length < 65536) body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode, body }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`GET ${url}: no response after ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}
