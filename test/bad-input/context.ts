// The fixtures every case may use, built once before the corpus runs (its writes are not part of any case):
// signed-in demo users, the downloaded templates, ids of another county's records, survey links in every state,
// and the lean submit handler on a real node:http server.
import http from "node:http";
import type { AddressInfo } from "node:net";
import ExcelJS from "exceljs";
import * as reportPage from "#app/routes/admin.counties.$code.report";
import * as rosterTemplate from "#app/routes/admin.counties.$code.roster-template";
import * as statisticsTemplate from "#app/routes/admin.counties.$code.statistics-template.$kind";
import type { SchoolKind } from "#app/domain/school-kinds";
import { STATISTICS_KINDS, type StatisticsKind } from "#app/domain/statistics/kinds";
import { prisma } from "#app/utils/db.server";
import { surveySubmitListener } from "#app/utils/survey-submit.server";
import { demoCookie } from "#test/demo-logins";
import { call, get, post } from "#test/route-helpers";
import { createOpenRound } from "#test/survey-fixtures";

export const YUQUAN = "150104";
export const WUCHUAN = "150125";

export interface SchoolRef {
  code: string;
  name: string;
  kind: SchoolKind;
  enrolment: number | null;
}

export interface CorpusContext {
  cookies: { city: string; yuquan: string; wuchuan: string; inspector: string };
  /** 玉泉区 (the acting county admin's county) and 武川县 (another county). */
  yuquan: { id: string; schools: SchoolRef[] };
  wuchuan: {
    id: string;
    schoolCode: string;
    roundId: string;
    quotaId: string;
    linkId: string;
    responseId: string;
    snapshotId: string;
    assessmentId: string;
    finalReportId: string;
  };
  /** The seeded open round of 玉泉区 (draft-free, editable) with one of its plan cells and links. */
  round: { id: string; quotaId: string; linkId: string; flaggedResponseId: string | null; validResponseId: string };
  users: { city: string; yuquan: string; wuchuan: string };
  templates: Record<StatisticsKind | "roster", Buffer>;
  /** Survey link tokens (玉泉区 test round): one per state the submit path must handle. */
  tokens: {
    social: string;
    staff: string;
    student: string;
    closed: string;
    revoked: string;
    expired: string;
    capped: string;
    notYet: string;
    oldVersion: string;
    /** One more open 社会卷 link per group of replay cases, so one-per-device and bursts do not mix. */
    replay: string;
  };
  /** Base URL of the lean submit handler (production path). */
  leanBase: string;
  /** A new client address per request, so the per-client submit limit only bites where a case wants it to. */
  nextClient: () => string;
}

/**
 * A downloaded template without its drop-down lists and number checks: exceljs expands those cell by cell, which made
 * every workbook the cases build from a template take seconds to write. The importer ignores them too.
 */
async function download(loader: (args: any) => unknown, path: string, params: Record<string, string>, cookie: string): Promise<Buffer> {
  const res = (await loader({ request: get(path, cookie), params, context: {} })) as Response;
  if (res.status !== 200) throw new Error(`template ${path}: ${res.status}`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer(), { ignoreNodes: ["dataValidations"] } as unknown as ExcelJS.XlsxReadOptions);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let server: http.Server | null = null;

export async function buildContext(): Promise<CorpusContext> {
  const cookies = { city: await demoCookie("city-admin"), yuquan: await demoCookie("yuquan-admin"), wuchuan: await demoCookie("wuchuan-admin"), inspector: await demoCookie("inspector") };
  const county = (code: string) => prisma.county.findUniqueOrThrow({ where: { code }, select: { id: true } });
  const yq = await county(YUQUAN);
  const wc = await county(WUCHUAN);
  const schools = (await prisma.school.findMany({ where: { countyId: yq.id, disabledAt: null }, orderBy: { code: "asc" }, select: { code: true, name: true, kind: true, enrolment: true } })) as SchoolRef[];

  const wcRound = await prisma.surveyRound.findFirstOrThrow({ where: { countyId: wc.id }, select: { id: true, quotas: { take: 1, select: { id: true } }, links: { take: 1, select: { id: true } }, responses: { take: 1, select: { id: true } } } });
  const wcSchool = await prisma.school.findFirstOrThrow({ where: { countyId: wc.id }, select: { code: true } });
  const wcSnapshot = await prisma.statisticsSnapshot.findFirstOrThrow({ where: { countyId: wc.id, kind: "school_base" }, select: { id: true } });
  const wcAssessment = await prisma.assessment.findFirstOrThrow({ where: { countyId: wc.id }, select: { id: true } });
  const finalized = await call(reportPage.action, post(`/admin/counties/${WUCHUAN}/report`, { intent: "finalize", kind: "county" }, cookies.city), { code: WUCHUAN });
  if (finalized.status !== 200) throw new Error(`finalize: ${finalized.status} ${JSON.stringify(finalized.data)}`);
  const final = await prisma.finalReport.findFirstOrThrow({ where: { countyId: wc.id }, select: { id: true } });

  const yqRound = await prisma.surveyRound.findFirstOrThrow({ where: { countyId: yq.id, state: "open" }, select: { id: true, quotas: { take: 1, select: { id: true } }, links: { where: { revokedAt: null }, take: 1, select: { id: true } } } });
  const flagged = await prisma.surveyResponse.findFirst({ where: { roundId: yqRound.id, status: "flagged" }, select: { id: true } });
  const valid = await prisma.surveyResponse.findFirstOrThrow({ where: { roundId: yqRound.id, status: "valid" }, select: { id: true } });

  const users = Object.fromEntries(
    await Promise.all((["city", "yuquan", "wuchuan"] as const).map(async (k) => [k, (await prisma.user.findUniqueOrThrow({ where: { login: `${k}-admin` }, select: { id: true } })).id])),
  ) as CorpusContext["users"];

  const templates = {} as CorpusContext["templates"];
  for (const kind of STATISTICS_KINDS) templates[kind] = await download(statisticsTemplate.loader, `/admin/counties/${YUQUAN}/statistics-template/${kind}`, { code: YUQUAN, kind }, cookies.yuquan);
  templates.roster = await download(rosterTemplate.loader, `/admin/counties/${YUQUAN}/roster-template`, { code: YUQUAN }, cookies.yuquan);

  const fx = await createOpenRound(YUQUAN);
  const closed = await createOpenRound(YUQUAN, { state: "closed" });
  const notYet = await createOpenRound(YUQUAN, { opensAt: new Date(Date.now() + 86_400_000) });
  const tokens: CorpusContext["tokens"] = {
    social: (await fx.link("social")).token,
    staff: (await fx.link("staff")).token,
    student: (await fx.link("student")).token,
    closed: (await closed.link("social")).token,
    revoked: (await fx.link("social", { revokedAt: new Date(Date.now() - 60_000) })).token,
    expired: (await fx.link("social", { expiresAt: new Date(Date.now() - 60_000) })).token,
    capped: (await fx.link("social", { cap: 1 })).token,
    notYet: (await notYet.link("social")).token,
    oldVersion: (await prisma.surveyLink.create({ data: { token: "VerNine9abcd", roundId: fx.round.id, schoolId: fx.school.id, family: "social", questionnaire: "social.v9" } })).token,
    replay: (await fx.link("social")).token,
  };

  server = http.createServer((req, res) => {
    if (!surveySubmitListener(req, res)) res.writeHead(404, { "Content-Type": "application/json; charset=utf-8" }).end(JSON.stringify({ ok: false, message: "不是问卷提交地址。" }));
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  const leanBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let client = 0;
  return {
    cookies,
    yuquan: { id: yq.id, schools },
    wuchuan: {
      id: wc.id,
      schoolCode: wcSchool.code,
      roundId: wcRound.id,
      quotaId: wcRound.quotas[0]!.id,
      linkId: wcRound.links[0]!.id,
      responseId: wcRound.responses[0]!.id,
      snapshotId: wcSnapshot.id,
      assessmentId: wcAssessment.id,
      finalReportId: final.id,
    },
    round: { id: yqRound.id, quotaId: yqRound.quotas[0]!.id, linkId: yqRound.links[0]!.id, flaggedResponseId: flagged?.id ?? null, validResponseId: valid.id },
    users,
    templates,
    tokens,
    leanBase,
    nextClient: () => `10.77.${Math.floor(++client / 250)}.${client % 250}`,
  };
}

export async function closeContext() {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
}
