/**
 * 报告: assembling the county report (自评报告) and the 整改清单 from a stored Assessment, freezing them (定稿),
 * verifying a frozen report, publishing a county's frozen results (结果公开), and the city progress input.
 *
 * Every figure comes from the Assessment's stored CountyVerdict and the survey round it names; the report model is
 * built by app/domain/report and rendered by app/utils/report-render.server.ts. A frozen report keeps its model (the
 * content hash is taken over its canonical JSON) and its inputs (assessment, snapshots, round, policy version); the
 * SHA-256 of its rendered files are recorded in the report.finalize audit entry, so verification can show both that
 * the inputs still give the same content and that the stored model still renders to the same bytes.
 */
import crypto from "node:crypto";
import { z } from "zod";
import { prisma } from "#app/utils/db.server";
import type { Actor } from "#app/domain/access";
import { jobPercent } from "#app/domain/background-job";
import type { CountyStage } from "#app/domain/county-stage";
import { buildCityProgressReport, type CityProgressCounty } from "#app/domain/report/city-progress";
import { buildCountyReport, type CountyReportInput, type CountyReportRecognition, type SchoolProfileRow } from "#app/domain/report/county-report";
import { buildRectificationReport } from "#app/domain/report/rectification";
import type { ReportModel, ReportProvenance, ReportTable } from "#app/domain/report/report-model";
import { adaptMethodForSingleGroup, type BreakdownRow } from "#app/domain/recognition/breakdowns";
import { isRecognitionError } from "#app/domain/recognition/errors";
import { suppressBreakdown } from "#app/domain/recognition/suppression";
import { GROUP_LABELS, RESPONDENT_GROUPS, type RespondentGroup } from "#app/domain/recognition/types";
import { SCHOOL_KIND_CODES, URBAN_RURAL_CODES, type SchoolKind, type UrbanRural } from "#app/domain/school-kinds";
import { partSummaries, VERDICT_LABELS, type PartSummary, type StoredAssessment, type VerdictCode } from "#app/domain/statistics/assessment-summary";
import { STATISTICS_KIND_LABELS, type StatisticsKind } from "#app/domain/statistics/kinds";
import { computeRoundRecognition, roundMethod } from "#app/domain/statistics/recognition-score";
import { SchoolBaseDataSchema } from "#app/domain/statistics/school-base";
import { renderDocx, renderHtml, renderXlsx, reportContentHash, fileSha256 } from "#app/utils/report-render.server";
import { getAssessment } from "./assessment.server";
import { writeAudit } from "./audit.server";
import { getCity } from "./counties.server";
import { defaultPolicyVersion, getPolicyVersion } from "./policy.server";
import { writeZip } from "#app/utils/report-zip.server";
import { getSnapshotsWithData } from "./statistics.server";
import { createJob, getJob, getJobResult, jobReporter } from "./jobs.server";

export const FINAL_REPORT_KINDS = ["county", "rectification"] as const;
export type FinalReportKind = (typeof FINAL_REPORT_KINDS)[number];
export const FINAL_REPORT_KIND_LABELS: Record<FinalReportKind, string> = { county: "自评报告", rectification: "整改清单" };

/** Input that cannot be used (Chinese message, answered 400). */
export class ReportInputError extends Error {
  readonly code = "report_input";
}

export type ReportCounty = { id: string; cityId: string; code: string; name: string; residentPopulation: number; targetYear: number; stage: string };

/** The formats whose file hashes a finalized report records (PDF depends on the installed browser, so it is not). */
export const FROZEN_FORMATS = ["html", "docx", "xlsx"] as const;
export type FrozenFormat = (typeof FROZEN_FORMATS)[number];

// ───────────────────────────── assembling ─────────────────────────────

/** 基本情况 rows: every active school; students and teachers from the assessment's 学校基础数据 snapshot, else the roster. */
async function schoolProfile(countyId: string, stored: StoredAssessment): Promise<SchoolProfileRow[]> {
  const schools = await prisma.school.findMany({ where: { countyId, disabledAt: null }, orderBy: { code: "asc" }, select: { code: true, kind: true, urbanRural: true, enrolment: true } });
  const baseRef = stored.snapshots.find((s) => s.kind === "school_base");
  const byCode = new Map<string, { students: number | null; teachers: number | null }>();
  if (baseRef) {
    const [snap] = await getSnapshotsWithData(countyId, [baseRef.id]);
    const parsed = snap ? SchoolBaseDataSchema.safeParse(snap.data) : null;
    if (parsed?.success) {
      for (const r of parsed.data.rows) {
        const stageSum = [r.studentsPrimary, r.studentsJunior, r.studentsSenior].filter((v): v is number => typeof v === "number");
        const students = r.studentsTotal ?? (stageSum.length ? stageSum.reduce((a, b) => a + b, 0) : null);
        const t = [r.teachersPrimary, r.teachersJunior].filter((v): v is number => typeof v === "number");
        byCode.set(r.code, { students, teachers: t.length ? t.reduce((a, b) => a + b, 0) : null });
      }
    }
  }
  return schools
    .filter((s) => SCHOOL_KIND_CODES.includes(s.kind as SchoolKind))
    .map((s) => {
      const base = byCode.get(s.code);
      return {
        kind: s.kind as SchoolKind,
        urbanRural: URBAN_RURAL_CODES.includes(s.urbanRural as UrbanRural) ? (s.urbanRural as UrbanRural) : null,
        students: base?.students ?? s.enrolment ?? null,
        teachers: base?.teachers ?? null,
      };
    });
}

/**
 * The 社会认可度 section of a round: the overall result with the plan (SurveyQuota), rates by respondent group through
 * small-cell suppression (the round's threshold), and received/valid counts per group. Group cells use the round's
 * method adapted to a single group, as breakdownByGroup does. Null when the round is missing or cannot be computed.
 */
export async function roundRecognitionSection(countyId: string, roundId: string, policyVersionId: string, cityId: string): Promise<CountyReportRecognition | null> {
  const round = await prisma.surveyRound.findFirst({
    where: { id: roundId, countyId },
    select: { id: true, name: true, questionnaires: true, recognitionMethod: true, suppressionThreshold: true, chainLength: true, chainHead: true },
  });
  if (!round) return null;
  const policy = (await getPolicyVersion(cityId, policyVersionId)) ?? (await defaultPolicyVersion(cityId));
  const [responses, quotas] = await Promise.all([
    prisma.surveyResponse.findMany({ where: { roundId }, orderBy: { id: "asc" }, select: { id: true, questionnaire: true, group: true, schoolId: true, area: true, status: true, exclusionReason: true, answers: true } }),
    prisma.surveyQuota.findMany({ where: { roundId }, select: { group: true, planned: true } }),
  ]);
  const byGroup: Partial<Record<RespondentGroup, number>> = {};
  for (const q of quotas) if ((RESPONDENT_GROUPS as readonly string[]).includes(q.group)) byGroup[q.group as RespondentGroup] = (byGroup[q.group as RespondentGroup] ?? 0) + q.planned;
  const total = Object.values(byGroup).reduce<number>((a, b) => a + (b ?? 0), 0);
  try {
    const method = roundMethod(round.recognitionMethod);
    const ids = JSON.parse(round.questionnaires) as unknown;
    const questionnaires = Array.isArray(ids) ? ids.map(String) : [];
    const result = computeRoundRecognition(responses, questionnaires, method, policy.policy.recognition, total > 0 ? { total, byGroup } : undefined);
    const groupMethod = adaptMethodForSingleGroup(method);
    const rows: BreakdownRow[] = RESPONDENT_GROUPS.filter((g) => responses.some((r) => r.group === g) || byGroup[g] !== undefined).map((g) => ({
      by: "group",
      key: g,
      label: GROUP_LABELS[g],
      result: computeRoundRecognition(
        responses.filter((r) => r.group === g),
        questionnaires,
        groupMethod,
        policy.policy.recognition,
        byGroup[g] !== undefined ? { total: byGroup[g]! } : undefined,
      ),
    }));
    const sampleByGroup: Partial<Record<RespondentGroup, { received: number; valid: number }>> = {};
    for (const r of rows) sampleByGroup[r.key as RespondentGroup] = { received: r.result.received, valid: r.result.valid };
    return {
      roundName: round.name,
      result,
      byGroup: suppressBreakdown(rows, { threshold: round.suppressionThreshold }),
      plan: { total: total > 0 ? total : null, byGroup },
      sampleByGroup,
      chain: { length: round.chainLength, head: round.chainHead },
    };
  } catch (e) {
    if (isRecognitionError(e) || (e instanceof Error && e.name === "ZodError")) return null;
    throw e;
  }
}

function provenanceOf(stored: StoredAssessment, generatedAt: Date): ReportProvenance {
  return {
    snapshots: stored.snapshots.map((s) => ({ id: s.id, kind: STATISTICS_KIND_LABELS[s.kind as StatisticsKind] ?? s.kind, fileName: s.fileName, sha256: s.sha256, createdAt: s.createdAt ?? "" })),
    roundId: stored.recognition.source === "round" ? stored.recognition.roundId : null,
    policy: { name: stored.policy.name, version: stored.policy.version },
    generatedAt: generatedAt.toISOString(),
  };
}

export interface AssembledReport {
  assessment: { id: string; createdAt: Date; verdict: VerdictCode };
  stored: StoredAssessment;
  model: ReportModel;
}

/**
 * The county report (kind "county") or 整改清单 (kind "rectification") of the county's latest assessment, or of
 * `assessmentId`; null when the county has no assessment (or not that one). `generatedAt` is the report's only clock.
 */
export async function assembleReport(county: ReportCounty, kind: FinalReportKind, options: { assessmentId?: string | null; generatedAt?: Date } = {}): Promise<AssembledReport | null> {
  const assessment = await getAssessment(county.id, options.assessmentId ?? null);
  if (!assessment) return null;
  const stored = assessment.result;
  const city = await getCity(county.cityId);
  const provenance = provenanceOf(stored, options.generatedAt ?? new Date());
  const roundName = stored.recognition.source === "round" ? stored.recognition.roundName : null;
  let model: ReportModel;
  if (kind === "rectification") {
    model = buildRectificationReport({ county: { name: county.name, code: county.code, stage: county.stage as CountyStage, cityName: city?.name ?? null }, verdict: stored.verdict, provenance, roundName });
  } else {
    const recognition = stored.recognition.source === "round" && stored.recognition.roundId ? await roundRecognitionSection(county.id, stored.recognition.roundId, stored.policy.id, county.cityId) : null;
    const input: CountyReportInput = {
      county: { name: county.name, code: county.code, residentPopulation: county.residentPopulation, targetYear: county.targetYear, stage: county.stage as CountyStage, cityName: city?.name ?? null },
      schools: await schoolProfile(county.id, stored),
      verdict: stored.verdict,
      recognition,
      provenance,
    };
    model = buildCountyReport(input);
  }
  return { assessment: { id: assessment.id, createdAt: assessment.createdAt, verdict: assessment.verdict }, stored, model };
}

/** The rendered bytes of a model in one of the reproducible formats. */
export async function renderFrozenFormat(model: ReportModel, format: FrozenFormat): Promise<Buffer> {
  if (format === "html") return Buffer.from(renderHtml(model), "utf8");
  if (format === "docx") return renderDocx(model);
  return renderXlsx(model);
}

async function fileHashes(model: ReportModel): Promise<Record<FrozenFormat, string>> {
  const out = {} as Record<FrozenFormat, string>;
  for (const f of FROZEN_FORMATS) out[f] = fileSha256(await renderFrozenFormat(model, f));
  return out;
}

// ───────────────────────────── 定稿 (finalize) ─────────────────────────────

/**
 * Freezes the county's current report of `kind` (latest assessment, or `assessmentId`): stores the model, its content
 * hash and its inputs, and records the rendered files' SHA-256 in the audit entry ("report.finalize"), in one
 * transaction. Throws ReportInputError when there is no assessment.
 */
export async function finalizeReport(county: ReportCounty, kind: FinalReportKind, by: Pick<Actor, "id" | "login">, options: { assessmentId?: string | null; now?: Date } = {}) {
  const built = await assembleReport(county, kind, { assessmentId: options.assessmentId, generatedAt: options.now ?? new Date() });
  if (!built) throw new ReportInputError("尚未运行评估，不能定稿报告。请先在“评估”页面运行评估。");
  const contentHash = reportContentHash(built.model);
  const files = await fileHashes(built.model);
  const snapshotIds = built.stored.snapshots.map((s) => s.id);
  const surveyRoundId = built.stored.recognition.source === "round" ? built.stored.recognition.roundId : null;
  return prisma.$transaction(async (tx) => {
    const row = await tx.finalReport.create({
      data: {
        countyId: county.id,
        kind,
        assessmentId: built.assessment.id,
        snapshotIds: JSON.stringify(snapshotIds),
        surveyRoundId,
        policyVersionId: built.stored.policy.id,
        model: JSON.stringify(built.model),
        contentHash,
        finalizedByLogin: by.login,
        finalizedAt: new Date(built.model.generatedAt),
      },
      select: { id: true, contentHash: true, finalizedAt: true },
    });
    await writeAudit(
      {
        actorId: by.id,
        actorLogin: by.login,
        action: "report.finalize",
        entityType: "final_report",
        entityId: row.id,
        countyId: county.id,
        summary: `定稿${county.name}${FINAL_REPORT_KIND_LABELS[kind]}（${VERDICT_LABELS[built.assessment.verdict]}，内容摘要 ${contentHash.slice(0, 12)}…）`,
        details: { kind, assessmentId: built.assessment.id, snapshotIds, surveyRoundId, policyVersionId: built.stored.policy.id, contentHash, files },
      },
      tx,
    );
    return row;
  });
}

const finalSelect = {
  id: true,
  countyId: true,
  kind: true,
  assessmentId: true,
  snapshotIds: true,
  surveyRoundId: true,
  policyVersionId: true,
  contentHash: true,
  finalizedByLogin: true,
  finalizedAt: true,
  publishedAt: true,
  publishedByLogin: true,
} as const;

function listRow(r: { id: string; kind: string; assessmentId: string; contentHash: string; finalizedByLogin: string; finalizedAt: Date; publishedAt: Date | null; publishedByLogin: string | null; surveyRoundId: string | null; policyVersionId: string; snapshotIds: string }) {
  return {
    id: r.id,
    kind: r.kind as FinalReportKind,
    assessmentId: r.assessmentId,
    contentHash: r.contentHash,
    finalizedByLogin: r.finalizedByLogin,
    finalizedAt: r.finalizedAt,
    publishedAt: r.publishedAt,
    publishedByLogin: r.publishedByLogin,
    surveyRoundId: r.surveyRoundId,
    policyVersionId: r.policyVersionId,
    snapshotIds: JSON.parse(r.snapshotIds) as string[],
  };
}

/** The county's frozen reports (optionally one kind), newest first, without models. */
export async function listFinalReports(countyId: string, kind?: FinalReportKind) {
  const rows = await prisma.finalReport.findMany({ where: { countyId, ...(kind ? { kind } : {}) }, orderBy: { finalizedAt: "desc" }, take: 50, select: finalSelect });
  return rows.map(listRow);
}

/** One frozen report of the county with its stored model; null when it is not the county's. */
export async function getFinalReport(countyId: string, id: string) {
  const row = await prisma.finalReport.findFirst({ where: { id, countyId }, select: { ...finalSelect, model: true } });
  if (!row) return null;
  return { ...listRow(row), model: JSON.parse(row.model) as ReportModel };
}

export interface VerifyResult {
  /** The stored model still has the recorded content hash. */
  storedIntact: boolean;
  /** Rebuilding from the recorded inputs (same assessment, round, policy, clock) gives the recorded hash. */
  rebuiltSame: boolean;
  rebuiltHash: string | null;
  /** Per format: rendering the stored model gives the bytes recorded at finalization (null: nothing recorded). */
  files: Record<FrozenFormat, boolean | null>;
  unchanged: boolean;
}

/** Verifies a frozen report (校验): content hash of the stored model, rebuild from its inputs, rendered file hashes. */
export async function verifyFinalReport(county: ReportCounty, id: string): Promise<VerifyResult | null> {
  const final = await getFinalReport(county.id, id);
  if (!final) return null;
  const storedIntact = reportContentHash(final.model) === final.contentHash;
  const rebuilt = await assembleReport(county, final.kind, { assessmentId: final.assessmentId, generatedAt: new Date(final.model.generatedAt) });
  const rebuiltHash = rebuilt ? reportContentHash(rebuilt.model) : null;
  const audit = await prisma.auditLog.findFirst({ where: { action: "report.finalize", entityId: id }, select: { details: true } });
  const recorded = (audit?.details ? (JSON.parse(audit.details) as { files?: Partial<Record<FrozenFormat, string>> }).files : undefined) ?? {};
  const files = {} as Record<FrozenFormat, boolean | null>;
  for (const f of FROZEN_FORMATS) files[f] = recorded[f] ? fileSha256(await renderFrozenFormat(final.model, f)) === recorded[f] : null;
  const rebuiltSame = rebuiltHash === final.contentHash;
  return { storedIntact, rebuiltSame, rebuiltHash, files, unchanged: storedIntact && rebuiltSame && Object.values(files).every((v) => v !== false) };
}

// ───────────────────────────── 结果公开 (publication) ─────────────────────────────

/**
 * Publishes a frozen county report's results on the public page (city admin only — checked by the route); the
 * county's previously published report is withdrawn in the same transaction. Audited "report.publish".
 */
export async function publishFinalReport(county: ReportCounty, id: string, by: Pick<Actor, "id" | "login">) {
  return prisma.$transaction(async (tx) => {
    const row = await tx.finalReport.findFirst({ where: { id, countyId: county.id }, select: { id: true, kind: true, contentHash: true } });
    if (!row) return null;
    if (row.kind !== "county") throw new ReportInputError("只能公开定稿的自评报告结果。");
    const now = new Date();
    await tx.finalReport.updateMany({ where: { countyId: county.id, publishedAt: { not: null }, NOT: { id } }, data: { publishedAt: null, publishedByLogin: null } });
    await tx.finalReport.update({ where: { id }, data: { publishedAt: now, publishedByLogin: by.login } });
    await writeAudit(
      { actorId: by.id, actorLogin: by.login, action: "report.publish", entityType: "final_report", entityId: id, countyId: county.id, summary: `公开${county.name}督导评估结果（定稿 ${row.contentHash.slice(0, 12)}…）`, details: { contentHash: row.contentHash } },
      tx,
    );
    return { id, publishedAt: now };
  });
}

/** Withdraws a published result from the public page. Audited "report.unpublish". Null when not the county's. */
export async function unpublishFinalReport(county: ReportCounty, id: string, by: Pick<Actor, "id" | "login">) {
  return prisma.$transaction(async (tx) => {
    const row = await tx.finalReport.findFirst({ where: { id, countyId: county.id }, select: { id: true, publishedAt: true, contentHash: true } });
    if (!row) return null;
    if (!row.publishedAt) throw new ReportInputError("该报告尚未公开。");
    await tx.finalReport.update({ where: { id }, data: { publishedAt: null, publishedByLogin: null } });
    await writeAudit(
      { actorId: by.id, actorLogin: by.login, action: "report.unpublish", entityType: "final_report", entityId: id, countyId: county.id, summary: `撤回公开${county.name}督导评估结果（定稿 ${row.contentHash.slice(0, 12)}…）`, details: { contentHash: row.contentHash } },
      tx,
    );
    return { id };
  });
}

export interface PublicResult {
  countyCode: string;
  countyName: string;
  cityName: string | null;
  verdict: string;
  achieved: boolean;
  parts: Pick<PartSummary, "key" | "label" | "status" | "total" | "passed" | "failed" | "missing">[];
  vetoes: { code: string; name: string; status: string }[];
  recognition: { score: number | null; status: string; method: string | null; received: number | null; valid: number | null; planned: number | null };
  policy: string;
  reportDate: string;
  publishedAt: string;
  contentHash: string;
}

function sampleFromModel(model: ReportModel): { received: number | null; valid: number | null; planned: number | null; method: string | null } {
  let table: ReportTable | null = null;
  let method: string | null = null;
  const walk = (sections: ReportModel["sections"]) => {
    for (const s of sections) {
      for (const b of s.blocks) {
        if (b.type === "table" && b.table.id === "recognition-sample") table = b.table;
        if (s.id === "recognition" && b.type === "paragraph" && b.text.startsWith("调查轮次：")) method = b.text.replace(/^调查轮次：[^。]*。计算方法：/, "");
      }
      walk(s.children);
    }
  };
  walk(model.sections);
  const value = (label: string) => (table as ReportTable | null)?.rows.find((r) => r[0]?.text === label)?.[1]?.value ?? null;
  return { received: value("回收答卷"), valid: value("有效答卷（含待复核）"), planned: value("计划样本量"), method };
}

/**
 * The public summary of a published result: verdict, parts and vetoes pass/fail, the recognition score with its
 * sample and method — from the frozen report's assessment and model. Nothing school-level, nothing identifying.
 */
async function publicResult(row: { assessmentId: string; model: string; contentHash: string; finalizedAt: Date; publishedAt: Date | null; county: { code: string; name: string; city: { name: string } } }): Promise<PublicResult | null> {
  const assessment = await prisma.assessment.findUnique({ where: { id: row.assessmentId }, select: { countyId: true } });
  if (!assessment) return null;
  const a = await getAssessment(assessment.countyId, row.assessmentId);
  if (!a) return null;
  const v = a.result.verdict;
  const model = JSON.parse(row.model) as ReportModel;
  const sample = sampleFromModel(model);
  return {
    countyCode: row.county.code,
    countyName: row.county.name,
    cityName: row.county.city.name,
    verdict: VERDICT_LABELS[a.verdict],
    achieved: v.achieved,
    parts: partSummaries(v).map((p) => ({ key: p.key, label: p.label, status: p.status, total: p.total, passed: p.passed, failed: p.failed, missing: p.missing })),
    vetoes: v.vetoes.map((x) => ({ code: x.code, name: x.name, status: x.status })),
    recognition: { score: v.recognition.value, status: v.recognition.status, method: sample.method ?? a.result.recognition.method, received: sample.received, valid: sample.valid, planned: sample.planned },
    policy: `${a.result.policy.name}（版本 ${a.result.policy.version}）`,
    reportDate: model.generatedAt,
    publishedAt: (row.publishedAt ?? row.finalizedAt).toISOString(),
    contentHash: row.contentHash,
  };
}

const publicSelect = { assessmentId: true, model: true, contentHash: true, finalizedAt: true, publishedAt: true, county: { select: { code: true, name: true, city: { select: { name: true } } } } } as const;

/** Published results, one per county (the newest published), ordered by county code. */
export async function listPublishedResults(): Promise<PublicResult[]> {
  const rows = await prisma.finalReport.findMany({ where: { publishedAt: { not: null }, kind: "county" }, orderBy: { publishedAt: "desc" }, select: publicSelect });
  const seen = new Set<string>();
  const out: PublicResult[] = [];
  for (const r of rows) {
    if (seen.has(r.county.code)) continue;
    seen.add(r.county.code);
    const p = await publicResult(r);
    if (p) out.push(p);
  }
  return out.sort((a, b) => (a.countyCode < b.countyCode ? -1 : 1));
}

/** The published result of a county by code; null when nothing is published. */
export async function getPublishedResult(code: string): Promise<PublicResult | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const row = await prisma.finalReport.findFirst({ where: { publishedAt: { not: null }, kind: "county", county: { code } }, orderBy: { publishedAt: "desc" }, select: publicSelect });
  return row ? publicResult(row) : null;
}

// ───────────────────────────── 市级推进情况 (city progress) ─────────────────────────────

/**
 * The city progress report of the given counties (the actor's visible ones): plan year, stage, year of 国家认定,
 * the latest assessment's verdict (or readiness when data are missing) and the latest closed round's 社会认可度.
 */
export async function cityProgressModel(city: { id: string; name: string; code: string }, countyIds: readonly string[], generatedAt = new Date()): Promise<ReportModel> {
  const counties = await prisma.county.findMany({
    where: { cityId: city.id, id: { in: [...countyIds] } },
    orderBy: [{ targetYear: "asc" }, { code: "asc" }],
    select: { id: true, code: true, name: true, targetYear: true, stage: true, nationalRecognitionAt: true },
  });
  const policy = await defaultPolicyVersion(city.id);
  const rows: CityProgressCounty[] = [];
  for (const c of counties) {
    const a = await getAssessment(c.id);
    let verdict: CityProgressCounty["verdict"] = null;
    let readiness: CityProgressCounty["readiness"] = null;
    if (a) {
      if (a.verdict === "pass") verdict = "达到";
      else if (a.verdict === "fail") verdict = "未达到";
      else {
        const parts = partSummaries(a.result.verdict);
        readiness = { passed: parts.reduce((t, p) => t + p.passed, 0), total: parts.reduce((t, p) => t + p.total, 0) };
      }
    }
    const round = await prisma.surveyRound.findFirst({ where: { countyId: c.id, state: "closed" }, orderBy: [{ closedAt: "desc" }, { createdAt: "desc" }], select: { id: true } });
    const rec = round ? await roundRecognitionSection(c.id, round.id, policy.id, city.id) : null;
    rows.push({
      name: c.name,
      code: c.code,
      targetYear: c.targetYear,
      stage: c.stage as CountyStage,
      recognitionYear: c.nationalRecognitionAt ? new Date(c.nationalRecognitionAt.getTime() + 8 * 3600 * 1000).getUTCFullYear() : null,
      verdict,
      readiness,
      recognitionRate: rec?.result.rate ?? null,
    });
  }
  return buildCityProgressReport({ city: { name: city.name, code: city.code }, counties: rows, generatedAt: generatedAt.toISOString() });
}

// ───────────────────────────── 批量生成 (batch) ─────────────────────────────

/** What the progress poll shows of a batch job. */
export interface BatchJob {
  id: string;
  total: number;
  done: number;
  current: string | null;
  state: "running" | "done" | "failed";
  /** Chinese message when failed. */
  error: string | null;
  /** Counties without an assessment (no report generated). */
  skipped: string[];
}

const BatchDetailsSchema = z.object({ skipped: z.array(z.string()) });

// Kept in the database (BackgroundJob, app/models/jobs.server.ts): the job runs in the process that started it, and
// any process answers the progress poll and serves the zip. Jobs are kept 30 minutes after their last update.
/** A batch job of the actor; null when unknown, someone else's or expired (a dead one reads as failed). */
export async function getBatchJob(id: string, actorId: string): Promise<BatchJob | null> {
  const job = await getJob(id, actorId, "report-batch");
  if (!job) return null;
  const details = BatchDetailsSchema.safeParse(job.details);
  return { id: job.id, total: job.total, done: job.done, current: job.current, state: job.state, error: job.error, skipped: details.success ? details.data.skipped : [] };
}

/** The zip of a finished batch job of the actor; null when there is none (yet). */
export async function getBatchJobZip(id: string, actorId: string): Promise<{ fileName: string; zip: Buffer } | null> {
  const r = await getJobResult(id, actorId, "report-batch");
  return r ? { fileName: r.fileName ?? "reports.zip", zip: r.data } : null;
}

/**
 * Starts generating the county report (Word + Excel) of every given county plus the city progress report (Word +
 * Excel) into one zip, in the background of this process; poll getBatchJob for done/total. Counties without an
 * assessment are listed in 说明.txt inside the zip.
 */
export async function startBatchJob(city: { id: string; name: string; code: string }, counties: readonly ReportCounty[], by: Pick<Actor, "id" | "login">): Promise<{ id: string; total: number }> {
  const id = crypto.randomUUID();
  const total = counties.length + 1;
  await createJob({ id, kind: "report-batch", ownerId: by.id, total, fileName: `${city.name}_优质均衡督导评估报告_批量.zip`, details: { skipped: [] } });
  const progress = jobReporter(id);
  void (async () => {
    const skipped: string[] = [];
    let done = 0;
    try {
      const generatedAt = new Date();
      const entries: { name: string; data: Buffer }[] = [];
      for (const c of counties) {
        progress.report({ current: c.name, done, percent: jobPercent(done, total) });
        const built = await assembleReport(c, "county", { generatedAt });
        if (built) {
          entries.push({ name: `${c.name}/${built.model.fileBaseName}.docx`, data: await renderDocx(built.model) });
          entries.push({ name: `${c.name}/${built.model.fileBaseName}.xlsx`, data: await renderXlsx(built.model) });
        } else {
          skipped.push(c.name);
          progress.report({ details: { skipped } });
        }
        done += 1;
      }
      progress.report({ current: "全市推进情况报告", done, percent: jobPercent(done, total) });
      const cityModel = await cityProgressModel(city, counties.map((c) => c.id), generatedAt);
      entries.push({ name: `${cityModel.fileBaseName}.docx`, data: await renderDocx(cityModel) });
      entries.push({ name: `${cityModel.fileBaseName}.xlsx`, data: await renderXlsx(cityModel) });
      const note = [`${city.name}优质均衡督导评估报告（批量生成）`, `共 ${counties.length} 个旗县区，生成 ${counties.length - skipped.length} 个。`, ...(skipped.length ? [`尚未运行评估、未生成报告：${skipped.join("、")}`] : [])].join("\r\n");
      entries.push({ name: "说明.txt", data: Buffer.from(`\ufeff${note}\r\n`, "utf8") });
      const zip = writeZip(entries, generatedAt);
      await progress.finish({ result: zip, done: total, percent: 100, current: null, details: { skipped } });
    } catch (e) {
      console.error("report batch failed", e);
      await progress.fail("生成失败，请重试。", { details: { skipped } });
    }
  })();
  return { id, total };
}
