// Server command lines: finding the invocation inside wrappers, and each server's own parsing
// rules (gunicorn argparse, uvicorn click, waitress getopt).
// Long: a table of command lines, per server.
import { describe, expect, it } from 'vitest';
import { parseCommand, parseGunicornCmdArgs, type ArgError, type ParsedCommand } from '../../src/check/cmdline.js';

const values = (p: Pick<ParsedCommand, 'settings'> | null): Record<string, unknown> =>
  Object.fromEntries(Object.entries(p?.settings ?? {}).map(([k, v]) => [k, v.value]));

/** The problems as text: the server's own words, or the rule in a sentence (the codes are typed). */
const said = (e: ArgError): string => {
  switch (e.code) {
    case 'SERVER_REFUSES':
    case 'SHELL_SYNTAX':
      return e.message;
    case 'EXITS_INSTEAD':
      return `${e.flag} prints the ${e.prints} and exits instead of starting the server`;
    case 'REMOVED_OPTION':
      return `${e.flag} was removed in uvicorn ${e.version}`;
    case 'IGNORED_AFTER_APP':
      return `options after the application are not read: ${e.flags}`;
  }
};
const must = (command: string | string[], env?: Record<string, string | undefined>): Omit<ParsedCommand, 'errors'> & { errors: string[] } => {
  const p = parseCommand(command, env);
  expect(p).not.toBeNull();
  return { ...p!, errors: p!.errors.map(said) };
};

describe('finding the server invocation', () => {
  const gunicorn = 'gunicorn -w 4 -k gevent app:app';
  it.each([
    [gunicorn, 'gunicorn'],
    [`exec ${gunicorn}`, 'gunicorn'],
    [`sh -c "${gunicorn}"`, 'gunicorn'],
    [`/bin/bash -lc 'exec ${gunicorn}'`, 'gunicorn'],
    [`FOO=1 BAR="x y" ${gunicorn}`, 'gunicorn'],
    [`env -u DEBUG FOO=1 ${gunicorn}`, 'gunicorn'],
    ['python -m gunicorn -w 4 -k gevent app:app', 'python -m gunicorn'],
    ['/usr/bin/python3 -u -X dev -m gunicorn -w 4 -k gevent app:app', 'python -m gunicorn'],
    ['/usr/local/bin/gunicorn -w 4 -k gevent app:app', 'gunicorn'],
    ['./venv/bin/gunicorn -w 4 -k gevent app:app', 'gunicorn'],
    [`tini -- ${gunicorn}`, 'gunicorn'],
    [`dumb-init --single-child ${gunicorn}`, 'gunicorn'],
    [`gosu app ${gunicorn}`, 'gunicorn'],
    [`poetry run ${gunicorn}`, 'gunicorn'],
    [`uv run --with gevent ${gunicorn}`, 'gunicorn'],
    [`ddtrace-run ${gunicorn}`, 'gunicorn'],
    [`newrelic-admin run-program ${gunicorn}`, 'gunicorn'],
    [`cd /app && python manage.py migrate && exec ${gunicorn} 2>&1`, 'gunicorn'],
    [`# start\n${gunicorn} # comment`, 'gunicorn'],
    [['sh', '-c', `exec ${gunicorn}`], 'gunicorn'],
    [['gunicorn', '-w', '4', '-k', 'gevent', 'app:app'], 'gunicorn'],
  ] as const)('%j', (command, program) => {
    const p = must(command as string | string[]);
    expect(p.server).toBe('gunicorn');
    expect(p.program).toBe(program);
    expect(values(p)).toEqual({ workers: 4, worker_class: 'gevent' });
    expect(p.app).toBe('app:app');
    expect(p.errors).toEqual([]);
  });

  it('keeps NAME=value assignments in front of the command', () => {
    expect(must('WEB_CONCURRENCY=3 GUNICORN_CMD_ARGS="--threads 2" gunicorn app').env).toEqual({
      WEB_CONCURRENCY: '3',
      GUNICORN_CMD_ARGS: '--threads 2',
    });
  });

  it.each([
    ['celery -A config worker'],
    ['python manage.py runserver'],
    ['pip install gunicorn'],
    ['echo gunicorn -w 4 app'],
    ['python -c "import gunicorn"'],
    ['exec "$@"'],
    [''],
    [[]],
  ])('%j starts no server', (command) => {
    expect(parseCommand(command as string | string[])).toBeNull();
  });

  it('expands $VAR from env in shell strings; unset variables mark the setting unresolved', () => {
    const p = must('gunicorn config.wsgi --workers $WEB_CONCURRENCY --bind 0.0.0.0:$PORT --threads ${THREADS:-4}', { PORT: '5000' });
    expect(p.settings.workers).toEqual({ value: '$WEB_CONCURRENCY', raw: '$WEB_CONCURRENCY', flag: '--workers', unresolved: true });
    expect(p.settings.bind!.value).toBe('0.0.0.0:5000');
    expect(p.settings.threads!.value).toBe(4);
    expect(p.errors).toEqual([]);
    expect(values(must('gunicorn app -w $WEB_CONCURRENCY', { WEB_CONCURRENCY: '5' }))).toEqual({ workers: 5 });
    expect(must('gunicorn -w $(nproc) app').settings.workers!.unresolved).toBe(true);
  });

  it('an exec-form argv is not shell-expanded', () => {
    expect(must(['gunicorn', '-b', '0.0.0.0:$PORT', 'app'], { PORT: '1' }).settings.bind!.value).toBe('0.0.0.0:$PORT');
  });

  it('reports an unterminated quote', () => {
    expect(must('gunicorn -w 2 --bind "0.0.0.0:8000 app:app').errors[0]).toBe('unterminated double quote');
  });
});

// Long: a table of gunicorn's argparse rules.
describe('gunicorn (argparse)', () => {
  it('long, short, attached, = forms, switches, repeats and the config file', () => {
    const p = must(
      'gunicorn --workers=4 -w5 -b :8000 --bind=unix:/run/app.sock -k gthread --threads 8 -t30 --graceful-timeout 20 --keep-alive 75 --max-requests 1000 --max-requests-jitter 100 --backlog 512 --preload --worker-connections=2000 --no-sendfile -c /etc/gunicorn.conf.py myproject.wsgi:application',
    );
    expect(values(p)).toEqual({
      workers: 5,
      bind: 'unix:/run/app.sock',
      worker_class: 'gthread',
      threads: 8,
      timeout: 30,
      graceful_timeout: 20,
      keepalive: 75,
      max_requests: 1000,
      max_requests_jitter: 100,
      backlog: 512,
      preload_app: true,
      worker_connections: 2000,
      sendfile: false,
    });
    expect(p.settings.bind!.values).toEqual([':8000', 'unix:/run/app.sock']);
    expect(p.settings.workers).toEqual({ value: 5, raw: '5', flag: '-w' });
    expect(p.configFile).toBe('/etc/gunicorn.conf.py');
    expect(p.app).toBe('myproject.wsgi:application');
    expect(p.unknownFlags).toEqual([]);
  });

  it('options may follow the app; -- ends options', () => {
    const p = must('gunicorn app:app -w 3 -- --not-a-flag');
    expect(values(p)).toEqual({ workers: 3 });
    expect(p.args).toEqual(['app:app', '--not-a-flag']);
  });

  it('clustered switches: -Dw4 is --daemon and -w 4', () => {
    expect(values(must('gunicorn -Dw4 app'))).toEqual({ daemon: true, workers: 4 });
  });

  it('an unambiguous prefix is accepted, and marked abbreviated', () => {
    const p = must('gunicorn --thr 4 --max-requests-j 10 --preload-app app');
    expect(values(p)).toEqual({ threads: 4, max_requests_jitter: 10 });
    expect(p.settings.threads).toEqual({ value: 4, raw: '4', flag: '--thr', abbreviated: true });
    expect(p.abbreviations).toEqual([
      { flag: '--thr', full: '--threads' },
      { flag: '--max-requests-j', full: '--max-requests-jitter' },
    ]);
    // --preload-app is not a prefix of --preload: unknown.
    expect(p.unknownFlags).toEqual([{ flag: '--preload-app', suggestion: '--preload' }]);
  });

  it('an ambiguous prefix is an error with a suggestion', () => {
    const p = must('gunicorn --worker 4 app:app');
    expect(p.errors).toEqual(['ambiguous option: --worker could match --workers, --worker-class, --worker-connections, --worker-tmp-dir']);
    expect(p.unknownFlags).toEqual([{ flag: '--worker', suggestion: '--workers' }]);
    expect(p.app).toBe('app:app');
  });

  it('unknown flags get suggestions and do not swallow the app', () => {
    const p = must('gunicorn --wrokers 4 --keepalive 5 --timeout=30 app:app');
    expect(p.unknownFlags).toEqual([
      { flag: '--wrokers', suggestion: '--workers' },
      { flag: '--keepalive', suggestion: '--keep-alive' },
    ]);
    expect(values(p)).toEqual({ timeout: 30 });
    expect(p.app).toBe('app:app');
  });

  it('bad values are argparse errors; negatives fail validate_pos_int', () => {
    expect(must('gunicorn -w four app').errors).toEqual(["argument -w/--workers: invalid int value: 'four'"]);
    expect(must('gunicorn --timeout 1.5 app').errors).toEqual(["argument -t/--timeout: invalid int value: '1.5'"]);
    expect(must('gunicorn --workers').errors).toEqual(['argument -w/--workers: expected one argument']);
    expect(must('gunicorn --preload=yes app').errors).toEqual(["argument --preload: ignored explicit argument 'yes'"]);
    const neg = must('gunicorn --max-requests -1 app');
    expect(neg.errors).toEqual(['max_requests: Value must be positive: -1']);
    expect(neg.settings.max_requests!.value).toBe(-1);
    expect(values(must('gunicorn -w " 4 " --umask 0o22 app'))).toEqual({ workers: 4, umask: 18 });
  });

  it('knows settings added after 20.1 (dirty workers, HTTP/2, control socket)', () => {
    const p = must('gunicorn --dirty-workers 2 --dirty-app mod:App --http2-max-concurrent-streams 50 --http-protocols h2,h1 --no-control-socket app');
    expect(values(p)).toEqual({
      dirty_workers: 2,
      dirty_apps: 'mod:App',
      http2_max_concurrent_streams: 50,
      http_protocols: 'h2,h1',
      control_socket_disable: true,
    });
    expect(p.unknownFlags).toEqual([]);
  });

  it('--help/--version do not start a server', () => {
    expect(must('gunicorn --version').errors).toEqual(['--version prints the version and exits instead of starting the server']);
  });
});

describe('GUNICORN_CMD_ARGS', () => {
  it('is split like shlex.split and parsed like the command line; positionals are ignored', () => {
    const r = parseGunicornCmdArgs('--access-logfile - --workers=3 "--bind=0.0.0.0:80" -k uvicorn.workers.UvicornWorker other:app');
    expect(Object.fromEntries(Object.entries(r.settings).map(([k, v]) => [k, v.value]))).toEqual({
      accesslog: '-',
      workers: 3,
      bind: '0.0.0.0:80',
      worker_class: 'uvicorn.workers.UvicornWorker',
    });
    expect(r.app).toBeUndefined();
    expect(r.errors).toEqual([]);
  });

  it('reports typos, the config file and quoting errors', () => {
    const r = parseGunicornCmdArgs('--workres 4 -c conf.py --threads "2');
    expect(r.unknownFlags).toEqual([{ flag: '--workres', suggestion: '--workers' }]);
    expect(r.configFile).toBe('conf.py');
    expect(r.errors[0]).toEqual({ code: 'SHELL_SYNTAX', message: 'unterminated double quote' });
  });

  it('does not expand $VAR (gunicorn does not)', () => {
    expect(parseGunicornCmdArgs('--bind 0.0.0.0:$PORT').settings.bind!.value).toBe('0.0.0.0:$PORT');
  });
});

describe('uvicorn (click)', () => {
  it.each([
    ['uvicorn main:app --workers 4 --limit-concurrency 100', 'uvicorn'],
    ['exec uvicorn main:app --workers=4 --limit-concurrency=100', 'uvicorn'],
    ['python -m uvicorn main:app --workers 4 --limit-concurrency 100', 'python -m uvicorn'],
    ['/usr/bin/python3 -m uvicorn --workers 4 main:app --limit-concurrency 100', 'python -m uvicorn'],
    ['sh -c "uvicorn main:app --workers 4 --limit-concurrency 100"', 'uvicorn'],
    ['PYTHONUNBUFFERED=1 uvicorn main:app --workers 4 --limit-concurrency 100', 'uvicorn'],
  ])('%j', (command, program) => {
    const p = must(command);
    expect([p.server, p.program, p.app]).toEqual(['uvicorn', program, 'main:app']);
    expect(values(p)).toEqual({ workers: 4, limit_concurrency: 100 });
  });

  it('uvicorn’s own setting names, switches with --no- twins, repeatable options', () => {
    const p = must(
      'uvicorn app.main:app --host 0.0.0.0 --port 8000 --backlog 4096 --timeout-keep-alive 65 --limit-max-requests 10000 --loop uvloop --http httptools --no-access-log --proxy-headers --forwarded-allow-ips "*" --reload-dir a --reload-dir b --timeout-graceful-shutdown 30 --ws-ping-interval 2.5 --ws-per-message-deflate false',
    );
    expect(values(p)).toEqual({
      host: '0.0.0.0',
      port: 8000,
      backlog: 4096,
      timeout_keep_alive: 65,
      limit_max_requests: 10000,
      loop: 'uvloop',
      http: 'httptools',
      access_log: false,
      proxy_headers: true,
      forwarded_allow_ips: '*',
      reload_dirs: 'b',
      timeout_graceful_shutdown: 30,
      ws_ping_interval: 2.5,
      ws_per_message_deflate: false,
    });
    expect(p.settings.reload_dirs!.values).toEqual(['a', 'b']);
    expect(p.errors).toEqual([]);
  });

  it('no abbreviations and no -w: unknown flags with suggestions', () => {
    const p = must('uvicorn main:app -w 4 --worker 2 --timeout-keepalive 5');
    expect(p.unknownFlags).toEqual([
      { flag: '-w', suggestion: '--workers' },
      { flag: '--worker', suggestion: '--workers' },
      { flag: '--timeout-keepalive', suggestion: '--timeout-keep-alive' },
    ]);
    expect(p.errors).toEqual([]);
    expect(p.app).toBe('main:app');
  });

  it('click’s value errors', () => {
    expect(must('uvicorn main:app --workers four').errors).toEqual(["Invalid value for '--workers': 'four' is not a valid integer."]);
    expect(must('uvicorn main:app --lifespan sometimes').errors).toEqual([
      "Invalid value for '--lifespan': 'sometimes' is not one of 'auto', 'on', 'off'.",
    ]);
    expect(must('uvicorn main:app --reload=true').errors).toEqual(["Option '--reload' does not take a value."]);
    expect(must('uvicorn --workers 2').errors).toEqual(["Missing argument 'APP'."]);
    expect(must('uvicorn a:app b:app').errors).toEqual(['Got unexpected extra argument (b:app)']);
    expect(must('uvicorn main:app --port').errors).toEqual(["Option '--port' requires an argument."]);
    expect(must('uvicorn main:app --debug').errors).toEqual(['--debug was removed in uvicorn 0.19.0']);
  });

  it('fastapi run is uvicorn underneath', () => {
    const p = must('fastapi run --workers 4 --port 80 --no-proxy-headers app/main.py');
    expect([p.server, p.program, p.app]).toEqual(['uvicorn', 'fastapi run', 'app/main.py']);
    expect(values(p)).toEqual({ workers: 4, port: 80, proxy_headers: false });
    expect(must('fastapi run --entrypoint pkg.api:app').app).toBe('pkg.api:app');
    expect(must('python -m fastapi run main.py --app api -v').app).toBe('main.py:api');
    expect(parseCommand('fastapi --version')).toBeNull();
  });
});

describe('waitress-serve (getopt)', () => {
  it.each([
    ['waitress-serve --threads=8 --connection-limit=200 --listen=*:8080 app:wsgi', 'waitress-serve'],
    ['waitress-serve --threads 8 --connection-limit 200 --listen *:8080 app:wsgi', 'waitress-serve'],
    ['python -m waitress --threads=8 --connection-limit=200 --listen=*:8080 app:wsgi', 'python -m waitress'],
    ['exec /usr/local/bin/waitress-serve --threads=8 --connection-limit=200 --listen=*:8080 app:wsgi', 'waitress-serve'],
    ['sh -c "waitress-serve --threads=8 --connection-limit=200 --listen=*:8080 app:wsgi"', 'waitress-serve'],
  ])('%j', (command, program) => {
    const p = must(command);
    expect([p.server, p.program, p.app]).toEqual(['waitress', program, 'app:wsgi']);
    expect(values(p)).toEqual({ threads: 8, connection_limit: 200, listen: '*:8080' });
    expect(p.errors).toEqual([]);
  });

  it('adjustment names, --no- switches and repeated --listen', () => {
    const p = must(
      'waitress-serve --listen=127.0.0.1:8080 --listen=[::1]:8080 --channel-timeout=60 --cleanup-interval=10 --backlog=2048 --recv-bytes=65536 --send-bytes=18000 --no-ipv6 --asyncore-use-poll --unix-socket-perms=660 --call app:create_app',
    );
    expect(values(p)).toEqual({
      listen: '[::1]:8080',
      channel_timeout: 60,
      cleanup_interval: 10,
      backlog: 2048,
      recv_bytes: 65536,
      send_bytes: 18000,
      ipv6: false,
      asyncore_use_poll: true,
      unix_socket_perms: 0o660,
      call: true,
    });
    expect(p.settings.listen!.values).toEqual(['127.0.0.1:8080', '[::1]:8080']);
  });

  it('getopt prefixes work: recorded under the full name and marked abbreviated', () => {
    const p = must('waitress-serve --thread=4 --conn=50 --port 8080 app:app');
    expect(values(p)).toEqual({ threads: 4, connection_limit: 50, port: 8080 });
    expect(p.settings.threads).toEqual({ value: 4, raw: '4', flag: '--thread', abbreviated: true });
    expect(p.abbreviations).toEqual([
      { flag: '--thread', full: '--threads' },
      { flag: '--conn', full: '--connection-limit' },
    ]);
  });

  it('getopt errors: not a unique prefix, unknown, missing value, value on a switch, short flags', () => {
    const p = must('waitress-serve --no-ip --thraeds=4 --ipv4=yes -t 4 app:app');
    expect(p.errors).toEqual([
      'option --no-ip not a unique prefix',
      'option --thraeds not recognized',
      'option --ipv4 must not have an argument',
      'option -t not recognized',
      'Specify one application only',
    ]);
    expect(p.unknownFlags).toEqual([
      { flag: '--no-ip', suggestion: '--no-ipv4' },
      { flag: '--thraeds', suggestion: '--threads' },
      { flag: '-t' },
    ]);
    expect(must('waitress-serve app:app --port').errors).toContain('Specify one application only');
    expect(must('waitress-serve --port').errors).toEqual(['option --port requires argument', 'Specify one application only']);
  });

  it('options after the app are not read', () => {
    const p = must('waitress-serve app:app --threads=16');
    expect(values(p)).toEqual({});
    expect(p.errors).toEqual(['Specify one application only', 'options after the application are not read: --threads=16']);
  });

  it('int values are checked the way Adjustments casts them', () => {
    expect(must('waitress-serve --threads=many app:app').errors).toEqual(["threads: ValueError: invalid literal for int() with base 10: 'many'"]);
  });
});
