import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  // Remix deletes Vite's client manifest after a build unless build.manifest is set; the server
  // uses it to know the hashed asset names.
  build: { manifest: true, target: "es2020" },
  plugins: [!process.env.VITEST && remix(remixConfig)],
  server: { port: Number(process.env.PORT ?? 3000) },
});
