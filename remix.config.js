// The single source of the Remix options. vite.config.ts imports this file and passes it to the
// Remix Vite plugin (which does not read remix.config.js by itself). Only the keys the Vite plugin
// understands belong here: appDirectory, future, ignoredRouteFiles, routes, serverModuleFormat.

/** @type {import("@remix-run/dev").VitePluginConfig} */
export default {
  appDirectory: "app",
  serverModuleFormat: "esm",
  // Tests and pure modules live beside the code; they are not routes.
  ignoredRouteFiles: ["**/*.test.*", "**/.*"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
    v3_routeConfig: false,
  },
};
