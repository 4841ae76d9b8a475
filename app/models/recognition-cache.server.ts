// Per-process, incrementally maintained aggregates of survey responses (the cube of app/domain/recognition/
// aggregate.ts: one CellStats per round × school × respondent group × area, plus per-day counts).
//
// Why a cache: every recognition method needs sums over all answers of a round; reading and decoding ~10⁵
// responses (a county) or ~10⁶ (a city) costs seconds on every page load. The cube is built once per round and then
// kept current by reading only what changed:
//   - new responses: every response has its round's next chain position (chainSeq, app/domain/survey/hash-chain.ts),
//     assigned under the round's write lock and committed in that order, and the round row holds the chain's
//     length. So `chainSeq > cube.seq` is exactly the set of the round's responses committed since the last read —
//     on SQLite and on PostgreSQL with several writing processes alike;
//   - status changes: only reviews change a status (ResponseReview rows, written in the same transaction), so a
//     change of the round's (count, max(at)) of reviews triggers a re-read of the reviewed responses;
//   - the round's automatic rules: read with the round on every request and applied to the kept flagged records;
//   - a chain length below what the cube has seen (the database was restored) rebuilds the round.
// Everything is integer sums, so moving a response between "counted" and "excluded" is exact. The cache is an
// optimisation only: several app processes each keep their own, all consistent with the database.
import {
  addResponse,
  emptyStats,
  encodeAnswers,
  questionnaireIndex,
  type CellStats,
  type CubeCell,
  statsByGroup,
  type RoundLayout,
  type StatsByGroup,
  type StatsStatus,
} from "#app/domain/recognition/aggregate";
import { effectiveStatus, layoutForQuestionnaires, parseQuestionnaireIds, shanghaiDay, type AutoExcludeRules } from "#app/domain/recognition/dashboard";
import { AREAS, RESPONDENT_GROUPS, type Area, type RespondentGroup } from "#app/domain/recognition/types";
import { Prisma } from "#app/generated/prisma/client";
import { prisma } from "#app/utils/db.server";

interface NonValidRecord {
  stored: "flagged" | "excluded";
  reason: string | null;
  flagCodes: string[];
  q: number;
  slots: Uint8Array;
  cellKey: string;
  dayKey: string;
}

interface Effective {
  status: StatsStatus;
  reason: string | null;
}

export interface RoundCube {
  roundId: string;
  layout: RoundLayout;
  rulesKey: string;
  cells: Map<string, CubeCell>;
  /** school|group|day → [received, counted]. */
  days: Map<string, [number, number]>;
  records: Map<string, NonValidRecord>;
  received: number;
  /** The round's chain position read up to. */
  seq: number;
  reviewVersion: string;
  /** Bumped on every change; keys the memoised per-group totals. */
  generation: number;
  byGroupMemo: { generation: number; value: StatsByGroup } | null;
}

const SEP = "\u0001";
const state: { rounds: Map<string, RoundCube> } = { rounds: new Map() };

/** Drops every cached round (tests; a restore of the database). */
export function resetRecognitionCache() {
  state.rounds.clear();
}

export interface CubeRoundInput {
  id: string;
  questionnaires: string;
  rules: AutoExcludeRules;
}

type Row = {
  chainSeq: number | bigint;
  id: string;
  roundId: string;
  schoolId: string | null;
  group: string;
  area: string | null;
  questionnaire: string;
  answers: string;
  status: string;
  exclusionReason: string | null;
  flags: string | null;
  receivedAt: string | Date;
};

// Quoted identifiers: the same SQL runs on SQLite and PostgreSQL (Prisma's tagged templates bind the parameters).
const ROW_COLUMNS = Prisma.raw(`"chainSeq", "id", "roundId", "schoolId", "group", "area", "questionnaire", "answers", "status", "exclusionReason", "flags", "receivedAt"`);

function rulesKeyOf(rules: AutoExcludeRules) {
  return rules.flagCodes.join(",");
}

function flagCodesOf(json: string | null): string[] {
  if (!json) return [];
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? parsed.flatMap((f) => (f && typeof f === "object" && typeof (f as { code?: unknown }).code === "string" ? [(f as { code: string }).code] : [])) : [];
  } catch {
    return [];
  }
}

function storedStatus(s: string): "valid" | "flagged" | "excluded" {
  return s === "flagged" || s === "excluded" ? s : "valid";
}

function rulesOf(key: string): AutoExcludeRules {
  return { version: 1, flagCodes: key ? (key.split(",") as AutoExcludeRules["flagCodes"]) : [] };
}

function effOf(stored: { status: string; reason: string | null; flagCodes: string[] }, rulesKey: string): Effective {
  const e = effectiveStatus({ status: stored.status, exclusionReason: stored.reason, flagCodes: stored.flagCodes }, rulesOf(rulesKey));
  return { status: e.status, reason: e.reason };
}

function cellOf(cube: RoundCube, key: string, school: string | null, group: RespondentGroup, area: Area | null): CellStats {
  let cell = cube.cells.get(key);
  if (!cell) cube.cells.set(key, (cell = { school, group, area, stats: emptyStats(cube.layout) }));
  return cell.stats;
}

function apply(cube: RoundCube, rec: Pick<NonValidRecord, "q" | "slots" | "cellKey" | "dayKey">, eff: Effective, sign: 1 | -1) {
  cube.generation += 1;
  const [school, group, area] = rec.cellKey.split(SEP) as [string, RespondentGroup, string];
  const stats = cellOf(cube, rec.cellKey, school === "" ? null : school, group, area === "" ? null : (area as Area));
  addResponse(stats, cube.layout, rec.q, rec.slots, eff.status, eff.reason, sign);
  const day = cube.days.get(rec.dayKey) ?? [0, 0];
  day[0] += sign;
  if (eff.status !== "excluded") day[1] += sign;
  cube.days.set(rec.dayKey, day);
}

// Shanghai day of a stored timestamp, memoised by its UTC hour and offset ("2026-11-30T10" + "+00:00"): parsing a
// date per row is a large share of a cold build.
const dayMemo = new Map<string, string>();
function dayOf(at: string | Date): string {
  const key = typeof at === "string" ? (at.length >= 19 ? at.slice(0, 13) + at.slice(-6) : null) : String(Math.floor(at.getTime() / 3_600_000));
  if (key === null) return shanghaiDay(at);
  let day = dayMemo.get(key);
  if (day === undefined) {
    day = shanghaiDay(at);
    if (dayMemo.size > 100_000) dayMemo.clear();
    dayMemo.set(key, day);
  }
  return day;
}

function decode(cube: RoundCube, row: Row) {
  const q = questionnaireIndex(cube.layout, row.questionnaire);
  const group = row.group as RespondentGroup;
  if (q < 0 || !RESPONDENT_GROUPS.includes(group)) return null; // not one of the round's questionnaires: never counted
  const area = (AREAS as readonly string[]).includes(row.area ?? "") ? (row.area as Area) : null;
  let answers: Record<string, unknown> = {};
  try {
    answers = JSON.parse(row.answers) as Record<string, unknown>;
  } catch {
    /* stored answers are validated JSON; a broken row counts with blank answers */
  }
  const cellKey = [row.schoolId ?? "", group, area ?? ""].join(SEP);
  const dayKey = [row.schoolId ?? "", group, dayOf(row.receivedAt)].join(SEP);
  return { q, slots: encodeAnswers(cube.layout, q, answers), cellKey, dayKey, stored: storedStatus(row.status), reason: row.exclusionReason, flagCodes: flagCodesOf(row.flags) };
}

function ingest(cube: RoundCube, row: Row) {
  const d = decode(cube, row);
  if (!d) return;
  apply(cube, d, effOf({ status: d.stored, reason: d.reason, flagCodes: d.flagCodes }, cube.rulesKey), 1);
  cube.received += 1;
  if (d.stored !== "valid") cube.records.set(row.id, { stored: d.stored, reason: d.reason, flagCodes: d.flagCodes, q: d.q, slots: d.slots, cellKey: d.cellKey, dayKey: d.dayKey });
}

async function reviewVersions(roundIds: string[]): Promise<Map<string, string>> {
  if (roundIds.length === 0) return new Map();
  const rows = await prisma.responseReview.groupBy({ by: ["roundId"], where: { roundId: { in: roundIds } }, _count: { _all: true }, _max: { at: true } });
  return new Map(rows.map((r) => [r.roundId, `${r._count._all}|${r._max.at?.toISOString() ?? ""}`]));
}

/** The rows of a round with chain positions in (after, upTo]. */
function rowsOf(roundId: string, after: number, upTo: number) {
  return prisma.$queryRaw<Row[]>`SELECT ${ROW_COLUMNS} FROM "SurveyResponse" WHERE "roundId" = ${roundId} AND "chainSeq" > ${after} AND "chainSeq" <= ${upTo}`;
}

async function build(input: CubeRoundInput, upTo: number, reviewVersion: string): Promise<RoundCube> {
  const cube: RoundCube = {
    roundId: input.id,
    layout: layoutForQuestionnaires(parseQuestionnaireIds(input.questionnaires)),
    rulesKey: rulesKeyOf(input.rules),
    cells: new Map(),
    days: new Map(),
    records: new Map(),
    received: 0,
    seq: upTo,
    reviewVersion,
    generation: 0,
    byGroupMemo: null,
  };
  for (const row of await rowsOf(input.id, 0, upTo)) ingest(cube, row);
  return cube;
}

/** Re-reads the reviewed responses of a round and moves those whose stored status changed. */
async function reconcileReviews(cube: RoundCube) {
  const rows = await prisma.$queryRaw<Row[]>(
    Prisma.sql`SELECT ${ROW_COLUMNS} FROM "SurveyResponse" WHERE "id" IN (SELECT "responseId" FROM "ResponseReview" WHERE "roundId" = ${cube.roundId}) AND "chainSeq" <= ${cube.seq}`,
  );
  for (const row of rows) {
    const old = cube.records.get(row.id);
    const oldStored = old ? { status: old.stored, reason: old.reason, flagCodes: old.flagCodes } : { status: "valid", reason: null, flagCodes: flagCodesOf(row.flags) };
    const d = decode(cube, row);
    if (!d) continue;
    const newStored = { status: d.stored, reason: d.reason, flagCodes: d.flagCodes };
    const a = effOf(oldStored, cube.rulesKey);
    const b = effOf(newStored, cube.rulesKey);
    if (a.status !== b.status || a.reason !== b.reason) {
      apply(cube, d, a, -1);
      apply(cube, d, b, 1);
    }
    if (d.stored === "valid") cube.records.delete(row.id);
    else cube.records.set(row.id, { stored: d.stored, reason: d.reason, flagCodes: d.flagCodes, q: d.q, slots: d.slots, cellKey: d.cellKey, dayKey: d.dayKey });
  }
}

/** Re-applies the round's automatic rules to the kept flagged records after a rule change. */
function applyRules(cube: RoundCube, rules: AutoExcludeRules) {
  const key = rulesKeyOf(rules);
  if (key === cube.rulesKey) return;
  for (const rec of cube.records.values()) {
    if (rec.stored !== "flagged") continue;
    const stored = { status: rec.stored, reason: rec.reason, flagCodes: rec.flagCodes };
    const a = effOf(stored, cube.rulesKey);
    const b = effOf(stored, key);
    if (a.status !== b.status || a.reason !== b.reason) {
      apply(cube, rec, a, -1);
      apply(cube, rec, b, 1);
    }
  }
  cube.rulesKey = key;
}

let pending: Promise<unknown> = Promise.resolve();

/**
 * The current cubes of the given rounds (built on first use, then brought up to date). Calls are serialised
 * in-process so two requests never update the same cube at once. The returned cubes stay owned by the cache:
 * read them synchronously, before the next await.
 */
export function currentCubes(rounds: readonly CubeRoundInput[]): Promise<Map<string, RoundCube>> {
  const run = pending.then(() => refresh(rounds));
  pending = run.catch(() => undefined);
  return run;
}

async function refresh(rounds: readonly CubeRoundInput[]): Promise<Map<string, RoundCube>> {
  const ids = rounds.map((r) => r.id);
  const heads = new Map((await prisma.surveyRound.findMany({ where: { id: { in: ids } }, select: { id: true, chainLength: true } })).map((r) => [r.id, r.chainLength]));
  const versions = await reviewVersions(ids);
  const out = new Map<string, RoundCube>();
  for (const r of rounds) {
    const length = heads.get(r.id) ?? 0;
    const version = versions.get(r.id) ?? "";
    let cube = state.rounds.get(r.id);
    if (!cube || length < cube.seq) {
      // Not built yet, or the chain is shorter than what was read (the database was restored): read the round.
      cube = await build(r, length, version);
      state.rounds.set(r.id, cube);
    } else if (length > cube.seq) {
      // Responses committed since the last read: exactly the chain positions after cube.seq.
      for (const row of await rowsOf(r.id, cube.seq, length)) ingest(cube, row);
      cube.seq = length;
    }
    if (version !== cube.reviewVersion) {
      await reconcileReviews(cube);
      cube.reviewVersion = version;
    }
    applyRules(cube, r.rules);
    out.set(r.id, cube);
  }
  return out;
}

/** Totals per respondent group of a cube, memoised until the cube changes (the city view reads every round). */
export function cubeStatsByGroup(cube: RoundCube): StatsByGroup {
  if (cube.byGroupMemo?.generation !== cube.generation) cube.byGroupMemo = { generation: cube.generation, value: statsByGroup(cube.layout, [...cube.cells.values()]) };
  return cube.byGroupMemo.value;
}

/** Drops a round from the cache (its responses were deleted with it). */
export function forgetRound(roundId: string) {
  state.rounds.delete(roundId);
}

/** Coverage counts per school × group of a cube (areas added up). */
export function coverageCounts(cube: RoundCube) {
  const out = new Map<string, { schoolId: string | null; group: RespondentGroup; received: number; valid: number; pending: number; excluded: number }>();
  for (const c of cube.cells.values()) {
    const key = `${c.school ?? ""}${SEP}${c.group}`;
    const row = out.get(key) ?? { schoolId: c.school, group: c.group, received: 0, valid: 0, pending: 0, excluded: 0 };
    const v = c.stats.v;
    row.received += v[0]!;
    row.valid += v[1]!;
    row.pending += v[2]!;
    row.excluded += v[0]! - v[1]!;
    out.set(key, row);
  }
  return [...out.values()].filter((r) => r.received > 0);
}

/** Per-day counts of a cube: [{ schoolId, group, day, received, valid }]. */
export function dayCounts(cube: RoundCube) {
  return [...cube.days.entries()]
    .filter(([, [received]]) => received > 0)
    .map(([key, [received, valid]]) => {
      const [school, group, day] = key.split(SEP) as [string, RespondentGroup, string];
      return { schoolId: school === "" ? null : school, group, day, received, valid };
    });
}

/** Flagged records of a cube still waiting for review, and those excluded by an automatic rule. */
export function reviewCounts(cube: RoundCube): { pending: number; autoExcluded: number; excluded: number } {
  let pendingN = 0;
  let auto = 0;
  let excluded = 0;
  for (const rec of cube.records.values()) {
    if (rec.stored === "excluded") excluded++;
    else if (effOf({ status: rec.stored, reason: rec.reason, flagCodes: rec.flagCodes }, cube.rulesKey).status === "excluded") auto++;
    else pendingN++;
  }
  return { pending: pendingN, autoExcluded: auto, excluded };
}

