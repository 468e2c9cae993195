// Where the command lives: Dockerfiles (exec and shell form, ENV, ARG, stages) and the start scripts
// they run, read as text.
import { describe, expect, it } from 'vitest';
import { parseDockerfile, stageCommand } from '../../src/check/dockerfile.js';
import { condition, logicalLines, scriptCommands } from '../../src/check/script.js';
import { codes, file, run, values } from './helpers.js';

describe('Dockerfile', () => {
  it('ENTRYPOINT in exec form takes CMD as its arguments; ENV reaches the config file', () => {
    const df = 'FROM python:3.11\nARG WORKERS=3\nENV GUNICORN_WORKERS=$WORKERS\nENTRYPOINT ["gunicorn"]\nCMD ["--config=gunicorn.conf.py", "main:app"]\n';
    const conf = 'import os\nworkers = os.environ.get("GUNICORN_WORKERS")\n';
    const r = run([file('Dockerfile', 'dockerfile', df), file('gunicorn.conf.py', 'gunicorn-conf', conf)]);
    expect(r.targets).toHaveLength(1);
    expect(r.targets[0]).toMatchObject({ name: 'Dockerfile', server: 'gunicorn', source: { file: 'Dockerfile', line: 4 } });
    expect(values(r)).toMatchObject({ workers: 3 });
  });
  it('shell form runs in sh -c: $VAR expands from ENV (the old `ENV NAME value` form too)', () => {
    const r = run([file('Dockerfile', 'dockerfile', 'FROM python\nENV WORKERS 4\nCMD gunicorn -w $WORKERS app:app\n')]);
    expect(values(r)).toMatchObject({ workers: 4 });
  });
  it('exec form is not expanded: "${WORKERS}" reaches uvicorn as written and it refuses', () => {
    const r = run([file('Dockerfile', 'dockerfile', 'FROM python\nENV WORKERS 4\nCMD ["uvicorn", "--workers", "${WORKERS}", "app:app"]\n')]);
    expect(r.findings.find((f) => f.code === 'SERVER_REFUSES')).toMatchObject({ severity: 'error', args: { server: 'uvicorn' } });
  });
  it('GUNICORN_CMD_ARGS from ENV counts (quotes removed as the builder does)', () => {
    const r = run([file('Dockerfile', 'dockerfile', 'FROM python\nENV GUNICORN_CMD_ARGS "--workers=2 --thread=4 --worker-class=gthread"\nCMD ["gunicorn", "app:app"]\n')]);
    expect(r.targets[0]).toMatchObject({ workerClass: 'gthread' });
    expect(values(r)).toMatchObject({ workers: 2, threads: 4 });
  });
  it('stages: a stage FROM another inherits its command; stages that run the same are one target', () => {
    const df = 'FROM node AS assets\nRUN npm ci\nFROM python AS lean\nCMD ["gunicorn", "-w", "2", "app:app"]\nFROM lean AS dev\nRUN pip install x\n';
    const parsed = parseDockerfile(df);
    expect(parsed.stages.map((s) => stageCommand(s)?.value)).toEqual([undefined, ['gunicorn', '-w', '2', 'app:app'], ['gunicorn', '-w', '2', 'app:app']]);
    expect(run([file('Dockerfile', 'dockerfile', df)]).targets).toHaveLength(1);
  });
  it('continuation lines, comments inside them, and a here-document body are not instructions', () => {
    const df = 'FROM python\nRUN <<EOF\nCMD ["not", "this"]\nEOF\nCMD gunicorn \\\n  # a comment\n  -w 2 app:app\n';
    expect(stageCommand(parseDockerfile(df).stages[0]!)).toEqual({ value: 'gunicorn   -w 2 app:app', line: 5 });
  });
});

describe('start scripts', () => {
  it("the script's own ${VAR:-default} assignments, with quotes removed", () => {
    const sh = '#!/bin/bash\nW=${GUNICORN_WORKERS:-"3"}\nexec gunicorn --workers="${W}" app:app\n';
    const r = run([file('Dockerfile', 'dockerfile', 'FROM python\nCMD ["/app/start.sh"]\n'), file('start.sh', 'script', sh)]);
    expect(r.targets).toHaveLength(1);
    expect(r.targets[0]!.source).toEqual({ file: 'start.sh', line: 3 });
    expect(values(r)).toMatchObject({ workers: 3 });
  });
  it('an if whose test is known skips the branch that cannot run', () => {
    const sh = 'DEBUG=${DEBUG:-false}\nif [ "$DEBUG" = "true" ]; then\n  exec gunicorn --reload -w 1 app:app\nelse\n  exec gunicorn -w 4 app:app\nfi\n';
    const r = run([file('entrypoint.sh', 'script', sh)]);
    expect(r.targets).toHaveLength(1);
    expect(values(r)).toEqual({ workers: 4 });
  });
  it('branches that cannot be decided each start a process', () => {
    const sh = 'if [ -f /app/prod ]; then\n  exec gunicorn -w 4 app:app\nelse\n  exec gunicorn -w 2 app:app\nfi\n';
    expect(run([file('entrypoint.sh', 'script', sh)]).targets.map((t) => t.name)).toEqual(['entrypoint.sh (entrypoint.sh:2)', 'entrypoint.sh (entrypoint.sh:4)']);
  });
  it('"$@" is the arguments the Dockerfile passes (ENTRYPOINT script + CMD)', () => {
    const sh = '#!/bin/sh\nset -e\npython manage.py migrate\nexec "$@"\n';
    const df = 'FROM python\nENTRYPOINT ["/docker-entrypoint.sh"]\nCMD ["gunicorn", "-w", "3", "app:app"]\n';
    const r = run([file('Dockerfile', 'dockerfile', df), file('docker-entrypoint.sh', 'script', sh)]);
    expect(values(r)).toEqual({ workers: 3 });
  });
  it('only exported variables reach the server (WEB_CONCURRENCY set without export does not)', () => {
    const plain = run([file('start.sh', 'script', 'WEB_CONCURRENCY=4\nexec gunicorn app:app\n')]);
    expect(values(plain)).toEqual({});
    const exported = run([file('start.sh', 'script', 'export WEB_CONCURRENCY=4\nexec gunicorn app:app\n')]);
    expect(values(exported)).toEqual({ workers: 4 });
  });
  it('a script named by a Procfile is read on request, from beside the Procfile', () => {
    const r = run([file('deploy/Procfile', 'procfile', 'web: bin/web.sh\n')], { extra: { 'deploy/bin/web.sh': 'exec gunicorn -w 2 app:app\n' } });
    expect(r.files).toEqual(['deploy/Procfile', 'deploy/bin/web.sh']);
    expect(values(r)).toEqual({ workers: 2 });
  });
  it('a wrapper we do not know in front of the server is taken to run it, and said', () => {
    const r = run([file('Procfile', 'procfile', 'web: bin/start-pgbouncer gunicorn app:app -w 2\n')]);
    expect(values(r)).toEqual({ workers: 2 });
    expect(codes(r)).toContain('WRAPPER_ASSUMED');
  });
  it('a script the command runs that is not there: exit-2 message names it', () => {
    expect(() => run([file('Dockerfile', 'dockerfile', 'FROM python\nCMD ["/usr/local/bin/start.sh"]\n')])).toThrow(expect.objectContaining({ missing: ['/usr/local/bin/start.sh'] }));
  });
  it('lines: continuations, quotes and $( ) across lines, here-documents', () => {
    expect(logicalLines('a \\\n b\nc "x\ny"\nd $(e\nf)\ncat <<EOF\nnot a command\nEOF\ng').map((l) => l.line)).toEqual([1, 3, 5, 7, 10]);
    const cmds = scriptCommands('A=1\nexport B=${A}2\necho "$B"\n', { env: {}, args: [] });
    expect(cmds).toEqual([expect.objectContaining({ words: ['echo', '12'], exported: { B: '12' } })]);
  });
  it.each([
    [['[', 'a', '=', 'a', ']'], true],
    [['[[', 'a', '==', 'b', ']]'], false],
    [['test', '-z', ''], true],
    [['!', '[', '-n', 'x', ']'], false],
    [['[', '3', '-gt', '1', ']'], true],
    [['[', '-f', '/app/x', ']'], undefined],
    [['[', '$X', '=', 'a', ']'], undefined],
  ])('test %j is %s', (words, value) => {
    expect(condition(words, [])).toBe(value);
  });
});
