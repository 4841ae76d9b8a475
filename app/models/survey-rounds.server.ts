// 调查轮次: rounds, their sampling plan (SurveyQuota) and their questionnaire links (SurveyLink). Every write runs
// in one transaction with its audit entry. Scope: callers pass the county from requireCounty; every lookup here is
// filtered by that county (a round id of another county is "not found").
import crypto from "node:crypto";
import type { Prisma } from "#app/generated/prisma/client";
import { prisma } from "#app/utils/db.server";
import type { Actor } from "#app/domain/access";
import { SCHOOL_KIND_CODES, type SchoolKind } from "#app/domain/school-kinds";
import { FAMILIES, type Family } from "#app/domain/survey/questionnaire";
import { FAMILY_LABELS, LATEST_BY_FAMILY, familyOf } from "#app/domain/survey/registry";
import { GROUP_LABELS } from "#app/domain/recognition/types";
import {
  allowedTransitions,
  linkScopeName,
  StoredQuestionnairesSchema,
  StoredSamplingRuleSchema,
  transitionProblem,
  type RoundInput,
  type RoundTransitionAction,
  type RoundWindow,
} from "#app/domain/survey/round-form";
import { COUNTY_SCOPE, familiesForSchool, planRoundQuotas } from "#app/domain/survey/round-plan";
import { writeAudit } from "./audit.server";

type By = Pick<Actor, "id" | "login">;

/** A refused round operation: `status` is the HTTP answer (400 bad input, 404 not in this county, 409 changed meanwhile). */
export class RoundError extends Error {
  constructor(
    public status: 400 | 404 | 409,
    message: string,
    public field?: string,
  ) {
    super(message);
  }
}

// ───────────────────────────── tokens ─────────────────────────────

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
export const LINK_TOKEN_LENGTH = 12;
/** 12 base58 characters ≈ 70 bits: unguessable, short enough to type from a poster. */
export const LINK_TOKEN_PATTERN = /^[1-9A-HJ-NP-Za-km-z]{12}$/;

/** A random base58 token from crypto.randomBytes; bytes ≥ 232 are dropped so every character is equally likely. */
export function newLinkToken(length = LINK_TOKEN_LENGTH): string {
  let out = "";
  while (out.length < length) {
    for (const b of crypto.randomBytes(length * 2)) {
      if (b < 232 && out.length < length) out += BASE58[b % 58];
    }
  }
  return out;
}

// ───────────────────────────── reads ─────────────────────────────

const roundSelect = {
  id: true,
  countyId: true,
  name: true,
  state: true,
  opensAt: true,
  closesAt: true,
  questionnaires: true,
  samplingRule: true,
  onePerDevice: true,
  openedAt: true,
  closedAt: true,
  createdAt: true,
} as const;

function parseRound<T extends { questionnaires: string; samplingRule: string }>(row: T) {
  return {
    ...row,
    questionnaires: StoredQuestionnairesSchema.parse(JSON.parse(row.questionnaires)),
    samplingRule: StoredSamplingRuleSchema.parse(JSON.parse(row.samplingRule)),
  };
}

/** A county's rounds, newest first, with the planned total and the number of active links. */
export async function listRounds(countyId: string) {
  const [rows, sums] = await Promise.all([
    prisma.surveyRound.findMany({
      where: { countyId },
      orderBy: { createdAt: "desc" },
      select: { ...roundSelect, _count: { select: { links: { where: { revokedAt: null } } } } },
    }),
    prisma.surveyQuota.groupBy({ by: ["roundId"], where: { round: { countyId } }, _sum: { planned: true } }),
  ]);
  const planned = new Map(sums.map((s) => [s.roundId, s._sum.planned ?? 0]));
  return rows.map(({ _count, ...r }) => ({ ...parseRound(r), plannedTotal: planned.get(r.id) ?? 0, linkCount: _count.links }));
}

const kindOrder = (k: string | undefined) => (k ? SCHOOL_KIND_CODES.indexOf(k as SchoolKind) : -1);
const schoolOrder = (a: { kind: string; code: string } | null, b: { kind: string; code: string } | null) =>
  (a ? 1 : 0) - (b ? 1 : 0) || kindOrder(a?.kind) - kindOrder(b?.kind) || (a?.code ?? "").localeCompare(b?.code ?? "");

/** A round of the county with its plan cells (school order: county cells first, then kind, then code); null if none. */
export async function getRound(countyId: string, roundId: string) {
  const row = await prisma.surveyRound.findFirst({
    where: { id: roundId, countyId },
    select: {
      ...roundSelect,
      quotas: {
        select: { id: true, schoolId: true, scopeKey: true, group: true, planned: true, edited: true, school: { select: { code: true, name: true, kind: true, urbanRural: true, enrolment: true } } },
      },
    },
  });
  if (!row) return null;
  const round = parseRound(row);
  round.quotas.sort((a, b) => schoolOrder(a.school, b.school));
  return round;
}

const linkSelect = {
  id: true,
  token: true,
  schoolId: true,
  family: true,
  questionnaire: true,
  cap: true,
  expiresAt: true,
  revokedAt: true,
  responseCount: true,
  createdAt: true,
  school: { select: { code: true, name: true, kind: true } },
} as const;

/** The links of a round: the county link first, then schools in roster order, families in 社会卷/校长教师卷/学生卷 order. */
export async function listLinks(roundId: string) {
  const rows = await prisma.surveyLink.findMany({ where: { roundId }, select: linkSelect, orderBy: { createdAt: "asc" } });
  const fam = (f: string) => FAMILIES.indexOf(f as Family);
  return rows.sort((a, b) => schoolOrder(a.school, b.school) || fam(a.family) - fam(b.family) || Number(!!a.revokedAt) - Number(!!b.revokedAt));
}

/** One link of a round, or null. */
export async function getLink(roundId: string, linkId: string) {
  return prisma.surveyLink.findFirst({ where: { id: linkId, roundId }, select: linkSelect });
}

// ───────────────────────────── writes ─────────────────────────────

type Tx = Prisma.TransactionClient;

async function lockRound(tx: Tx, countyId: string, roundId: string) {
  const round = await tx.surveyRound.findFirst({ where: { id: roundId, countyId }, select: roundSelect });
  if (!round) throw new RoundError(404, "未找到该调查轮次。");
  return parseRound(round);
}

/**
 * Creates a draft round and its sampling plan: total = max(minimum, ceil(常住人口 × 1.5‰)), 家长 ≥ the share, the
 * other groups equal, spread over the county's enabled schools by enrolment (planRoundQuotas). Audited.
 */
export async function createRound(county: { id: string; name: string; residentPopulation: number }, input: RoundInput, by: By) {
  return prisma.$transaction(async (tx) => {
    const schools = await tx.school.findMany({ where: { countyId: county.id, disabledAt: null }, orderBy: { code: "asc" }, select: { id: true, kind: true, urbanRural: true, enrolment: true } });
    if (schools.length === 0) throw new RoundError(400, "本旗县区还没有在用的学校。请先新增学校或导入学校名册，再新建调查轮次。");
    const { plan, cells } = planRoundQuotas({ population: county.residentPopulation, rule: input.rule, schools });
    const round = await tx.surveyRound.create({
      data: {
        countyId: county.id,
        name: input.name,
        state: "draft",
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        questionnaires: JSON.stringify(input.questionnaires),
        samplingRule: JSON.stringify(input.rule),
        onePerDevice: input.onePerDevice,
        deviceSalt: crypto.randomBytes(16).toString("base64url"),
      },
      select: { id: true },
    });
    await tx.surveyQuota.createMany({
      data: cells.map((c) => ({ roundId: round.id, schoolId: c.schoolId, scopeKey: c.schoolId ?? COUNTY_SCOPE, group: c.group, planned: c.planned })),
    });
    await writeAudit(
      {
        actorId: by.id,
        actorLogin: by.login,
        action: "survey_round.create",
        entityType: "survey_round",
        entityId: round.id,
        countyId: county.id,
        summary: `新建调查轮次“${input.name}”：样本量 ${plan.total}（常住人口 ${county.residentPopulation} × ${input.rule.ratePerMille}‰${input.rule.minimumTotal ? `，最低 ${input.rule.minimumTotal}` : ""}），家长 ${plan.byGroup.parent ?? 0}`,
        details: { rule: input.rule, population: county.residentPopulation, total: plan.total, byGroup: plan.byGroup, questionnaires: input.questionnaires, opensAt: input.opensAt, closesAt: input.closesAt, onePerDevice: input.onePerDevice, schools: schools.length },
      },
      tx,
    );
    return { id: round.id, total: plan.total };
  });
}

/** Changes the name and window of a draft or open round. Audited with the changes. */
export async function updateRoundWindow(countyId: string, roundId: string, input: RoundWindow, by: By) {
  await prisma.$transaction(async (tx) => {
    const round = await lockRound(tx, countyId, roundId);
    if (round.state === "closed") throw new RoundError(400, "调查已结束，不能修改时间。如需延长，请使用“重新开放”并填写新的结束时间。");
    const before = { name: round.name, opensAt: round.opensAt.toISOString(), closesAt: round.closesAt.toISOString() };
    const after = { name: input.name, opensAt: input.opensAt.toISOString(), closesAt: input.closesAt.toISOString() };
    const changed = Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k as keyof typeof before] !== v).map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]));
    if (Object.keys(changed).length === 0) return;
    await tx.surveyRound.update({ where: { id: roundId }, data: { name: input.name, opensAt: input.opensAt, closesAt: input.closesAt } });
    await writeAudit({ actorId: by.id, actorLogin: by.login, action: "survey_round.update", entityType: "survey_round", entityId: roundId, countyId, summary: `修改调查轮次“${input.name}”的名称或时间`, details: changed }, tx);
  });
}

const TRANSITION_SUMMARY: Record<RoundTransitionAction, string> = { open: "开始调查", close: "结束调查", reopen: "重新开放调查" };

/**
 * Moves a round along draft → open → closed, or reopens a closed one (重新开放: a reason, and a new closing time when
 * the old one has passed). Opening sets openedAt (first opening), closing sets closedAt, reopening clears it.
 * Guarded against a concurrent change of state (409). Every transition is audited ("survey_round.<action>").
 */
export async function setRoundState(
  countyId: string,
  roundId: string,
  action: RoundTransitionAction,
  options: { reason?: string; closesAt?: Date },
  by: By,
  now = new Date(),
) {
  await prisma.$transaction(async (tx) => {
    const round = await lockRound(tx, countyId, roundId);
    const problem = transitionProblem({ state: round.state, action, opensAt: round.opensAt, closesAt: round.closesAt, reason: options.reason, newClosesAt: options.closesAt, now });
    if (problem) throw new RoundError(problem.field ? 400 : 409, problem.message, problem.field);
    const to = allowedTransitions(round.state).find((t) => t.action === action)!.to;
    const data =
      action === "open"
        ? { state: to, openedAt: round.openedAt ?? now }
        : action === "close"
          ? { state: to, closedAt: now }
          : { state: to, closedAt: null, ...(options.closesAt ? { closesAt: options.closesAt } : {}) };
    const n = await tx.surveyRound.updateMany({ where: { id: roundId, state: round.state }, data });
    if (n.count !== 1) throw new RoundError(409, "调查状态已被他人修改，请刷新页面后再试。");
    const reason = options.reason?.trim();
    await writeAudit(
      {
        actorId: by.id,
        actorLogin: by.login,
        action: `survey_round.${action}`,
        entityType: "survey_round",
        entityId: roundId,
        countyId,
        summary: `${TRANSITION_SUMMARY[action]}：${round.name}${action === "reopen" ? `（原因：${reason}）` : ""}`,
        details: {
          from: round.state,
          to,
          ...(action === "reopen" ? { reason, previousClosedAt: round.closedAt?.toISOString() ?? null } : {}),
          ...(options.closesAt && action === "reopen" ? { closesAt: { from: round.closesAt.toISOString(), to: options.closesAt.toISOString() } } : {}),
        },
      },
      tx,
    );
  });
}

function scopeLabel(countyName: string, school: { name: string } | null) {
  return linkScopeName(countyName, school?.name ?? null);
}

/**
 * Sets planned numbers of plan cells (school × group, or county × group); cells whose number changes get
 * edited = true. All cells must belong to the round; a closed round's plan is frozen. One audit entry with every
 * change. Returns the number of cells changed.
 */
export async function updateQuotas(countyId: string, roundId: string, changes: readonly { quotaId: string; planned: number }[], by: By) {
  return prisma.$transaction(async (tx) => {
    const round = await lockRound(tx, countyId, roundId);
    if (round.state === "closed") throw new RoundError(400, "调查已结束，抽样方案不能再修改。");
    const ids = [...new Set(changes.map((c) => c.quotaId))];
    const cells = await tx.surveyQuota.findMany({ where: { roundId, id: { in: ids } }, select: { id: true, group: true, planned: true, school: { select: { name: true } } } });
    if (cells.length !== ids.length) throw new RoundError(404, "未找到抽样方案单元格，请刷新页面后再试。");
    const byId = new Map(cells.map((c) => [c.id, c]));
    const county = await tx.county.findUniqueOrThrow({ where: { id: countyId }, select: { name: true } });
    const changed: { cell: string; from: number; to: number }[] = [];
    for (const { quotaId, planned } of changes) {
      const cell = byId.get(quotaId)!;
      if (cell.planned === planned) continue;
      await tx.surveyQuota.update({ where: { id: quotaId }, data: { planned, edited: true } });
      changed.push({ cell: `${scopeLabel(county.name, cell.school)} · ${GROUP_LABELS[cell.group as keyof typeof GROUP_LABELS] ?? cell.group}`, from: cell.planned, to: planned });
      cell.planned = planned;
    }
    if (changed.length) {
      await writeAudit(
        {
          actorId: by.id,
          actorLogin: by.login,
          action: "survey_quota.update",
          entityType: "survey_round",
          entityId: roundId,
          countyId,
          summary: `修改抽样方案（${round.name}）：${changed.length} 个单元格${changed.length <= 3 ? `，${changed.map((c) => `${c.cell} ${c.from} → ${c.to}`).join("；")}` : ""}`,
          details: changed,
        },
        tx,
      );
    }
    return changed.length;
  });
}

/** One plan cell (see updateQuotas). */
export async function updateQuota(countyId: string, roundId: string, quotaId: string, planned: number, by: By) {
  return updateQuotas(countyId, roundId, [{ quotaId, planned }], by);
}

/**
 * Creates the missing links of a round: one per enabled school × family (familiesForSchool: 社会卷 and 校长教师卷 for
 * every school, 学生卷 for schools with grade 3 and up) and the county's 社会卷. Idempotent: a school × family that
 * already has an active (not revoked) link is skipped; one whose links were all revoked gets a new link (that is how a
 * leaked code is replaced). Not for a closed round. Returns the number created; audited when > 0.
 */
export async function createLinks(countyId: string, roundId: string, by: By) {
  return prisma.$transaction(async (tx) => {
    const round = await lockRound(tx, countyId, roundId);
    if (round.state === "closed") throw new RoundError(400, "调查已结束，不能生成新的链接。如需继续收集，请先重新开放。");
    const [schools, active] = await Promise.all([
      tx.school.findMany({ where: { countyId, disabledAt: null }, orderBy: { code: "asc" }, select: { id: true, code: true, kind: true } }),
      tx.surveyLink.findMany({ where: { roundId, revokedAt: null }, select: { schoolId: true, family: true } }),
    ]);
    const have = new Set(active.map((l) => `${l.schoolId ?? COUNTY_SCOPE}:${l.family}`));
    const wanted: { schoolId: string | null; code: string | null; family: Family }[] = [
      { schoolId: null, code: null, family: "social" },
      ...schools.flatMap((s) => familiesForSchool(s.kind).map((family) => ({ schoolId: s.id, code: s.code, family }))),
    ];
    const questionnaireOf = (family: Family) => round.questionnaires.find((q) => familyOf(q) === family) ?? LATEST_BY_FAMILY[family];
    const created: { id: string; school: string | null; family: Family }[] = [];
    for (const w of wanted) {
      if (have.has(`${w.schoolId ?? COUNTY_SCOPE}:${w.family}`)) continue;
      let token = newLinkToken();
      // 58^12 ≈ 1.4e21: a collision is practically impossible, but the unique index would turn one into a 500.
      while (await tx.surveyLink.findUnique({ where: { token }, select: { id: true } })) token = newLinkToken();
      const link = await tx.surveyLink.create({ data: { token, roundId, schoolId: w.schoolId, family: w.family, questionnaire: questionnaireOf(w.family) }, select: { id: true } });
      created.push({ id: link.id, school: w.code, family: w.family });
    }
    if (created.length) {
      await writeAudit(
        {
          actorId: by.id,
          actorLogin: by.login,
          action: "survey_link.create",
          entityType: "survey_round",
          entityId: roundId,
          countyId,
          summary: `生成二维码链接（${round.name}）：${created.length} 个`,
          details: created,
        },
        tx,
      );
    }
    return created.length;
  });
}

async function lockLink(tx: Tx, countyId: string, roundId: string, linkId: string) {
  const round = await lockRound(tx, countyId, roundId);
  const link = await tx.surveyLink.findFirst({ where: { id: linkId, roundId }, select: { id: true, token: true, family: true, cap: true, expiresAt: true, revokedAt: true, school: { select: { name: true } } } });
  if (!link) throw new RoundError(404, "未找到该链接。");
  const county = await tx.county.findUniqueOrThrow({ where: { id: countyId }, select: { name: true } });
  return { round, link, label: `${scopeLabel(county.name, link.school)} ${FAMILY_LABELS[link.family as Family]?.title ?? link.family}` };
}

/** Revokes a link for good (a leaked or misprinted code); createLinks can then issue a replacement. Audited. */
export async function revokeLink(countyId: string, roundId: string, linkId: string, by: By, now = new Date()) {
  await prisma.$transaction(async (tx) => {
    const { link, label } = await lockLink(tx, countyId, roundId, linkId);
    if (link.revokedAt) throw new RoundError(400, "该链接已停用。");
    await tx.surveyLink.update({ where: { id: linkId }, data: { revokedAt: now } });
    await writeAudit({ actorId: by.id, actorLogin: by.login, action: "survey_link.revoke", entityType: "survey_link", entityId: linkId, countyId, summary: `停用问卷链接：${label}（…${link.token.slice(-4)}）`, details: { token: link.token } }, tx);
  });
}

/** Sets or clears a link's cap (accepted responses) and expiry. Not on a revoked link. Audited with the changes. */
export async function setLinkLimits(countyId: string, roundId: string, linkId: string, limits: { cap: number | null; expiresAt: Date | null }, by: By) {
  await prisma.$transaction(async (tx) => {
    const { link, label } = await lockLink(tx, countyId, roundId, linkId);
    if (link.revokedAt) throw new RoundError(400, "该链接已停用，不能再设置名额或有效期。");
    await tx.surveyLink.update({ where: { id: linkId }, data: { cap: limits.cap, expiresAt: limits.expiresAt } });
    await writeAudit(
      {
        actorId: by.id,
        actorLogin: by.login,
        action: "survey_link.limits",
        entityType: "survey_link",
        entityId: linkId,
        countyId,
        summary: `设置问卷链接名额和有效期：${label}`,
        details: { cap: { from: link.cap, to: limits.cap }, expiresAt: { from: link.expiresAt?.toISOString() ?? null, to: limits.expiresAt?.toISOString() ?? null } },
      },
      tx,
    );
  });
}
