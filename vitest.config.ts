import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real-server acceptance tests start gunicorn, uvicorn and waitress: give them time, and keep
    // files apart from each other so two servers never compete for the 2 cores at once.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    env: { NO_COLOR: '1', FORCE_COLOR: '0' },
  },
});
