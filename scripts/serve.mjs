// The production HTTP server: Express in front of the Remix build, with compression, long-lived
// cache headers on hashed assets, a body size limit and security headers (a Content-Security-Policy with a fresh
// nonce per request on every document, see app/utils/csp.ts).
// `npm run serve` serves an existing build; `npm start` prepares everything first.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { dataDir, projectRoot } from "./database-url.mjs";
import { defaultDocumentCsp } from "./document-csp.mjs";
import { isCrossSiteWrite } from "./same-origin.mjs";

/** Largest request body accepted (uploads of Excel files are the largest). */
export const MAX_BODY_BYTES = 12 * 1024 * 1024;

export async function startServer({ port = Number(process.env.PORT ?? 3000), host = process.env.HOST } = {}) {
  process.env.NODE_ENV = "production";
  if (!process.env.SESSION_SECRET && !fs.existsSync(path.join(dataDir, "session-secret"))) {
    throw new Error(`未配置会话密钥：请设置 SESSION_SECRET，或先运行 npm start（首次启动会生成 ${path.join(dataDir, "session-secret")}）。`);
  }
  const build = await import(pathToFileURL(path.join(projectRoot, "build", "server", "index.js")).href);
  const documentCsp = build.entry?.module?.documentCsp;
  if (typeof documentCsp !== "function") throw new Error("构建产物缺少 documentCsp（app/entry.server.tsx）：请重新构建（npm run build）。");
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY === "true");
  app.use(compression());
  app.use((req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "SAMEORIGIN");
    // A fresh nonce per request: Remix's inline scripts carry it (load context → app/entry.server.tsx), an
    // injected script cannot know it.
    const cspNonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = cspNonce;
    defaultDocumentCsp(res, documentCsp(cspNonce));
    const trustProxy = process.env.TRUST_PROXY === "true";
    if (isCrossSiteWrite({ method: req.method, path: req.path, origin: req.headers.origin, host: req.headers.host, forwardedHost: trustProxy ? req.headers["x-forwarded-host"] : undefined })) {
      res.status(403).type("text/plain; charset=utf-8").send("跨站请求被拒绝：请从本系统的页面提交。");
      return;
    }
    const len = Number(req.headers["content-length"] ?? 0);
    if (len > MAX_BODY_BYTES) {
      res.status(413).type("text/plain; charset=utf-8").send("请求内容过大（上限 12 MB）。");
      return;
    }
    next();
  });
  const client = path.join(projectRoot, "build", "client");
  app.use("/assets", express.static(path.join(client, "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(client, { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, getLoadContext: (req, res) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown", cspNonce: res.locals.cspNonce }) }));
  // Survey submissions go to the lean handler first (same validation code as the Remix route
  // app/routes/s.$token.submit.tsx, without the route pipeline); everything else to Express + Remix.
  const submit = build.entry?.module?.surveySubmitListener;
  const font = build.entry?.module?.cjkFontStatus?.();
  if (font && !font.ok) console.warn(`\x1b[33m⚠ ${font.message}\x1b[0m`);
  const server = http.createServer((req, res) => {
    if (submit && submit(req, res)) return;
    app(req, res);
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve) => {
    if (host) server.listen(port, host, () => resolve(server));
    else server.listen(port, () => resolve(server));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const port = Number(process.env.PORT ?? 3000);
  await startServer({ port });
  console.log(`已启动：http://localhost:${port}/`);
}
