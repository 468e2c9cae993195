// `worker-tune/render`: a recommendation as each file format, and the words for its codes.
export { FORMATS, RenderError, loadRenderer, type Format, type RenderOptions, type Renderer } from './index.js';
export { describeFinding, explainReason, fixFor } from './messages.js';
