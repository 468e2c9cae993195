// One module per format, loaded only when asked for: the env format must not pay for yaml or chalk.
import type { Format, Renderer } from './types.js';

const LOADERS = {
  table: async () => (await import('./table.js')).renderTable,
  json: async () => (await import('./json.js')).renderJson,
  env: async () => (await import('./env.js')).renderEnv,
  gunicorn: async () => (await import('./gunicorn.js')).renderGunicornConf,
  compose: async () => (await import('./compose.js')).renderCompose,
  waitress: async () => (await import('./waitress.js')).renderWaitress,
  uvicorn: async () => (await import('./uvicorn.js')).renderUvicorn,
  k8s: async () => (await import('./k8s.js')).renderK8s,
} satisfies Record<Format, () => Promise<Renderer>>;

export function loadRenderer(format: Format): Promise<Renderer> {
  return LOADERS[format]();
}

export { FORMATS, RenderError, type Format, type RenderOptions, type Renderer } from './types.js';
