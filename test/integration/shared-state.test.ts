// State shared by several app processes on one database (a province deployment runs several stateless app servers):
// the survey submit rate limit (RateCounter) and background jobs — batch report zips and import progress
// (BackgroundJob). The second process is a real one: tsx running test/shared-state-child.ts on the same DATABASE_URL.
import crypto from "node:crypto";
import JSZip from "jszip";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as cityPage from "#app/routes/admin.reports";
import * as cityFile from "#app/routes/admin.reports.$format";
import * as statsPage from "#app/routes/admin.counties.$code.statistics";
import * as submitRoute from "#app/routes/s.$token.submit";
import { allowSubmission, submitRateKey, syncRateCounters } from "#app/models/rate-limit.server";
import { getImportProgress, getJob, recordImportProgress, sweepJobs } from "#app/models/jobs.server";
import { SUBMIT_RATE, windowOf } from "#app/domain/survey/rate-limit";
import { prisma } from "#app/utils/db.server";
import { BASE, call, get, post } from "#test/route-helpers";
import { demoCookie } from "#test/demo-logins";
import { otherProcess } from "#test/child-process";

const YUQUAN = "150104";
const cookies = { inspector: "", county: "", city: "" };
const ids = { inspector: "", county: "" };

beforeAll(async () => {
  cookies.inspector = await demoCookie("inspector");
  cookies.county = await demoCookie("yuquan-admin");
  cookies.city = await demoCookie("city-admin");
  ids.inspector = (await prisma.user.findUniqueOrThrow({ where: { login: "inspector" }, select: { id: true } })).id;
  ids.county = (await prisma.user.findUniqueOrThrow({ where: { login: "yuquan-admin" }, select: { id: true } })).id;
});

afterEach(() => {
  vi.useRealTimers();
});

/** The child of this suite (test/shared-state-child.ts) doing one thing: consume, job, batch or import. */
const child = (...args: string[]) => otherProcess("test/shared-state-child.ts", ...args);

const submit = (token: string, client: string) =>
  call(submitRoute.action, new Request(`${BASE}/s/${token}/submit`, { method: "POST", body: "{", headers: { "Content-Type": "application/json" } }), { token }, { clientAddress: client });

describe("survey submit rate limit across processes", () => {
  it("a client that used up its allowance in another process is refused here (429, in Chinese); other clients are not", async () => {
    const token = (await prisma.surveyLink.findFirstOrThrow({ select: { token: true } })).token;
    // One fixed time for both processes, in the middle of a window: the test does not depend on where the clock is.
    const now = (windowOf(Date.now(), SUBMIT_RATE) + 1) * SUBMIT_RATE.windowSeconds * 1000 + 5000;
    vi.useFakeTimers({ toFake: ["Date"], now });
    const client = `10.201.${crypto.randomInt(250)}.${crypto.randomInt(250)}`;

    const other = child("consume", client, String(now), String(SUBMIT_RATE.allowance + 20));
    expect(await other.next()).toEqual({ allowed: SUBMIT_RATE.allowance });
    await other.exit();
    const row = await prisma.rateCounter.findUnique({ where: { key_window: { key: submitRateKey(client), window: windowOf(now, SUBMIT_RATE) } } });
    expect(row?.count).toBe(SUBMIT_RATE.allowance);

    // This process syncs (as its timer does every second) and learns that the key is used up.
    await syncRateCounters();
    const refused = await submit(token, client);
    expect(refused.status).toBe(429);
    expect(refused.data).toMatchObject({ code: "rate_limited", message: "提交过于频繁，请稍后再试。" });
    // Another client goes on to the next check (the body "{" is invalid: 400, not 429).
    expect((await submit(token, "10.202.0.1")).status).toBe(400);
    // The next window starts afresh.
    vi.setSystemTime(now + SUBMIT_RATE.windowSeconds * 1000);
    expect((await submit(token, client)).status).toBe(400);
  }, 60_000);

  it("both processes' increments add up in RateCounter, and each reads the global count back", async () => {
    const now = (windowOf(Date.now(), SUBMIT_RATE) + 1) * SUBMIT_RATE.windowSeconds * 1000 + 5000;
    const client = `10.203.${crypto.randomInt(250)}.${crypto.randomInt(250)}`;
    let allowedHere = 0;
    for (let i = 0; i < 200; i++) if (allowSubmission(client, now)) allowedHere++;
    await syncRateCounters(now);
    expect(allowedHere).toBe(200);
    // The other process knows nothing yet: it decides on its own count until its sync (the documented overshoot)…
    const other = child("consume", client, String(now), "150");
    expect(await other.next()).toEqual({ allowed: 150 });
    await other.exit();
    const row = await prisma.rateCounter.findUnique({ where: { key_window: { key: submitRateKey(client), window: windowOf(now, SUBMIT_RATE) } } });
    expect(row?.count).toBe(350);
    // …and this one refuses after its next sync.
    await syncRateCounters(now);
    expect(allowSubmission(client, now)).toBe(false);
  }, 60_000);

  it("windows that ended before the previous one are deleted by a sync", async () => {
    // A window ahead of the clock, so this process's own timer (real time) cannot sweep it first.
    const now = (windowOf(Date.now(), SUBMIT_RATE) + 3) * SUBMIT_RATE.windowSeconds * 1000 + 5000;
    const w = windowOf(now, SUBMIT_RATE);
    await prisma.rateCounter.createMany({ data: [{ key: "submit:old", window: w - 5, count: 7 }, { key: "submit:prev", window: w - 1, count: 7 }] });
    for (let i = 0; i < SUBMIT_RATE.syncFrom; i++) allowSubmission("10.204.0.1", now);
    await syncRateCounters(now);
    const keys = (await prisma.rateCounter.findMany({ where: { key: { in: ["submit:old", "submit:prev"] } }, select: { key: true } })).map((r) => r.key);
    expect(keys).toEqual(["submit:prev"]);
  });
});

async function poll(job: string, cookie: string) {
  return call(cityFile.loader, get(`/admin/reports/progress?job=${job}`, cookie), { format: "progress" });
}

/** The zip download: the file's bytes, or the JSON answer of a refusal as text. */
async function download(job: string, cookie: string) {
  const r = await call(cityFile.loader, get(`/admin/reports/zip?job=${job}`, cookie), { format: "zip" });
  if (r.status !== 200) return { status: r.status, headers: r.headers, body: Buffer.from(JSON.stringify(r.data)) };
  const res = (await cityFile.loader({ request: get(`/admin/reports/zip?job=${job}`, cookie), params: { format: "zip" }, context: {} })) as Response;
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

describe("batch report jobs across processes", () => {
  it("a job's progress written in another process is read here, then its result is served from the database", async () => {
    const jobId = crypto.randomUUID();
    const other = child("job", ids.inspector, jobId);
    expect(await other.next()).toEqual({ ready: true });
    const running = await poll(jobId, cookies.inspector);
    expect(running.status).toBe(200);
    expect(running.data).toEqual({ state: "running", done: 1, total: 3, current: "玉泉区", error: null, skipped: ["武川县"] });
    expect((await download(jobId, cookies.inspector)).status).toBe(409);
    // Another user: not found.
    expect((await poll(jobId, cookies.county)).status).toBe(404);
    other.process.stdin.write("go\n");
    expect(await other.next()).toEqual({ finished: true });
    await other.exit();
    expect((await poll(jobId, cookies.inspector)).data).toMatchObject({ state: "done", done: 3, total: 3, current: null });
    const zip = await download(jobId, cookies.inspector);
    expect(zip.status).toBe(200);
    expect(zip.body.toString()).toBe("zip-from-child");
    expect(decodeURIComponent(zip.headers.get("Content-Disposition") ?? "")).toContain("child.zip");
    expect((await download(jobId, cookies.county)).status).toBe(404);
  }, 60_000);

  it("a real batch started through the route in another process: progress polled here, then the zip", async () => {
    const other = child("batch", cookies.inspector);
    const started = await other.next();
    expect(started.total).toBe(3); // the inspector's two counties + the city report
    let progress: any;
    for (let i = 0; i < 600; i++) {
      progress = (await poll(started.jobId, cookies.inspector)).data;
      expect(progress.done).toBeLessThanOrEqual(progress.total);
      if (progress.state !== "running") break;
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(progress).toMatchObject({ state: "done", done: 3, total: 3, error: null });
    expect(await other.next()).toEqual({ state: "done" });
    await other.exit();
    const zip = await download(started.jobId, cookies.inspector);
    expect(zip.status).toBe(200);
    const names = Object.keys((await JSZip.loadAsync(zip.body)).files);
    expect(names).toContain("玉泉区/玉泉区_优质均衡自评报告.docx");
    expect(names.some((n) => n.endsWith("_优质均衡推进情况.docx"))).toBe(true);
    expect((await download(started.jobId, cookies.city)).status).toBe(404);
  }, 120_000);

  it("a job whose process died is reported failed in Chinese; an expired one is not found", async () => {
    const jobId = crypto.randomUUID();
    const other = child("job", ids.inspector, jobId);
    expect(await other.next()).toEqual({ ready: true });
    other.process.kill("SIGKILL");
    await new Promise((res) => other.process.once("exit", res));
    // Still "running" in the database, and fresh: shown as running.
    expect((await poll(jobId, cookies.inspector)).data.state).toBe("running");
    // Six minutes without an update (the running process touches its job every minute): dead.
    await prisma.backgroundJob.update({ where: { id: jobId }, data: { updatedAt: new Date(Date.now() - 6 * 60_000) } });
    const dead = await poll(jobId, cookies.inspector);
    expect(dead.data).toMatchObject({ state: "failed", error: "生成过程中断，请重新开始。" });
    expect((await prisma.backgroundJob.findUniqueOrThrow({ where: { id: jobId } })).state).toBe("failed");
    const zip = await download(jobId, cookies.inspector);
    expect(zip.status).toBe(409);
    expect(JSON.parse(zip.body.toString()).message).toBe("生成过程中断，请重新开始。");
    // 31 minutes after its last update: gone (and swept).
    await prisma.backgroundJob.update({ where: { id: jobId }, data: { updatedAt: new Date(Date.now() - 31 * 60_000) } });
    const gone = await poll(jobId, cookies.inspector);
    expect(gone.status).toBe(404);
    expect(gone.data.message).toBe("未找到该批量生成任务（任务只保留 30 分钟）。");
    expect(await sweepJobs()).toBeGreaterThanOrEqual(1);
    expect(await prisma.backgroundJob.findUnique({ where: { id: jobId } })).toBeNull();
  }, 60_000);

  it("the batch action answers a job id that any process can poll", async () => {
    const start = await call(cityPage.action, post("/admin/reports", { intent: "batch" }, cookies.county), {});
    expect(start.status).toBe(200);
    const row = await prisma.backgroundJob.findUniqueOrThrow({ where: { id: start.data.jobId }, select: { kind: true, ownerId: true, total: true } });
    expect(row).toEqual({ kind: "report-batch", ownerId: ids.county, total: 2 });
    expect(await getJob(start.data.jobId, ids.inspector, "report-batch")).toBeNull();
  });
});

describe("statistics import progress across processes", () => {
  const progressOf = (jobId: string, cookie: string) => call(statsPage.loader, get(`/admin/counties/${YUQUAN}/statistics?progress=${jobId}`, cookie), { code: YUQUAN });

  it("progress recorded by the process running the import is read by another, by its owner only", async () => {
    const jobId = `mp${crypto.randomBytes(6).toString("hex")}`;
    const other = child("import", ids.county, jobId, "validating", "60", "123");
    expect(await other.next()).toEqual({ ok: true });
    await other.exit();
    const mine = await progressOf(jobId, cookies.county);
    expect(mine.data).toMatchObject({ kind: "progress", progress: { phase: "validating", percent: 60, rows: 123 } });
    expect((await progressOf(jobId, cookies.inspector)).data).toEqual({ kind: "progress", progress: null });
  }, 60_000);

  it("an import whose process died reads as failed with a Chinese message; after 10 minutes it is gone", async () => {
    const jobId = `dead${crypto.randomBytes(6).toString("hex")}`;
    await recordImportProgress(jobId, ids.county, "saving", 85, 40);
    const id = `import:${ids.county}:${jobId}`;
    await prisma.backgroundJob.update({ where: { id }, data: { updatedAt: new Date(Date.now() - 6 * 60_000) } });
    expect(await getImportProgress(jobId, ids.county)).toMatchObject({ phase: "failed", percent: 100, rows: 40, message: "导入过程中断，请重新上传。" });
    await prisma.backgroundJob.update({ where: { id }, data: { updatedAt: new Date(Date.now() - 11 * 60_000) } });
    expect(await getImportProgress(jobId, ids.county)).toBeNull();
  });

  it("another user's job id never touches the owner's progress", async () => {
    const jobId = `same${crypto.randomBytes(6).toString("hex")}`;
    await recordImportProgress(jobId, ids.county, "validating", 60, 10);
    await recordImportProgress(jobId, ids.inspector, "done", 100, 99);
    expect(await getImportProgress(jobId, ids.county)).toMatchObject({ phase: "validating", rows: 10 });
    expect(await getImportProgress("bad id!", ids.county)).toBeNull();
  });
});
