// npm run bench:page — how fast a parent's phone shows the questionnaire on a slow mobile link.
// The production build served by the real server (scripts/serve.mjs) on its own port and database
// (test/.tmp/bench-page.db), one open round with a school's parent link, opened in Chromium at 390×844 with an
// empty cache and the network throttled through CDP (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up).
// Measures, median of BENCH_RUNS runs (default 5) after one unthrottled warm-up request (a cold server's first
// request pays for module loading and the database clients, which is not what a parent on 4G waits for):
//   fcp_ms          first-contentful-paint (PerformanceObserver 'paint')
//   interactive_ms  until the first choice of the first question is in the page, visible and enabled
//   js_kb           transferred (encoded) kB of JavaScript (CDP Network.loadingFinished of script responses)
// Baseline in the same run: the login page (no SurveyJS) under the same network. Targets: fcp ≤ 1000 ms,
// interactive ≤ 3500 ms. The last line is exactly `fcp_ms=<n> interactive_ms=<n> js_kb=<n>`.
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { ensureBuild, projectRoot, step } from "./lib.mjs";

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const VIEWPORT = { width: 390, height: 844 };
/** Chromium's throughput figures are bytes per second. */
const NETWORK = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: Math.round(750_000 / 8) };
const TARGETS = { fcp_ms: 1000, interactive_ms: 3500 };
const FIRST_CHOICE = ".sd-question input[type=radio]";

function findChromium() {
  for (const p of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) if (p && fs.existsSync(p)) return p;
  return null;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

const iso = (d) => d.toISOString().replace("Z", "+00:00"); // how the app's Prisma adapter stores DateTime
const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const linkToken = () => Array.from(crypto.randomBytes(12), (b) => BASE58[b % BASE58.length]).join("");

/** A fresh database: migrations, reference data + demo, then an open round with one school's 社会卷 link. */
async function prepareDatabase(dbFile, env) {
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true });
  execFileSync(path.join(projectRoot, "node_modules/.bin/prisma"), ["migrate", "deploy"], { cwd: projectRoot, env, stdio: "pipe" });
  execFileSync(path.join(projectRoot, "node_modules/.bin/tsx"), ["prisma/seed.ts"], { cwd: projectRoot, env, stdio: "pipe" });
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(dbFile);
  try {
    const school = db.prepare(`SELECT s.id, s.countyId FROM School s JOIN County c ON c.id = s.countyId WHERE c.code = '150104' ORDER BY s.code LIMIT 1`).get();
    const now = Date.now();
    const roundId = `bench${crypto.randomBytes(8).toString("hex")}`;
    db.prepare(
      `INSERT INTO SurveyRound (id, countyId, name, state, opensAt, closesAt, questionnaires, samplingRule, onePerDevice, deviceSalt, createdAt, updatedAt)
       VALUES (?, ?, '性能测试轮次', 'open', ?, ?, ?, ?, 1, ?, ?, ?)`,
    ).run(roundId, school.countyId, iso(new Date(now - 86_400_000)), iso(new Date(now + 7 * 86_400_000)), JSON.stringify(["social.v1", "staff.v1", "student.v1"]), JSON.stringify({ ratePerMille: 1.5, minimumTotal: 0, parentShare: 0.5 }), crypto.randomBytes(16).toString("hex"), iso(new Date(now)), iso(new Date(now)));
    const token = linkToken();
    db.prepare(`INSERT INTO SurveyLink (id, token, roundId, schoolId, family, questionnaire, responseCount, createdAt) VALUES (?, ?, ?, ?, 'social', 'social.v1', 0, ?)`).run(
      `bench${crypto.randomBytes(8).toString("hex")}`,
      token,
      roundId,
      school.id,
      iso(new Date(now)),
    );
    return token;
  } finally {
    db.close();
  }
}

/** Runs in the page before any of its scripts: records FCP and the moment `selector` becomes usable. */
function probe(selector) {
  /* global window, document, performance, PerformanceObserver, requestAnimationFrame, getComputedStyle */
  const b = (window.__bench = { fcp: null, interactive: null });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "first-contentful-paint") b.fcp = e.startTime;
  }).observe({ type: "paint", buffered: true });
  const check = () => {
    const el = document.querySelector(selector);
    if (el && !el.disabled && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden") b.interactive = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** One cold load of `url` under the throttled network. */
async function measure(browser, url, selector) {
  const context = await browser.newContext({ viewport: VIEWPORT, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.clearBrowserCache");
    await cdp.send("Network.emulateNetworkConditions", NETWORK);
    const responses = new Map();
    const resources = [];
    let jsBytes = 0;
    let allBytes = 0;
    cdp.on("Network.responseReceived", (e) => responses.set(e.requestId, { url: new URL(e.response.url).pathname, script: e.type === "Script" || /javascript/.test(e.response.mimeType ?? "") }));
    cdp.on("Network.loadingFinished", (e) => {
      const r = responses.get(e.requestId);
      allBytes += e.encodedDataLength;
      if (r?.script) jsBytes += e.encodedDataLength;
      if (r) resources.push({ url: r.url, kb: e.encodedDataLength / 1024 });
    });
    await page.addInitScript(`(${probe.toString()})(${JSON.stringify(selector)})`);
    await page.goto(url, { waitUntil: "commit", timeout: 60_000 });
    await page.waitForFunction(() => window.__bench && window.__bench.fcp !== null && window.__bench.interactive !== null, null, { timeout: 60_000, polling: 50 });
    await page.waitForLoadState("networkidle", { timeout: 60_000 });
    const r = await page.evaluate(() => window.__bench);
    return { fcp_ms: Math.round(r.fcp), interactive_ms: Math.round(r.interactive), js_kb: Math.round(jsBytes / 1024), total_kb: Math.round(allBytes / 1024), resources };
  } finally {
    await context.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const line = (r) => `fcp_ms=${r.fcp_ms} interactive_ms=${r.interactive_ms} js_kb=${r.js_kb}`;

const chromiumPath = findChromium();
if (!chromiumPath) {
  console.error("未找到 Chromium（/usr/bin/chromium）：apt-get install -y chromium fonts-noto-cjk");
  process.exit(1);
}
ensureBuild();
const tmp = path.join(projectRoot, "test", ".tmp");
fs.mkdirSync(tmp, { recursive: true });
const dbFile = path.join(tmp, "bench-page.db");
const env = { ...process.env, DATABASE_URL: `file:${dbFile}`, CHECKPOINT_DISABLE: "1", SESSION_SECRET: "bench-page-session-secret-".padEnd(48, "b") };
step("准备数据库 test/.tmp/bench-page.db（迁移、参考数据、一个进行中的轮次和家长链接）");
const token = await prepareDatabase(dbFile, env);

const port = await freePort();
const server = spawn(process.execPath, ["scripts/serve.mjs"], { cwd: projectRoot, env: { ...env, PORT: String(port), HOST: "127.0.0.1" }, stdio: ["ignore", "pipe", "pipe"] });
let log = "";
server.stdout.on("data", (d) => (log += d));
server.stderr.on("data", (d) => (log += d));
const base = `http://127.0.0.1:${port}`;
const { chromium } = await import("playwright-core");
let browser = null;
try {
  for (let deadline = Date.now() + 60_000; ; ) {
    const up = await fetch(`${base}/login`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`服务器未能启动：\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  step(`网络：延迟 ${NETWORK.latency} ms，下行 1.6 Mbit/s，上行 750 kbit/s；视口 390×844，空缓存；${RUNS} 次取中位数`);
  const baseline = await measure(browser, `${base}/login`, "input[name=login]");
  console.log(`baseline /login (no SurveyJS): ${line(baseline)} total_kb=${baseline.total_kb}`);
  await fetch(`${base}/s/${token}`).then((r) => r.text()); // warm-up
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await measure(browser, `${base}/s/${token}`, FIRST_CHOICE);
    runs.push(r);
    console.log(`run ${i + 1} /s/<token>: ${line(r)} total_kb=${r.total_kb}`);
  }
  console.log(`transferred (last run): ${runs.at(-1).resources.sort((a, b) => b.kb - a.kb).map((r) => `${r.url} ${r.kb.toFixed(1)} kB`).join(", ")}`);
  const result = { fcp_ms: median(runs.map((r) => r.fcp_ms)), interactive_ms: median(runs.map((r) => r.interactive_ms)), js_kb: median(runs.map((r) => r.js_kb)) };
  for (const [k, target] of Object.entries(TARGETS)) console.log(`target ${k} ≤ ${target}: ${result[k] <= target ? "met" : "MISSED"} (${result[k]})`);
  console.log(line(result));
} finally {
  await browser?.close();
  server.kill("SIGTERM");
}
