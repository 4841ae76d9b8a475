// Data for `npm run bench:aggregate` (run with tsx, DATABASE_URL set to the benchmark's own, freshly migrated and
// seeded database): the demo city's 9 旗县区 grown to ~600 schools, two survey rounds per county (an earlier closed
// round and the current open one), plan cells per school × group, links, and --responses responses (default
// 1 000 000) with REAL questionnaire answers (sampleAnswers(questionnaireValidator(id), seededRandom(seed))),
// ~3% flagged and ~1% excluded, spread over each round's 14-day window. Rows are written with better-sqlite3 in
// large transactions, the way the group-commit writer stores them (same columns and formats); each link's
// responseCount is set to its row count, as the writer keeps it.
//
//   tsx scripts/bench-aggregate-data.ts [--responses 1000000] [--schools 600] [--seed 11]
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { questionnaireValidator } from "#app/domain/survey/registry";
import { sampleAnswers, seededRandom } from "#app/domain/survey/sample-answers";
import { sqlitePath, resolveDatabaseUrl } from "./database-url.mjs";

const { values } = parseArgs({
  options: {
    responses: { type: "string", default: "1000000" },
    schools: { type: "string", default: "600" },
    seed: { type: "string", default: "11" },
  },
});
const TOTAL = Number(values.responses);
const TARGET_SCHOOLS = Number(values.schools);
const random = seededRandom(Number(values.seed));
const db = new Database(sqlitePath(resolveDatabaseUrl()));
db.pragma("journal_mode = WAL");
db.pragma("synchronous = OFF");

const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
const id = () => crypto.randomUUID();
const DAY = 86_400_000;

const counties = db.prepare(`SELECT id, code, name, residentPopulation FROM County ORDER BY code`).all() as { id: string; code: string; name: string; residentPopulation: number }[];
const existing = db.prepare(`SELECT count(*) AS n FROM School`).get() as { n: number };

// ── schools: grow each county to its share of TARGET_SCHOOLS, by population ─────────────────────────────────
const population = counties.reduce((s, c) => s + c.residentPopulation, 0);
const insertSchool = db.prepare(
  `INSERT INTO School (id, countyId, code, name, kind, urbanRural, boarding, ownership, enrolment, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, 0, 'public', ?, ?, ?)`,
);
const kinds = ["primary", "primary", "primary", "junior", "nine_year", "teaching_point"];
const areas = ["urban", "town", "rural"];
const now = new Date();
db.transaction(() => {
  let added = 0;
  for (const c of counties) {
    const have = (db.prepare(`SELECT count(*) AS n FROM School WHERE countyId = ?`).get(c.id) as { n: number }).n;
    const want = Math.max(have, Math.round(((TARGET_SCHOOLS - 0) * c.residentPopulation) / population));
    for (let i = have; i < want; i++) {
      const kind = kinds[Math.floor(random() * kinds.length)]!;
      insertSchool.run(id(), c.id, `2${c.code}${String(500 + i).padStart(3, "0")}`, `${c.name}基准测试第${i + 1}学校`, kind, areas[Math.floor(random() * 3)]!, kind === "teaching_point" ? 60 : 300 + Math.floor(random() * 2000), iso(now), iso(now));
      added++;
    }
  }
  return added;
})();
const schoolCount = (db.prepare(`SELECT count(*) AS n FROM School`).get() as { n: number }).n;

// ── rounds, quotas, links ────────────────────────────────────────────────────────────────────────────────
const insertRound = db.prepare(
  `INSERT INTO SurveyRound (id, countyId, name, state, opensAt, closesAt, questionnaires, samplingRule, onePerDevice, deviceSalt, suppressionThreshold, openedAt, closedAt, createdAt, updatedAt)
   VALUES (?, ?, ?, ?, ?, ?, '["social.v1","staff.v1","student.v1"]', '{"ratePerMille":1.5,"minimumTotal":600,"parentShare":0.5}', 1, ?, 5, ?, ?, ?, ?)`,
);
const insertQuota = db.prepare(`INSERT INTO SurveyQuota (id, roundId, schoolId, scopeKey, "group", planned, edited) VALUES (?, ?, ?, ?, ?, ?, 0)`);
const insertLink = db.prepare(`INSERT INTO SurveyLink (id, token, roundId, schoolId, family, questionnaire, responseCount, createdAt) VALUES (?, ?, ?, ?, ?, ?, 0, ?)`);

interface Cell {
  roundId: string;
  linkId: string;
  schoolId: string | null;
  family: string;
  questionnaire: string;
  groups: string[];
  weight: number;
}
const cells: Cell[] = [];
const roundsOut: { id: string; county: string; state: string; opensAt: Date }[] = [];
const schoolsOf = db.prepare(`SELECT id, kind FROM School WHERE countyId = ? ORDER BY code`);
db.transaction(() => {
  for (const c of counties) {
    const schools = schoolsOf.all(c.id) as { id: string; kind: string }[];
    const rounds = [
      { name: "2025年社会认可度模拟调查", state: "closed", opensAt: new Date(now.getTime() - 200 * DAY), share: 1 / 3 },
      { name: "2026年社会认可度自评调查", state: "open", opensAt: new Date(now.getTime() - 10 * DAY), share: 2 / 3 },
    ];
    for (const r of rounds) {
      const roundId = id();
      const closesAt = new Date(r.opensAt.getTime() + 14 * DAY);
      insertRound.run(roundId, c.id, r.name, r.state, iso(r.opensAt), iso(closesAt), crypto.randomBytes(16).toString("hex"), iso(r.opensAt), r.state === "closed" ? iso(closesAt) : null, iso(new Date(r.opensAt.getTime() - DAY)), iso(r.opensAt));
      roundsOut.push({ id: roundId, county: c.code, state: r.state, opensAt: r.opensAt });
      const weightOfCounty = (c.residentPopulation / population) * r.share;
      for (const s of schools) {
        const families = s.kind === "teaching_point" ? ["social", "staff"] : ["social", "staff", "student"];
        for (const family of families) {
          const linkId = id();
          insertLink.run(linkId, `B${crypto.randomBytes(9).toString("hex")}`, roundId, s.id, family, `${family}.v1`, iso(r.opensAt));
          const groups = family === "social" ? ["parent"] : family === "staff" ? ["teacher", "teacher", "teacher", "teacher", "teacher", "teacher", "teacher", "teacher", "teacher", "principal"] : ["student"];
          const share = family === "social" ? 0.5 : family === "staff" ? 0.2 : 0.25;
          cells.push({ roundId, linkId, schoolId: s.id, family, questionnaire: `${family}.v1`, groups, weight: (weightOfCounty * share) / schools.length });
        }
        for (const [group, planned] of [["parent", 40], ["teacher", 15], ["principal", 1], ["student", 20]] as const) {
          if (group === "student" && s.kind === "teaching_point") continue;
          insertQuota.run(id(), roundId, s.id, s.id, group, planned);
        }
      }
      const countyLink = id();
      insertLink.run(countyLink, `B${crypto.randomBytes(9).toString("hex")}`, roundId, null, "social", "social.v1", iso(r.opensAt));
      cells.push({ roundId, linkId: countyLink, schoolId: null, family: "social", questionnaire: "social.v1", groups: ["deputy", "cppcc", "public", "public"], weight: weightOfCounty * 0.05 });
      for (const g of ["deputy", "cppcc", "public"]) insertQuota.run(id(), roundId, null, "county", g, 30);
    }
  }
})();

// ── responses ───────────────────────────────────────────────────────────────────────────────────────────
const insert = db.prepare(
  `INSERT INTO SurveyResponse (id, roundId, linkId, schoolId, family, questionnaire, "group", area, gradeBand, answers, durationMs, fingerprint, flags, status, exclusionReason, idempotencyKey, receivedAt, chainSeq, chainHash)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')`,
);
// Chain positions in insertion order (the dashboards read by position); the hashes are not computed for bench data.
const seqOf = new Map<string, number>();
const totalWeight = cells.reduce((s, c) => s + c.weight, 0);
const opensOf = new Map(roundsOut.map((r) => [r.id, r.opensAt]));
const flagsPool = [
  JSON.stringify([{ code: "tooFast", reason: "答题用时 12 秒，低于最短合理用时 20 秒" }]),
  JSON.stringify([{ code: "straightLining", reason: "全部 10 道评价题选择了同一选项" }]),
  JSON.stringify([{ code: "burst", reason: "10 分钟内同一链接有 3 份相同答卷" }]),
];
const countyMood = new Map(counties.map((c, i) => [c.code, 0.8 + (i % 5) * 0.03]));
const roundCounty = new Map(roundsOut.map((r) => [r.id, r.county]));
let written = 0;
const started = Date.now();
const BATCH = 20_000;
let carry = 0;
const plan = cells.map((c) => {
  const exact = (TOTAL * c.weight) / totalWeight + carry;
  const n = Math.floor(exact);
  carry = exact - n;
  return n;
});
plan[plan.length - 1]! += TOTAL - plan.reduce((a, b) => a + b, 0);
const validators = new Map(["social.v1", "staff.v1", "student.v1"].map((q) => [q, questionnaireValidator(q)!]));
let cellIndex = 0;
let leftInCell = plan[0]!;
while (written < TOTAL) {
  db.transaction(() => {
    for (let b = 0; b < BATCH && written < TOTAL; b++) {
      while (leftInCell === 0) leftInCell = plan[++cellIndex]!;
      const cell = cells[cellIndex]!;
      leftInCell--;
      const validator = validators.get(cell.questionnaire)!;
      const group = cell.groups[Math.floor(random() * cell.groups.length)]!;
      const answers = sampleAnswers(validator, random, {
        positiveShare: countyMood.get(roundCounty.get(cell.roundId)!)!,
        ...(validator.meta.groupQuestion ? { fixed: { [validator.meta.groupQuestion]: group } } : {}),
      });
      const r = random();
      const status = r < 0.03 ? "flagged" : r < 0.04 ? "excluded" : "valid";
      const receivedAt = new Date(opensOf.get(cell.roundId)!.getTime() + Math.floor(random() * 10 * DAY));
      insert.run(
        id(),
        cell.roundId,
        cell.linkId,
        cell.schoolId,
        cell.family,
        cell.questionnaire,
        group,
        String(answers[validator.meta.areaQuestion]),
        null,
        JSON.stringify(answers),
        60_000 + Math.floor(random() * 300_000),
        "bench",
        status === "valid" ? null : flagsPool[Math.floor(random() * flagsPool.length)]!,
        status,
        status === "excluded" ? "复核剔除：疑似重复作答" : null,
        crypto.randomBytes(12).toString("base64url"),
        iso(receivedAt),
        (seqOf.set(cell.roundId, (seqOf.get(cell.roundId) ?? 0) + 1), seqOf.get(cell.roundId)!),
      );
      written++;
    }
  })();
}
db.exec(`UPDATE SurveyLink SET responseCount = (SELECT count(*) FROM SurveyResponse r WHERE r.linkId = SurveyLink.id)`);
db.exec(`UPDATE SurveyRound SET chainLength = (SELECT coalesce(max(chainSeq), 0) FROM SurveyResponse r WHERE r.roundId = SurveyRound.id)`);
db.pragma("synchronous = FULL");
db.close();
console.log(
  `bench data: ${counties.length} 旗县区, ${schoolCount} 学校 (${existing.n} demo), ${roundsOut.length} 轮次, ${cells.length} 链接, ${written} 份答卷 in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
console.log(JSON.stringify({ rounds: roundsOut.map((r) => ({ id: r.id, county: r.county, state: r.state })) }));
