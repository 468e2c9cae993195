// A description of the machine and the server stack a benchmark ran on, for its report.
import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';

const PACKAGES = ['gunicorn', 'uvicorn', 'waitress', 'gevent', 'flask', 'fastapi', 'starlette', 'pydantic', 'werkzeug', 'uvloop', 'httptools', 'greenlet', 'h11'];

/** Versions of Python and of `packages` as seen by interpreter `python` ({name: version|null}). */
function pythonVersions(python, { env = process.env, packages = PACKAGES } = {}) {
  const code = [
    'import json, sys, importlib.metadata as m',
    'out = {"python": sys.version.split()[0]}',
    `for n in ${JSON.stringify(packages)}:`,
    '    try: out[n] = m.version(n)',
    '    except Exception: out[n] = None',
    'print(json.dumps(out))',
  ].join('\n');
  return JSON.parse(execFileSync(python, ['-c', code], { encoding: 'utf8', env }));
}

/** wrk's version from its banner (`wrk --version` prints it and exits 1); null if not found. */
function wrkVersion(wrkPath = 'wrk') {
  try {
    const out = execFileSync(wrkPath, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return /wrk (\S+)/.exec(out)?.[1] ?? null;
  } catch (e) {
    return /wrk (\S+)/.exec(String(e.stdout ?? ''))?.[1] ?? null;
  }
}

/** CPUs, memory, OS, kernel, Node, Python and package versions, wrk. */
export function machineInfo(python, { env = process.env } = {}) {
  const { python: pyVersion, ...versions } = pythonVersions(python, { env });
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    memTotalBytes: os.totalmem(),
    kernel: os.release(),
    os: fs.existsSync('/etc/debian_version') ? `Debian ${fs.readFileSync('/etc/debian_version', 'utf8').trim()}` : os.type(),
    node: process.version,
    python: pyVersion,
    wrk: wrkVersion(),
    versions,
  };
}
