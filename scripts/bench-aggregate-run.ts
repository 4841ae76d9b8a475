// Timing part of `npm run bench:aggregate` (run with tsx by scripts/bench-aggregate.mjs, DATABASE_URL and
// SESSION_SECRET set to the benchmark database made by scripts/bench-aggregate-data.ts). Calls the REAL route
// loaders with real Requests and a signed-in city admin (session lookup, scope check, zod, model, domain, suppression,
// exactly what a page load runs), in this process, against the same database:
//   city    — /admin/recognition (every county: latest round, score under its method, trend, on-track rule)
//   county  — /admin/counties/<code>/rounds/<id>/dashboard of the largest county's open round (coverage board,
//             score card, breakdowns by group/school/area/dimension/item, drill-down, comparison with its earlier round)
//   baseline — one plain SQL GROUP BY over all responses: SELECT roundId, status, COUNT(*) … GROUP BY roundId, status
//             (Prisma $queryRawUnsafe, the covering (roundId, status) index — the cheapest full pass there is).
// First the cold calls (empty aggregate cache: the build), then --reps repetitions of each (median), then the cost of
// catching up after 1 000 new submissions and after a review decision.
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { questionnaireValidator } from "#app/domain/survey/registry";
import { sampleAnswers, seededRandom } from "#app/domain/survey/sample-answers";
import { resetRecognitionCache } from "#app/models/recognition-cache.server";
import { prisma } from "#app/utils/db.server";
import { loader as cityLoader } from "#app/routes/admin.recognition";
import { action as reviewAction } from "#app/routes/admin.counties.$code.rounds.$roundId.review";
import { loader as countyLoader } from "#app/routes/admin.counties.$code.rounds.$roundId.dashboard";
import { cookieFor } from "#test/route-helpers";
import { sqlitePath, resolveDatabaseUrl } from "./database-url.mjs";

const { values } = parseArgs({ options: { reps: { type: "string", default: "7" } } });
const REPS = Math.max(3, Number(values.reps));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

const cookie = await cookieFor("city-admin", "Demo-2026-city", "bench");
const county = await prisma.county.findUniqueOrThrow({ where: { code: "150105" }, select: { id: true, code: true, name: true } });
const round = await prisma.surveyRound.findFirstOrThrow({ where: { countyId: county.id, state: "open" }, select: { id: true } });
const responses = await prisma.surveyResponse.count();
const roundCount = await prisma.surveyRound.count({ where: { state: { not: "draft" } } });

const city = async () => {
  const r = (await cityLoader({ request: new Request("http://bench/admin/recognition", { headers: { Cookie: cookie } }), params: {}, context: {} } as never)) as { rows: unknown[] };
  if (r.rows.length !== 9) throw new Error(`city loader returned ${r.rows.length} counties`);
  return r;
};
const countyDashboard = async () => {
  const r = (await countyLoader({
    request: new Request(`http://bench/admin/counties/${county.code}/rounds/${round.id}/dashboard`, { headers: { Cookie: cookie } }),
    params: { code: county.code, roundId: round.id },
    context: {},
  } as never)) as { dashboard: { coverage: { totals: { received: number } }; summary: { rate: number } | null } };
  if (!r.dashboard.summary) throw new Error("county dashboard without a score");
  return r;
};
const baseline = () => prisma.$queryRawUnsafe<unknown[]>(`SELECT roundId, status, COUNT(*) AS n FROM SurveyResponse GROUP BY roundId, status`);

// ── cold ──
resetRecognitionCache();
const [cityCold] = await time(city);
const rssAfterCity = process.memoryUsage().rss;
resetRecognitionCache();
const [countyCold] = await time(countyDashboard);
await city(); // every round cached again

// ── warm: interleaved repetitions ──
const cityMs: number[] = [];
const countyMs: number[] = [];
const baseMs: number[] = [];
for (let i = 0; i < REPS; i++) {
  baseMs.push((await time(baseline))[0]);
  cityMs.push((await time(city))[0]);
  countyMs.push((await time(countyDashboard))[0]);
}

// ── incremental: 1 000 new submissions written the way the submit writer does (rows + link counter) ──
const before = (await countyDashboard()).dashboard.coverage.totals.received;
const db = new Database(sqlitePath(resolveDatabaseUrl()));
db.pragma("busy_timeout = 5000");
const links = db.prepare(`SELECT id, schoolId FROM SurveyLink WHERE roundId = ? AND family = 'social' AND schoolId IS NOT NULL LIMIT 20`).all(round.id) as { id: string; schoolId: string }[];
const v = questionnaireValidator("social.v1")!;
const random = seededRandom(99);
const insert = db.prepare(
  `INSERT INTO SurveyResponse (id, roundId, linkId, schoolId, family, questionnaire, "group", area, answers, fingerprint, status, idempotencyKey, receivedAt, chainSeq, chainHash) VALUES (?, ?, ?, ?, 'social', 'social.v1', 'parent', 'urban', ?, 'bench', 'valid', ?, ?, ?, '')`,
);
const bump = db.prepare(`UPDATE SurveyLink SET responseCount = responseCount + 1 WHERE id = ?`);
db.transaction(() => {
  // Appended at the next chain positions, as the writer does (hashes are not computed for bench data).
  const start = (db.prepare(`SELECT chainLength FROM SurveyRound WHERE id = ?`).pluck().get(round.id) as number) + 1;
  for (let i = 0; i < 1000; i++) {
    const link = links[i % links.length]!;
    insert.run(crypto.randomUUID(), round.id, link.id, link.schoolId, JSON.stringify(sampleAnswers(v, random, { fixed: { identity: "parent" } })), crypto.randomBytes(12).toString("base64url"), new Date().toISOString().replace("Z", "+00:00"), start + i);
    bump.run(link.id);
  }
  db.prepare(`UPDATE SurveyRound SET chainLength = ? WHERE id = ?`).run(start + 999, round.id);
})();
db.close();
const [countyAfterNew, after] = await time(countyDashboard);
if (after.dashboard.coverage.totals.received !== before + 1000) throw new Error(`expected ${before + 1000} received, got ${after.dashboard.coverage.totals.received}`);
const [cityAfterNew] = await time(city);

// ── a review decision (one transaction) and the next load ──
const flagged = await prisma.surveyResponse.findFirstOrThrow({ where: { roundId: round.id, status: "flagged" }, select: { id: true } });
const form = new URLSearchParams({ responseId: flagged.id, decision: "exclude", reason: "基准测试：复核剔除" });
const [reviewMs] = await time(() =>
  reviewAction({
    request: new Request(`http://bench/admin/counties/${county.code}/rounds/${round.id}/review`, { method: "POST", body: form, headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" } }),
    params: { code: county.code, roundId: round.id },
    context: {},
  } as never),
);
const [countyAfterReview] = await time(countyDashboard);

const cityMed = median(cityMs);
const countyMed = median(countyMs);
const baseMed = median(baseMs);
const fmt = (x: number) => x.toFixed(1);
console.log(`responses=${responses} rounds=${roundCount} reps=${REPS}`);
console.log(`cold (empty cache, first load after a restart): city_cold_ms=${fmt(cityCold)} county_cold_ms=${fmt(countyCold)} rss_mb=${Math.round(rssAfterCity / 1048576)}`);
console.log(`warm samples: city=[${cityMs.map(fmt).join(", ")}] county=[${countyMs.map(fmt).join(", ")}] baseline=[${baseMs.map(fmt).join(", ")}]`);
console.log(`incremental: county_after_1000_new_ms=${fmt(countyAfterNew)} city_after_1000_new_ms=${fmt(cityAfterNew)} review_action_ms=${fmt(reviewMs)} county_after_review_ms=${fmt(countyAfterReview)}`);
console.log(`city_ms=${fmt(cityMed)} county_ms=${fmt(countyMed)} baseline_ms=${fmt(baseMed)} ratio=${(Math.max(cityMed, countyMed) / baseMed).toFixed(2)}`);
await prisma.$disconnect();
