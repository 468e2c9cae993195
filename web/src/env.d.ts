// Made by scripts/build-web.mjs: presets/*.json as { name: text }.
declare module 'virtual:presets' {
  const presets: Record<string, string>;
  export default presets;
}
