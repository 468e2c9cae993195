// uvicorn as the tests run it: an emitted command line moved to 127.0.0.1 and a free port.
import { PYTHON, requireServer } from './installed.js';
import { ADDR_IN_USE, freePort, startAndRequest, type StartedResponse } from './processes.js';

/**
 * The uvicorn arguments with any leading `uvicorn` / `python -m uvicorn`, and every --host / --port /
 * --uds / --fd removed, then `--host 127.0.0.1 --port <port>` appended.
 */
export function uvicornLocalArgs(argv: string[], port: number): string[] {
  let a = [...argv];
  if (a[0] !== undefined && /(^|\/)uvicorn$/.test(a[0])) a = a.slice(1);
  else if (a[0] !== undefined && /(^|\/)python[\d.]*$/.test(a[0]) && a[1] === '-m' && a[2] === 'uvicorn') a = a.slice(3);
  const out: string[] = [];
  const WITH_VALUE = new Set(['--host', '--port', '--uds', '--fd']);
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    if (WITH_VALUE.has(x)) {
      i++;
      continue;
    }
    if ([...WITH_VALUE].some((f) => x.startsWith(`${f}=`))) continue;
    out.push(x);
  }
  return [...out, '--host', '127.0.0.1', '--port', String(port)];
}

/**
 * Run `/usr/bin/python3 -m uvicorn <argv>` (host/port replaced by 127.0.0.1 and a free port), wait
 * until GET / answers, and always stop it. Retries on a port taken in the meantime.
 */
export async function uvicornStartAndRequest(o: { argv: string[]; env?: Record<string, string>; cwd: string; timeoutMs?: number; path?: string; settleMs?: number }): Promise<StartedResponse> {
  requireServer('uvicorn');
  let last: StartedResponse | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const args = ['-m', 'uvicorn', ...uvicornLocalArgs(o.argv, port)];
    last = await startAndRequest({ cmd: PYTHON, args, port, cwd: o.cwd, env: o.env, timeoutMs: o.timeoutMs ?? 20_000, path: o.path, settleMs: o.settleMs });
    if (last.status !== 0 || !ADDR_IN_USE.test(last.stderr)) return last;
  }
  return last!;
}
