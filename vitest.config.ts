import { defineConfig } from 'vitest/config';

// Four groups, one after the other (sequence.groupOrder): the pure tests in parallel; then the tests
// that start real gunicorn, uvicorn and waitress, one file at a time so two servers never compete
// for the 2 cores; then the installs (npm, pre-commit, the GitHub Action), which need the registry;
// then the web page in Debian's Chromium and the single executable, one file at a time.
const SERVERS = ['test/readme.test.ts', 'test/accept/**/*.test.ts', 'test/calibrate/calibrate.test.ts', 'test/calibrate/processes.test.ts', 'test/helpers/**/*.test.ts', 'test/servers/**/*.test.ts', 'test/inspect/servers.test.ts', 'test/inspect/namespace.test.ts', 'test/inspect/cli.test.ts'];
const INSTALL = ['test/install/**/*.test.ts'];
const WEB = ['test/web/**/*.test.ts', 'test/sea/**/*.test.ts'];
const env = { NO_COLOR: '1', FORCE_COLOR: '0' };

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...SERVERS, ...INSTALL, ...WEB], env, testTimeout: 60_000, sequence: { groupOrder: 0 } } },
      {
        test: {
          name: 'servers',
          include: SERVERS,
          env,
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          globalSetup: ['test/setup/system-packages.ts'],
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'web',
          include: WEB,
          env,
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
          globalSetup: ['test/setup/system-packages.ts', 'test/setup/web-build.ts'],
          sequence: { groupOrder: 3 },
        },
      },
      { test: { name: 'install', include: INSTALL, env, fileParallelism: false, testTimeout: 300_000, hookTimeout: 300_000, globalSetup: ['test/setup/system-packages.ts'], sequence: { groupOrder: 2 } } },
    ],
  },
});
