// End-to-end tests: the production build served by the real server (scripts/serve.mjs) on its own
// port and its own database, driven by Debian's Chromium through playwright-core.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string | null;
    e2eDatabaseUrl: string;
  }
}

/** Debian's chromium, or null. With CI=true a missing browser is an error, not a skip. */
export function findChromium(): string | null {
  for (const p of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) if (p && fs.existsSync(p)) return p;
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

let server: ChildProcess | null = null;

export default async function setup(project: TestProject) {
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    if (process.env.CI === "true") throw new Error("CI=true 但未找到 Chromium（/usr/bin/chromium）：请先安装 Debian 的 chromium 与 fonts-noto-cjk（.ci/run 会自动安装）。");
    console.warn("\n⚠ 未找到 Chromium，跳过端到端测试。安装：apt-get install -y chromium fonts-noto-cjk\n");
    project.provide("chromiumPath", null);
    project.provide("baseUrl", "");
    project.provide("e2eDatabaseUrl", "");
    return;
  }
  // The production build (same steps as npm start; rebuilt only when sources changed).
  execFileSync("node", ["-e", "import('./scripts/lib.mjs').then(m => m.ensureBuild())"], { stdio: "inherit" });
  const tmp = path.resolve("test/.tmp");
  fs.mkdirSync(tmp, { recursive: true });
  const db = path.join(tmp, `e2e-${process.pid}.db`);
  for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
  const env = { ...process.env, DATABASE_URL: `file:${db}`, CHECKPOINT_DISABLE: "1", SESSION_SECRET: "e2e-test-session-secret-".padEnd(48, "e") };
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { env, stdio: "pipe" });
  execFileSync("node_modules/.bin/tsx", ["prisma/seed.ts"], { env, stdio: "pipe" });
  const port = await freePort();
  server = spawn("node", ["scripts/serve.mjs"], { env: { ...env, PORT: String(port), HOST: "127.0.0.1" }, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  server.stdout!.on("data", (d) => (log += d));
  server.stderr!.on("data", (d) => (log += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await fetch(`${baseUrl}/login`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`端到端测试服务器未能启动：\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  project.provide("chromiumPath", chromiumPath);
  project.provide("baseUrl", baseUrl);
  project.provide("e2eDatabaseUrl", `file:${db}`);
  return async () => {
    server?.kill("SIGTERM");
    for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
  };
}
