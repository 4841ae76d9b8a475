import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as pageRoute from "#app/routes/s.$token";
import * as submitRoute from "#app/routes/s.$token.submit";
import { questionnaireValidator } from "#app/domain/survey/registry";
import { sampleAnswers, seededRandom } from "#app/domain/survey/sample-answers";
import { prisma } from "#app/utils/db.server";
import { secondsSinceStamp } from "#app/utils/survey-submit.server";
import { BASE, call, get } from "#test/route-helpers";
import { createOpenRound } from "#test/survey-fixtures";

const social = questionnaireValidator("social.v1")!;
const rnd = seededRandom(7);
const device = () => crypto.randomBytes(16).toString("base64url");

const open = (token: string, cookie?: string) => call(pageRoute.loader, get(`/s/${encodeURIComponent(token)}`, cookie), { token });

function submit(token: string, deviceToken: string) {
  const body = JSON.stringify({ idempotencyKey: crypto.randomBytes(12).toString("base64url"), answers: sampleAnswers(social, rnd, { fixed: { identity: "parent" } }), deviceToken });
  return call(submitRoute.action, new Request(`${BASE}/s/${token}/submit`, { method: "POST", body, headers: { "Content-Type": "application/json" } }), { token });
}

let fx: Awaited<ReturnType<typeof createOpenRound>>;
beforeAll(async () => {
  fx = await createOpenRound();
});

describe("survey page loader", () => {
  it("an open school link: header, the SurveyJS JSON without scoring, a valid open stamp, a new device cookie", async () => {
    const link = await fx.link("social");
    const r = await open(link.token);
    expect(r.status).toBe(200);
    expect(r.data.kind).toBe("open");
    expect(r.data.header).toEqual({ area: "呼和浩特市 · 玉泉区", place: fx.school.name, countyLevel: false, familyTitle: "社会卷", minutes: 3, closesOn: expect.stringMatching(/^\d{4}\/\d{2}\/\d{2}$/) });
    const { runner } = r.data;
    expect(runner.token).toBe(link.token);
    expect(runner.onePerDevice).toBe(true);
    expect(runner.survey.pages.length).toBeGreaterThan(0);
    expect(runner.survey.locale).toBe("zh-cn");
    expect(runner.survey).not.toHaveProperty("scoring");
    expect(JSON.stringify(r.data)).not.toMatch(/"(scoring|credits|creditsNote)"/);
    const seconds = secondsSinceStamp(runner.openStamp);
    expect(seconds).not.toBeNull();
    expect(seconds!).toBeLessThan(5);
    const cookie = r.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^yz_dev=[A-Za-z0-9_-]{22}; Path=\/s; Max-Age=31536000; SameSite=Lax$/);
    expect(cookie).not.toMatch(/HttpOnly/i);
  });

  it("keeps an existing device cookie", async () => {
    const link = await fx.link("social");
    const r = await open(link.token, `yz_dev=${device()}`);
    expect(r.data.kind).toBe("open");
    expect(r.headers.get("Set-Cookie")).toBeNull();
    // A malformed cookie is replaced.
    const bad = await open(link.token, "yz_dev=%E0%A4%A");
    expect(bad.headers.get("Set-Cookie")).toMatch(/^yz_dev=[A-Za-z0-9_-]{22};/);
  });

  it("a county-level link names the county", async () => {
    const token = `C${crypto.randomBytes(8).toString("hex")}`.replace(/[0OIl]/g, "x").slice(0, 12);
    await prisma.surveyLink.create({ data: { token, roundId: fx.round.id, schoolId: null, family: "social", questionnaire: "social.v1" } });
    const r = await open(token);
    expect(r.data.kind).toBe("open");
    expect(r.data.header).toMatchObject({ place: "玉泉区", countyLevel: true });
  });

  it.each(["ZZZZZZZZZZZZ", "../../etc", "abc", "x".repeat(100), "0OIl0OIl0OIl", "<script>", ""])("unknown or malformed token %j → the 404 page, never an error", async (token) => {
    const r = await open(token);
    expect(r.status).toBe(404);
    expect(r.data).toMatchObject({ kind: "unknown", message: { title: "问卷链接无效" } });
    expect(r.headers.get("Set-Cookie")).toBeNull();
  });

  it("a round not yet open → 200 with the start date; a draft round → 200 without one", async () => {
    const later = await createOpenRound("150104", { opensAt: new Date(Date.now() + 2 * 86_400_000) });
    const r = await open((await later.link("social")).token);
    expect(r.status).toBe(200);
    expect(r.data.kind).toBe("unavailable");
    expect(r.data.message.title).toBe("调查尚未开始");
    expect(r.data.message.body).toMatch(/开始时间：\d{4}\/\d{2}\/\d{2}/);
    expect(r.data.header.place).toBe(later.school.name);

    const draft = await createOpenRound("150104", { state: "draft" });
    const d = await open((await draft.link("social")).token);
    expect([d.status, d.data.message.title]).toEqual([200, "调查尚未开始"]);
    expect(d.data.message.body).not.toContain("开始时间");
  });

  it("closed, revoked, expired and full links → 410 with their own message", async () => {
    const closed = await createOpenRound("150104", { state: "closed" });
    const ended = await createOpenRound("150104", { opensAt: new Date(Date.now() - 3 * 86_400_000), closesAt: new Date(Date.now() - 1000) });
    const full = await fx.link("social", { cap: 1 });
    await prisma.surveyLink.update({ where: { id: full.id }, data: { responseCount: 1 } });
    const cases: [string, string][] = [
      [(await closed.link("social")).token, "调查已结束"],
      [(await ended.link("social")).token, "调查已结束"],
      [(await fx.link("social", { revokedAt: new Date(Date.now() - 1000) })).token, "链接已停用"],
      [(await fx.link("social", { expiresAt: new Date(Date.now() - 1000) })).token, "链接已过期"],
      [full.token, "本链接名额已满"],
    ];
    for (const [token, title] of cases) {
      const r = await open(token);
      expect([r.status, r.data.kind, r.data.message.title]).toEqual([410, "unavailable", title]);
      expect(r.data).not.toHaveProperty("runner");
    }
  });

  it("a questionnaire version the app no longer has → 410, not an error", async () => {
    const link = await prisma.surveyLink.create({ data: { token: `V${crypto.randomBytes(8).toString("hex")}`.replace(/[0OIl]/g, "x").slice(0, 12), roundId: fx.round.id, schoolId: fx.school.id, family: "social", questionnaire: "social.v99" } });
    const r = await open(link.token);
    expect([r.status, r.data.kind, r.data.message.title]).toEqual([410, "unavailable", "问卷暂不可用"]);
  });

  it("a device that already answered (cookie) gets the already-answered page; another device still gets the questionnaire", async () => {
    const link = await fx.link("social");
    const d = device();
    expect((await submit(link.token, d)).status).toBe(200);
    const r = await open(link.token, `other=1; yz_dev=${d}`);
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ kind: "answered", message: { title: "您已提交过本问卷" }, header: { place: fx.school.name } });
    expect(r.data).not.toHaveProperty("runner");
    // The same round through another of its links: participation is per round.
    expect((await open((await fx.link("social")).token, `yz_dev=${d}`)).data.kind).toBe("answered");
    expect((await open(link.token, `yz_dev=${device()}`)).data.kind).toBe("open");
  });

  it("a round that allows several answers per device keeps showing the questionnaire", async () => {
    const multi = await createOpenRound("150104", { onePerDevice: false });
    const link = await multi.link("social");
    const d = device();
    expect((await submit(link.token, d)).status).toBe(200);
    const r = await open(link.token, `yz_dev=${d}`);
    expect(r.data.kind).toBe("open");
    expect(r.data.runner.onePerDevice).toBe(false);
  });

  it("HTML is never cached; the title names the school", async () => {
    const headers = new Headers(pageRoute.headers({ loaderHeaders: new Headers(), parentHeaders: new Headers(), actionHeaders: new Headers(), errorHeaders: undefined }) as HeadersInit);
    expect(headers.get("Cache-Control")).toBe("no-store");
    const link = await fx.link("social");
    const r = await open(link.token);
    const tags = pageRoute.meta({ data: r.data, params: { token: link.token }, location: {} as never, matches: [], error: undefined } as never);
    expect(tags).toContainEqual({ title: `社会卷 · ${fx.school.name} · 社会认可度调查` });
  });
});

describe("the survey route stays small", () => {
  // The module graph of the route and of the lazy runner, from the sources: no antd, no admin components.
  function graph(entry: string) {
    const files = new Set<string>();
    const packages = new Set<string>();
    const resolve = (from: string, spec: string): string | null => {
      const base = spec.startsWith("#app/") ? path.resolve("app", spec.slice(5)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
      if (!base) return null;
      for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.mjs`, `${base}.js`, path.join(base, "index.ts")]) if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
      return null;
    };
    const walk = (file: string) => {
      if (files.has(file)) return;
      files.add(file);
      if (!/\.(ts|tsx|mjs|js)$/.test(file)) return;
      const src = fs.readFileSync(file, "utf8");
      for (const m of src.matchAll(/(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|import\s+["']([^"']+)["']/g)) {
        const spec = (m[1] ?? m[2] ?? m[3])!;
        const local = resolve(file, spec);
        if (local) walk(local);
        else if (!spec.startsWith(".") && !spec.startsWith("#")) packages.add(spec);
      }
    };
    walk(path.resolve(entry));
    return { files: [...files].map((f) => path.relative(process.cwd(), f)), packages: [...packages] };
  }

  it("no antd or other UI library on the route or in the runner", () => {
    const route = graph("app/routes/s.$token.tsx");
    expect(route.files).toContain("app/components/survey-runner.client.tsx");
    for (const p of route.packages) expect(p).not.toMatch(/^(antd|@ant-design\/|rc-|@mui\/|echarts)/);
    expect(route.files.filter((f) => f.startsWith("app/components/"))).toEqual(["app/components/survey-runner.client.tsx"]);
    const runner = graph("app/components/survey-runner.client.tsx");
    expect(runner.packages.sort()).toEqual(["react", "survey-core", "survey-core/i18n/simplified-chinese", "survey-core/survey-core.fontless.min.css", "survey-react-ui"]);
  });
});
