// The whole-database snapshot (test/bad-input/db-snapshot.ts) behind "a refused request wrote nothing" — in the
// bad-input corpus and the access matrix — must be able to fail: known partial writes made here must be reported,
// table by table, and a corpus case that makes one must be counted as a partial write by the corpus harness.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as statistics from "#app/routes/admin.counties.$code.statistics";
import { recordImportProgress } from "#app/models/jobs.server";
import { syncRateCounters, allowSubmission } from "#app/models/rate-limit.server";
import { prisma } from "#app/utils/db.server";
import { DATA_MODELS, MODELS, OPERATIONAL_MODELS, diffDb, snapshotDb } from "#test/bad-input/db-snapshot";
import { CorpusRunner, type BadInputCase } from "#test/bad-input/harness";
import type { CorpusContext } from "#test/bad-input/context";
import { demoCookie } from "#test/demo-logins";
import { call, postMultipart } from "#test/route-helpers";

const YUQUAN = "150104";
let countyAdmin = { id: "", login: "" };
let cookie = "";

beforeAll(async () => {
  countyAdmin = await prisma.user.findUniqueOrThrow({ where: { login: "yuquan-admin" }, select: { id: true, login: true } });
  cookie = await demoCookie("yuquan-admin");
});

const jobId = () => `selftest-${crypto.randomBytes(6).toString("hex")}`;
const audit = (summary: string) =>
  prisma.auditLog.create({ data: { actorId: countyAdmin.id, actorLogin: countyAdmin.login, action: "selftest.write", summary }, select: { id: true } });

describe("db snapshot: what it compares", () => {
  it("covers every model of the schema but the rate counter, BackgroundJob included", async () => {
    expect(OPERATIONAL_MODELS).toEqual(["RateCounter"]);
    expect(DATA_MODELS).toContain("BackgroundJob");
    expect(new Set([...DATA_MODELS, ...OPERATIONAL_MODELS])).toEqual(new Set(MODELS));
    const s = await snapshotDb();
    expect([...s.keys()].sort()).toEqual([...DATA_MODELS].sort());
    // Nothing written: nothing reported (also what makes the checks below meaningful).
    expect(diffDb(s, await snapshotDb())).toEqual({});
  });
});

describe("db snapshot: known partial writes are reported", () => {
  it("a school renamed: one row out, one in; renamed back: still a difference (its updatedAt moved)", async () => {
    const school = await prisma.school.findFirstOrThrow({ where: { county: { code: YUQUAN } }, orderBy: { code: "asc" } });
    const before = await snapshotDb();
    await prisma.school.update({ where: { id: school.id }, data: { name: `${school.name}（改）` } });
    const renamed = await snapshotDb();
    expect(diffDb(before, renamed)).toEqual({ School: { added: 1, removed: 1 } });
    await prisma.school.update({ where: { id: school.id }, data: { name: school.name } });
    expect(diffDb(before, await snapshotDb())).toEqual({ School: { added: 1, removed: 1 } });
    expect(diffDb(renamed, await snapshotDb())).toEqual({ School: { added: 1, removed: 1 } });
  });

  it("an audit row inserted, then deleted", async () => {
    const before = await snapshotDb();
    const row = await audit("自检写入");
    const after = await snapshotDb();
    expect(diffDb(before, after)).toEqual({ AuditLog: { added: 1, removed: 0 } });
    await prisma.auditLog.delete({ where: { id: row.id } });
    expect(diffDb(after, await snapshotDb())).toEqual({ AuditLog: { added: 0, removed: 1 } });
  });

  it("one field of a long (hashed) row, a date moved by 1 ms, and several tables at once", async () => {
    const response = await prisma.surveyResponse.findFirstOrThrow({ where: { status: "valid" }, select: { id: true } });
    const link = await prisma.surveyLink.findFirstOrThrow({ select: { id: true, responseCount: true } });
    const round = await prisma.surveyRound.findFirstOrThrow({ select: { id: true, closesAt: true } });
    const before = await snapshotDb();
    // A review that forgot its ResponseReview row, a counter bumped without a response, a window moved by 1 ms.
    await prisma.surveyResponse.update({ where: { id: response.id }, data: { status: "excluded", exclusionReason: "自检" } });
    await prisma.surveyLink.update({ where: { id: link.id }, data: { responseCount: link.responseCount + 1 } });
    await prisma.surveyRound.update({ where: { id: round.id }, data: { closesAt: new Date(round.closesAt.getTime() + 1) } });
    expect(diffDb(before, await snapshotDb())).toEqual({
      SurveyResponse: { added: 1, removed: 1 },
      SurveyLink: { added: 1, removed: 1 },
      SurveyRound: { added: 1, removed: 1 },
    });
    await prisma.surveyResponse.update({ where: { id: response.id }, data: { status: "valid", exclusionReason: null } });
    await prisma.surveyLink.update({ where: { id: link.id }, data: { responseCount: link.responseCount } });
    await prisma.surveyRound.update({ where: { id: round.id }, data: { closesAt: round.closesAt } });
    // Put back: the same content again, but the round keeps its moved updatedAt.
    expect(diffDb(before, await snapshotDb())).toEqual({ SurveyRound: { added: 1, removed: 1 } });
  });

  it("the rate counter is not compared (a refusal may count against the client)", async () => {
    const before = await snapshotDb();
    const now = Date.now();
    for (let i = 0; i < 12; i++) allowSubmission("10.250.0.1", now);
    await syncRateCounters(now);
    expect(await prisma.rateCounter.count()).toBeGreaterThan(0);
    expect(diffDb(before, await snapshotDb())).toEqual({});
  });
});

describe("db snapshot: background jobs", () => {
  it("a job left running is reported; a finished or failed one is history, not a difference", async () => {
    const before = await snapshotDb();
    const running = jobId();
    await recordImportProgress(running, countyAdmin.id, "reading", 10);
    const withRunning = await snapshotDb();
    expect(diffDb(before, withRunning)).toEqual({ BackgroundJob: { added: 1, removed: 0 } });
    // Its progress moving on is a change too (a running row changed).
    await recordImportProgress(running, countyAdmin.id, "validating", 60, 3);
    expect(diffDb(withRunning, await snapshotDb())).toEqual({ BackgroundJob: { added: 1, removed: 1 } });
    // Ended: no difference from before it started.
    await recordImportProgress(running, countyAdmin.id, "failed", 100, 3);
    expect(diffDb(before, await snapshotDb())).toEqual({});
    await recordImportProgress(jobId(), countyAdmin.id, "done", 100, 3);
    await recordImportProgress(jobId(), countyAdmin.id, "failed", 100);
    expect(diffDb(before, await snapshotDb())).toEqual({});
    expect(await prisma.backgroundJob.count({ where: { kind: "statistics-import", ownerId: countyAdmin.id, state: { in: ["done", "failed"] } } })).toBeGreaterThanOrEqual(3);
  });

  it("a refused import (unreadable file) records its progress as failed and writes only its audit entry", async () => {
    const id = jobId();
    const form = new FormData();
    form.set("intent", "import");
    form.set("kind", "school_base");
    form.set("jobId", id);
    form.set("file", new File([new Uint8Array(crypto.randomBytes(2048))], "坏文件.xlsx"));
    const before = await snapshotDb();
    const r = await call(statistics.action, postMultipart(`/admin/counties/${YUQUAN}/statistics`, form, cookie), { code: YUQUAN });
    expect(r.status).toBe(400);
    // The refused file is audited (statistics.reject: file name, SHA-256, outcome); its job ended "failed".
    expect(diffDb(before, await snapshotDb())).toEqual({ AuditLog: { added: 1, removed: 0 } });
    const job = await prisma.backgroundJob.findUniqueOrThrow({ where: { id: `import:${countyAdmin.id}:${id}` }, select: { state: true, phase: true } });
    expect(job).toEqual({ state: "failed", phase: "failed" });
  });
});

describe("db snapshot: the corpus harness counts a partial write", () => {
  it("a refusal that wrote is a partial write; one that wrote nothing, or exactly what it declared, is not", async () => {
    const runner = new CorpusRunner(() => ({}) as CorpusContext);
    const school = await prisma.school.findFirstOrThrow({ where: { county: { code: YUQUAN } }, orderBy: { code: "desc" } });
    const refused = { status: 400, body: { ok: false, message: "请求参数不正确。" } };
    const cases: BadInputCase[] = [
      { category: "admin-forms", name: "自检：拒绝且未写入", send: async () => refused, status: 400 },
      {
        category: "admin-forms",
        name: "自检：拒绝但改了学校名称",
        send: async () => {
          await prisma.school.update({ where: { id: school.id }, data: { name: `${school.name}（部分写入）` } });
          return refused;
        },
        status: 400,
      },
      {
        category: "statistics-import",
        name: "自检：拒绝但留下进行中的导入任务",
        send: async () => {
          await recordImportProgress(jobId(), countyAdmin.id, "saving", 85, 10);
          return refused;
        },
        status: 400,
      },
      {
        category: "statistics-import",
        name: "自检：拒绝并按声明写入审计",
        send: async () => {
          await audit("自检：拒绝的文件");
          return refused;
        },
        status: 400,
        writes: { AuditLog: { added: 1, removed: 0 } },
      },
    ];
    const problems = [];
    for (const c of cases) problems.push(await runner.run(c));
    expect(runner.results.map((r) => r.partialWrite)).toEqual([false, true, true, false]);
    expect(problems[0]).toEqual([]);
    expect(problems[1]!.join("\n")).toMatch(/数据库变化 School \+1\/-1/);
    expect(problems[2]!.join("\n")).toMatch(/数据库变化 BackgroundJob \+1\/-0/);
    expect(problems[3]).toEqual([]);
    expect(runner.summary()).toBe("cases=4 server_errors=0 partial_writes=2");
    await prisma.school.update({ where: { id: school.id }, data: { name: school.name } });
  });
});
