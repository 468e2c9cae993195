// esbuild's inject (scripts/build-web.mjs): where bundled code names `Buffer`, it gets this. Only
// byteLength is used on the page's paths (src/check/python/literals.ts: CPython's byte positions).
const encoder = new TextEncoder();
export const Buffer = { byteLength: (s: string): number => encoder.encode(s).length };
