// Preload for `prisma migrate dev` only: the wasm schema engine's glue leaves a 10 000 ms (deploy) or 60 000 ms (dev) timer
// referenced, so the CLI idles ~60 s after finishing (toolchain.md, trap 3). Unref long timers.
const original = global.setTimeout;
global.setTimeout = function patchedSetTimeout(fn, ms, ...args) {
  const t = original(fn, ms, ...args);
  if (typeof ms === "number" && ms >= 10000 && t && typeof t.unref === "function") t.unref();
  return t;
};
