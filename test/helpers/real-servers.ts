// Helpers for acceptance tests that feed emitted files to the real servers (Debian's gunicorn 20.1,
// waitress 2.1, uvicorn 0.17 under /usr/bin/python3, docker-compose v1), one module per concern:
//   installed.ts         the servers' paths; have / detected / requireServer (CI: nothing is skipped)
//   processes.ts         the fixed child environment, run(), free ports, servers in a process group
//   python-driver.ts     Python scripts given as text that report JSON
//   apps.ts              minimal Flask / FastAPI apps in a temp folder
//   gunicorn.ts          --print-config, --check-config, a real start; gunicorn-resolve.ts its resolved config
//   waitress.ts          Adjustments and serve() calls; uvicorn.ts a real start; compose.ts `config`
// This file gathers them, so a test imports every helper from one place.
export { GUNICORN, PYTHON, WAITRESS_SERVE, detected, have, requireServer, type Server } from './installed.js';
export { baseEnv, freePort, groupProcessCount, run, startAndRequest } from './processes.js';
export { makeAppDir, removeDir } from './apps.js';
export { gunicornCheckConfig, gunicornPrintConfig, gunicornStartAndRequest, parsePrintConfig } from './gunicorn.js';
export { gunicornResolve } from './gunicorn-resolve.js';
export { waitressServeSnippet, waitressValidate } from './waitress.js';
export { uvicornLocalArgs, uvicornStartAndRequest } from './uvicorn.js';
export { composeConfig } from './compose.js';
