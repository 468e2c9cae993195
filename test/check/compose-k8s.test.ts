// compose services built from a Dockerfile, env_file, Docker's "0 means no limit"; Kubernetes
// manifests and Render blueprints.
import { describe, expect, it } from 'vitest';
import { codes, file, machine, run, values } from './helpers.js';

describe('compose', () => {
  it('a command that is the arguments of the image ENTRYPOINT of its build: context', () => {
    const compose = 'services:\n  web:\n    build: ./app\n    command: ["app:app", "--workers=3"]\n    mem_limit: 1g\n';
    const r = run([file('compose.yaml', 'compose', compose)], { extra: { 'app/Dockerfile': 'FROM python\nENV WEB_CONCURRENCY=9\nENTRYPOINT ["gunicorn"]\n' } });
    expect(r.files).toEqual(['compose.yaml', 'app/Dockerfile']);
    expect(r.targets).toHaveLength(1);
    expect(r.targets[0]).toMatchObject({ name: 'service web', source: { file: 'compose.yaml', line: 4 } });
    expect(values(r)).toEqual({ workers: 3 });
  });
  it("a service with no command runs its image's CMD, and the Dockerfile is not a second target", () => {
    const r = run([file('compose.yaml', 'compose', 'services:\n  web:\n    build: .\n'), file('Dockerfile', 'dockerfile', 'FROM python\nCMD gunicorn -w 2 app:app\n')]);
    expect(r.targets.map((t) => t.name)).toEqual(['service web']);
    expect(r.targets[0]!.source).toEqual({ file: 'Dockerfile', line: 2 });
  });
  it('an image-only service runs another image (redis): the Dockerfile given beside is not taken for it', () => {
    const compose = 'services:\n  cache:\n    image: redis:7\n  web:\n    build: .\n    environment:\n      - W=2\n';
    const r = run([file('compose.yaml', 'compose', compose), file('Dockerfile', 'dockerfile', 'FROM python\nCMD gunicorn -w $W app:app\n')]);
    expect(r.targets.map((t) => t.name)).toEqual(['service web']);
    expect(values(r)).toEqual({ workers: 2 });
  });
  it('an env_file that is not there is a warning naming it; required: false is honoured', () => {
    const compose = 'services:\n  a:\n    command: gunicorn app:app\n    env_file: .env.prod\n  b:\n    command: gunicorn app:app\n    env_file:\n      - path: .env.local\n        required: false\n';
    const r = run([file('compose.yaml', 'compose', compose)]);
    expect(r.findings.filter((f) => f.code === 'ENV_FILE_MISSING')).toEqual([expect.objectContaining({ severity: 'warning', file: 'compose.yaml', line: 4, args: { path: '.env.prod', service: 'a' } })]);
  });
  it('…and says which settings it may have set', () => {
    const compose = "services:\n  web:\n    command: sh -c 'exec gunicorn -w $$WORKERS app:app'\n    env_file: .env.prod\n";
    const r = run([file('compose.yaml', 'compose', compose)]);
    expect(r.findings.find((f) => f.code === 'ENV_FILE_MISSING')?.args).toEqual({ path: '.env.prod', service: 'web', unresolved: 'workers' });
    expect(r.findings.find((f) => f.code === 'UNRESOLVED_VALUE')).toMatchObject({ severity: 'warning', args: { setting: 'workers', raw: '$WORKERS' } });
  });
  it('cpus: "0" and memory: "${MEM:-0}" mean no limit: the budget is the one given, and it is said', () => {
    const compose = 'services:\n  web:\n    command: gunicorn -w 2 app:app\n    deploy:\n      resources:\n        limits:\n          cpus: "0"\n          memory: ${MEM:-0}\n';
    const r = run([file('compose.yaml', 'compose', compose)]);
    expect(r.targets[0]!.memory?.budgetBytes).toBe(2 * 2 ** 30);
    expect(r.findings.filter((f) => f.code === 'NO_LIMIT').map((f) => f.args)).toEqual([
      { what: 'memory', value: '0', raw: '${MEM:-0}' },
      { what: 'cpus', value: '0', raw: '0' },
    ]);
  });
  it('YAML merge keys (<<: *anchor) are compose, not an error', () => {
    const compose = 'x-common: &common\n  environment: &env\n    WEB_CONCURRENCY: "3"\nservices:\n  web:\n    <<: *common\n    environment:\n      <<: *env\n      OTHER: "1"\n    command: gunicorn app:app\n';
    expect(values(run([file('compose.yaml', 'compose', compose)]))).toEqual({ workers: 3 });
  });
  it('the apache/airflow image: `command: webserver` is airflow webserver, which runs gunicorn', () => {
    const compose = 'services:\n  web:\n    image: apache/airflow:2.9.0\n    command: webserver\n    environment:\n      AIRFLOW__WEBSERVER__WORKERS: "2"\n';
    const r = run([file('compose.yaml', 'compose', compose)]);
    expect(values(r)).toMatchObject({ workers: 2, worker_class: 'sync', timeout: 120, preload_app: true });
  });
});

const deployment = (container: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
${extra}      containers:
${container}`;

describe('Kubernetes', () => {
  it('command/args with $(VAR) from env and a ConfigMap in the same files; limits are the budget', () => {
    const c = `        - name: app
          command: ["gunicorn"]
          args: ["--workers=$(WORKERS)", "--threads=$(THREADS)", "app:app"]
          env:
            - name: WORKERS
              value: "3"
          envFrom:
            - configMapRef:
                name: tuning
          resources:
            limits:
              memory: 1536Mi
              cpu: 1500m
`;
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tuning\ndata:\n  THREADS: "4"\n';
    const r = run([file('deploy.yaml', 'yaml', `${deployment(c)}---\n${cm}`)]);
    expect(r.targets).toHaveLength(1);
    expect(r.targets[0]).toMatchObject({ name: 'Deployment web / container app', workerClass: 'gthread' });
    expect(values(r)).toEqual({ workers: 3, threads: 4 });
    expect(r.targets[0]!.memory?.budgetBytes).toBe(1536 * 2 ** 20);
    expect(r.machine.cpus).toBe(1.5);
  });
  it('$(VAR) of a variable defined nowhere stays as written, and gunicorn refuses it', () => {
    const r = run([file('d.yaml', 'yaml', deployment('        - name: app\n          command: ["gunicorn", "--workers=$(N)", "app:app"]\n'))]);
    expect(r.findings.find((f) => f.code === 'SERVER_REFUSES')?.args).toMatchObject({ message: "argument -w/--workers: invalid int value: '$(N)'" });
  });
  it('…but may come from a Secret we cannot see: not known, not refused', () => {
    const c = '        - name: app\n          command: ["gunicorn", "--workers=$(N)", "app:app"]\n          env:\n            - name: N\n              valueFrom:\n                secretKeyRef: {name: s, key: n}\n';
    const r = run([file('d.yaml', 'yaml', deployment(c))]);
    expect(codes(r)).not.toContain('SERVER_REFUSES');
    expect(r.findings.find((f) => f.code === 'UNRESOLVED_VALUE')).toMatchObject({ severity: 'warning', args: { setting: 'workers', raw: '$(N)' } });
  });
  it('terminationGracePeriodSeconds is the shutdown window: a graceful_timeout at or above it is a warning', () => {
    const r = run([file('d.yaml', 'yaml', deployment('        - name: app\n          command: ["gunicorn", "app:app"]\n', '      terminationGracePeriodSeconds: 20\n'))]);
    expect(r.findings.find((f) => f.code === 'GRACEFUL_ABOVE_PLATFORM')).toMatchObject({ args: { graceful: 30, shutdownGrace: 20 } });
  });
  it('each server container of a pod is a target; a container with no command runs the only Dockerfile given', () => {
    const c = '        - name: api\n        - name: sidecar\n          command: ["uvicorn", "--workers", "2", "side:app"]\n';
    const r = run([file('d.yaml', 'k8s', deployment(c)), file('Dockerfile', 'dockerfile', 'FROM python\nCMD ["gunicorn", "-w", "3", "app:app"]\n')]);
    expect(r.targets.map((t) => [t.name, t.server])).toEqual([
      ['Deployment web / container api', 'gunicorn'],
      ['Deployment web / container sidecar', 'uvicorn'],
    ]);
    expect(codes(r)).toContain('IMAGE_ASSUMED');
  });
  it("a container with only args, and no Dockerfile: the image's ENTRYPOINT is taken to run them, and said", () => {
    const r = run([file('d.yaml', 'yaml', deployment('        - name: app\n          args: ["uvicorn", "--workers", "2", "main:app"]\n'))]);
    expect(r.targets[0]).toMatchObject({ server: 'uvicorn', settings: { workers: { value: 2 } } });
    expect(r.findings.find((f) => f.code === 'WRAPPER_ASSUMED')?.args).toEqual({ wrapper: "the image's ENTRYPOINT", server: 'uvicorn' });
  });
  it('a manifest that is not YAML stops with exit 2 (FILE_ERROR)', () => {
    expect(() => run([file('d.yaml', 'yaml', 'apiVersion: v1\nkind: Pod\n  bad: [\n')])).toThrow();
  });
  it('a kustomization is read for its configMapGenerator literals only', () => {
    const c = '        - name: app\n          command: ["gunicorn", "--workers=$(W)", "app:app"]\n          envFrom:\n            - configMapRef: {name: env}\n';
    const kz = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nconfigMapGenerator:\n  - name: env\n    literals:\n      - W=5\n';
    const r = run([file('d.yaml', 'yaml', deployment(c)), file('kustomization.yaml', 'yaml', kz)]);
    expect(values(r)).toEqual({ workers: 5 });
  });
});

describe('Render', () => {
  it('startCommand and envVars; PORT is 10000 unless set', () => {
    const y = 'services:\n  - type: web\n    name: api\n    startCommand: gunicorn -w $WEB_CONCURRENCY -b 0.0.0.0:$PORT app:app\n    envVars:\n      - key: WEB_CONCURRENCY\n        value: 3\n';
    const r = run([file('render.yaml', 'yaml', y)], { situation: machine('1g') });
    expect(r.targets[0]).toMatchObject({ name: 'Render api' });
    expect(values(r)).toEqual({ workers: 3, bind: '0.0.0.0:10000' });
  });
});
