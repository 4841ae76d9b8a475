import { prisma } from "#app/utils/db.server";
import type { Actor } from "#app/domain/access";
import { assessCounty } from "#app/domain/assessment/verdict";
import { isRecognitionError } from "#app/domain/recognition/errors";
import { RESPONDENT_GROUPS, type RespondentGroup } from "#app/domain/recognition/types";
import { SCHOOL_KIND_CODES, type SchoolKind, type UrbanRural } from "#app/domain/school-kinds";
import {
  StoredAssessmentSchema,
  STORED_RESULT_VERSION,
  VERDICT_LABELS,
  verdictCode,
  type StoredAssessment,
  type StoredRecognition,
  type VerdictCode,
} from "#app/domain/statistics/assessment-summary";
import { STATISTICS_KIND_LABELS, STATISTICS_KINDS, type StatisticsKind } from "#app/domain/statistics/kinds";
import { computeRoundRecognition, roundMethod } from "#app/domain/statistics/recognition-score";
import { buildAssessmentInput, type AssessedSchool } from "#app/domain/statistics/to-engine";
import type { SnapshotDataByKind } from "#app/domain/statistics/validate";
import { writeAudit } from "./audit.server";
import { defaultPolicyVersion, getPolicyVersion, type PolicyVersion } from "./policy.server";
import { getSnapshotsWithData, latestSnapshotIds, listSnapshots } from "./statistics.server";

/** A choice the user made that cannot be used (Chinese message, answered 400). */
export class AssessmentInputError extends Error {
  readonly code = "assessment_input";
}

export type RecognitionChoice = { kind: "round"; roundId: string } | { kind: "manual"; score: number; note: string } | { kind: "none" } | { kind: "latest" };

export interface RunChoice {
  /** Per kind: a snapshot id, null for "do not use", undefined for the latest. */
  snapshotIds?: Partial<Record<StatisticsKind, string | null>>;
  /** undefined → the default version (the city's newest local one, else national). */
  policyVersionId?: string;
  recognition: RecognitionChoice;
}

type CountyRef = { id: string; cityId: string; name: string; code: string };

/** Closed survey rounds of a county (the ones whose score may feed an assessment), newest first. */
export async function listClosedRounds(countyId: string) {
  return prisma.surveyRound.findMany({
    where: { countyId, state: "closed" },
    orderBy: [{ closedAt: "desc" }, { createdAt: "desc" }],
    select: { id: true, name: true, closedAt: true, recognitionMethod: true },
  });
}

/** Everything the run form offers: snapshots per kind, closed rounds, policy versions. */
export async function assessmentChoices(county: CountyRef) {
  const [snapshots, rounds, defaultPolicy] = await Promise.all([listSnapshots(county.id), listClosedRounds(county.id), defaultPolicyVersion(county.cityId)]);
  return { snapshots, rounds: rounds.map((r) => ({ id: r.id, name: r.name, closedAt: r.closedAt })), defaultPolicyId: defaultPolicy.id };
}

async function recognitionFrom(countyId: string, choice: RecognitionChoice, policy: PolicyVersion): Promise<StoredRecognition> {
  const none: StoredRecognition = { source: "none", score: null, roundId: null, roundName: null, method: null, note: null, respondents: null, warnings: [] };
  if (choice.kind === "none") return none;
  if (choice.kind === "manual") {
    if (!Number.isFinite(choice.score) || choice.score < 0 || choice.score > 100) throw new AssessmentInputError("社会认可度应为 0–100 之间的百分数。");
    if (!choice.note.trim()) throw new AssessmentInputError("手工录入社会认可度时须注明来源（如：2025年省级社会认可度调查报告）。");
    return { ...none, source: "manual", score: choice.score, note: choice.note.trim().slice(0, 300) };
  }
  const round =
    choice.kind === "round"
      ? await prisma.surveyRound.findFirst({ where: { id: choice.roundId, countyId }, select: { id: true, name: true, state: true, questionnaires: true, recognitionMethod: true } })
      : await prisma.surveyRound.findFirst({ where: { countyId, state: "closed" }, orderBy: [{ closedAt: "desc" }, { createdAt: "desc" }], select: { id: true, name: true, state: true, questionnaires: true, recognitionMethod: true } });
  if (!round) {
    if (choice.kind === "latest") return none;
    throw new AssessmentInputError("未找到该调查轮次。");
  }
  if (round.state !== "closed") throw new AssessmentInputError(`调查轮次「${round.name}」尚未结束，只能使用已结束轮次的社会认可度。`);
  const [responses, quotas] = await Promise.all([
    prisma.surveyResponse.findMany({
      where: { roundId: round.id },
      select: { id: true, questionnaire: true, group: true, schoolId: true, area: true, status: true, exclusionReason: true, answers: true },
    }),
    prisma.surveyQuota.findMany({ where: { roundId: round.id }, select: { group: true, planned: true } }),
  ]);
  const byGroup: Partial<Record<RespondentGroup, number>> = {};
  for (const q of quotas) if ((RESPONDENT_GROUPS as readonly string[]).includes(q.group)) byGroup[q.group as RespondentGroup] = (byGroup[q.group as RespondentGroup] ?? 0) + q.planned;
  const total = Object.values(byGroup).reduce((a, b) => a + (b ?? 0), 0);
  try {
    const method = roundMethod(round.recognitionMethod);
    const questionnaires = JSON.parse(round.questionnaires) as string[];
    const result = computeRoundRecognition(responses, Array.isArray(questionnaires) ? questionnaires : [], method, policy.policy.recognition, total > 0 ? { total, byGroup } : undefined);
    return {
      source: "round",
      score: result.rate === null ? null : result.rate * 100,
      roundId: round.id,
      roundName: round.name,
      method: result.methodDescription,
      note: null,
      respondents: result.respondents,
      warnings: result.warnings.map((w) => w.message),
    };
  } catch (e) {
    if (isRecognitionError(e)) throw new AssessmentInputError(`调查轮次「${round.name}」的社会认可度无法计算：${e.message}`);
    throw e;
  }
}

/**
 * Runs the engine for a county on the chosen (else latest) snapshots, policy version and recognition score, and
 * stores the Assessment naming every input; audited in the same transaction. Throws AssessmentInputError for a
 * choice that cannot be used (another county's snapshot, an open round, an unknown policy version …).
 */
export async function runAssessment(county: CountyRef, choice: RunChoice, by: Pick<Actor, "id" | "login">) {
  const policy = choice.policyVersionId ? await getPolicyVersion(county.cityId, choice.policyVersionId) : await defaultPolicyVersion(county.cityId);
  if (!policy) throw new AssessmentInputError("未找到该政策配置版本。");

  const latest = await latestSnapshotIds(county.id);
  const wanted: Partial<Record<StatisticsKind, string>> = {};
  for (const kind of STATISTICS_KINDS) {
    const chosen = choice.snapshotIds?.[kind];
    const id = chosen === undefined ? latest[kind] : chosen;
    if (id) wanted[kind] = id;
  }
  const loaded = await getSnapshotsWithData(county.id, Object.values(wanted));
  const byKind: Partial<{ [K in StatisticsKind]: { id: string; version: number; year: number; fileName: string; sha256: string; createdAt: Date; createdByLogin: string; rowCount: number; data: SnapshotDataByKind[K] } }> = {};
  for (const kind of STATISTICS_KINDS) {
    const id = wanted[kind];
    if (!id) continue;
    const snap = loaded.find((s) => s.id === id);
    if (!snap || snap.kind !== kind) throw new AssessmentInputError(`未找到所选的${STATISTICS_KIND_LABELS[kind]}快照。`);
    (byKind as Record<string, unknown>)[kind] = snap;
  }

  const recognition = await recognitionFrom(county.id, choice.recognition, policy);
  const schoolRows = await prisma.school.findMany({
    where: { countyId: county.id, disabledAt: null },
    orderBy: { code: "asc" },
    select: { id: true, code: true, name: true, kind: true, urbanRural: true, centralSchoolId: true },
  });
  const schools: AssessedSchool[] = schoolRows
    .filter((s) => SCHOOL_KIND_CODES.includes(s.kind as SchoolKind))
    .map((s) => ({ id: s.id, code: s.code, name: s.name, kind: s.kind as SchoolKind, urbanRural: s.urbanRural as UrbanRural, centralSchoolId: s.centralSchoolId }));

  const { input, notes } = buildAssessmentInput({
    countyName: county.name,
    schools,
    schoolBase: byKind.school_base?.data ?? null,
    countyItems: byKind.county_indicators?.data ?? null,
    monitoring: byKind.monitoring?.data ?? null,
    vetoEntry: byKind.vetoes?.data ?? null,
    recognitionScore: recognition.score,
  });
  const verdict = assessCounty(input, policy.policy.profile);
  const code = verdictCode(verdict);
  const snapshots = STATISTICS_KINDS.flatMap((kind) => {
    const s = byKind[kind];
    return s ? [{ id: s.id, kind, version: s.version, year: s.year, fileName: s.fileName, sha256: s.sha256, createdAt: s.createdAt.toISOString(), createdByLogin: s.createdByLogin, rowCount: s.rowCount }] : [];
  });
  const stored: StoredAssessment = StoredAssessmentSchema.parse({
    version: STORED_RESULT_VERSION,
    verdict,
    snapshots,
    policy: { id: policy.id, name: policy.name, version: policy.version, scope: policy.scope },
    recognition,
    notes,
  });

  return prisma.$transaction(async (tx) => {
    const row = await tx.assessment.create({
      data: {
        countyId: county.id,
        policyVersionId: policy.id,
        snapshotIds: JSON.stringify(snapshots.map((s) => s.id)),
        surveyRoundId: recognition.roundId,
        verdict: code,
        result: JSON.stringify(stored),
        createdByLogin: by.login,
      },
      select: { id: true, createdAt: true },
    });
    await writeAudit(
      {
        actorId: by.id,
        actorLogin: by.login,
        action: "assessment.run",
        entityType: "assessment",
        entityId: row.id,
        countyId: county.id,
        summary: `运行${county.name}评估：${VERDICT_LABELS[code]}（未达标 ${verdict.failing.length} 项，数据缺失 ${verdict.missing.length} 项；${policy.name} 第 ${policy.version} 版）`,
        details: { verdict: code, policyVersionId: policy.id, snapshotIds: snapshots.map((s) => s.id), surveyRoundId: recognition.roundId, recognitionSource: recognition.source, recognitionScore: recognition.score },
      },
      tx,
    );
    return { id: row.id, verdict: code };
  });
}

const listSelect = { id: true, createdAt: true, verdict: true, createdByLogin: true, policyVersion: { select: { name: true, version: true } } } as const;

/** The county's assessments (newest first), without results. */
export async function listAssessments(countyId: string, take = 20) {
  const rows = await prisma.assessment.findMany({ where: { countyId }, orderBy: { createdAt: "desc" }, take, select: listSelect });
  return rows.map((r) => ({ id: r.id, createdAt: r.createdAt, verdict: r.verdict as VerdictCode, createdByLogin: r.createdByLogin, policy: `${r.policyVersion.name} 第 ${r.policyVersion.version} 版` }));
}

/** One assessment of the county (the latest when no id), with its parsed result; null when none. */
export async function getAssessment(countyId: string, id?: string | null) {
  const row = await prisma.assessment.findFirst({
    where: { countyId, ...(id ? { id } : {}) },
    orderBy: { createdAt: "desc" },
    select: { ...listSelect, result: true },
  });
  if (!row) return null;
  return { id: row.id, createdAt: row.createdAt, createdByLogin: row.createdByLogin, verdict: row.verdict as VerdictCode, result: StoredAssessmentSchema.parse(JSON.parse(row.result)) };
}

/** Per county: the latest assessment's verdict and counts, the kinds imported and the closed rounds (city view). */
export async function assessmentOverview(countyIds: readonly string[]) {
  const [assessments, kinds, rounds] = await Promise.all([
    prisma.assessment.findMany({ where: { countyId: { in: [...countyIds] } }, orderBy: { createdAt: "desc" }, select: { id: true, countyId: true, createdAt: true, verdict: true, result: true } }),
    prisma.statisticsSnapshot.groupBy({ by: ["countyId", "kind"], where: { countyId: { in: [...countyIds] } } }),
    prisma.surveyRound.groupBy({ by: ["countyId"], where: { countyId: { in: [...countyIds] }, state: "closed" }, _count: { _all: true } }),
  ]);
  const out = new Map<string, { latest: { id: string; createdAt: Date; verdict: VerdictCode; failing: number; missing: number; recognition: number | null } | null; kinds: StatisticsKind[]; closedRounds: number }>();
  for (const id of countyIds) out.set(id, { latest: null, kinds: [], closedRounds: 0 });
  for (const a of assessments) {
    const entry = out.get(a.countyId)!;
    if (entry.latest) continue;
    const parsed = StoredAssessmentSchema.safeParse(JSON.parse(a.result));
    entry.latest = {
      id: a.id,
      createdAt: a.createdAt,
      verdict: a.verdict as VerdictCode,
      failing: parsed.success ? parsed.data.verdict.failing.length : 0,
      missing: parsed.success ? parsed.data.verdict.missing.length : 0,
      recognition: parsed.success ? parsed.data.recognition.score : null,
    };
  }
  for (const k of kinds) out.get(k.countyId)!.kinds.push(k.kind as StatisticsKind);
  for (const r of rounds) out.get(r.countyId)!.closedRounds = r._count._all;
  return out;
}
