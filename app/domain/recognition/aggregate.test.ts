import { describe, expect, it } from "vitest";
import { creditAnswers } from "../survey/questionnaire";
import { questionnaireValidator } from "../survey/registry";
import { sampleAnswers, seededRandom } from "../survey/sample-answers";
import {
  addResponse,
  areaRowsFromCells,
  dimensionRowsFromCells,
  emptyStats,
  encodeAnswers,
  groupRowsFromCells,
  itemRowsFromCells,
  mergeStats,
  overallFromCells,
  questionnaireIndex,
  recognitionFromStats,
  schoolRowsFromCells,
  statsByGroup,
  type CubeCell,
  type StatsStatus,
} from "./aggregate";
import { breakdownByArea, breakdownByDimension, breakdownByGroup, breakdownByItem, breakdownBySchool } from "./breakdowns";
import { layoutForQuestionnaires } from "./dashboard";
import { computeRecognition, DEFAULT_METHOD, RecognitionMethodSchema, resolveGroupWeights, type RecognitionMethod, type RecognitionOptions } from "./methods";
import type { Area, RecognitionResponse, RespondentGroup } from "./types";

const IDS = ["social.v1", "staff.v1", "student.v1"];
const layout = layoutForQuestionnaires(IDS);

interface Generated {
  responses: RecognitionResponse[];
  cells: CubeCell[];
}

/** Random responses of the three questionnaires, as RecognitionResponse rows and as cube cells. */
function generate(seed: number, count: number, opts: { statuses?: StatsStatus[]; positiveShare?: number } = {}): Generated {
  const random = seededRandom(seed);
  const responses: RecognitionResponse[] = [];
  const cellMap = new Map<string, CubeCell>();
  const schools = ["s1", "s2", "s3", null];
  const areas: Array<Area | null> = ["urban", "town", "rural", null];
  const statuses = opts.statuses ?? ["valid", "valid", "valid", "valid", "flagged", "excluded"];
  for (let i = 0; i < count; i++) {
    const qid = IDS[Math.floor(random() * IDS.length)]!;
    const v = questionnaireValidator(qid)!;
    const groups = Object.keys(v.meta.groups) as RespondentGroup[];
    const group = groups[Math.floor(random() * groups.length)]!;
    const answers: Record<string, string | number> = sampleAnswers(v, random, {
      positiveShare: opts.positiveShare ?? 0.3 + random() * 0.6,
      dontKnowShare: 0.1,
      ...(v.meta.groupQuestion ? { fixed: { [v.meta.groupQuestion]: group } } : {}),
    });
    // Some blanks (a key absent from stored answers) to exercise the blank slot.
    for (const item of v.scoredItemNames) if (random() < 0.05) delete answers[item];
    const status = statuses[Math.floor(random() * statuses.length)]!;
    const reason = status === "excluded" ? ["重复作答", "", "答题过快"][Math.floor(random() * 3)]! : null;
    const school = schools[Math.floor(random() * schools.length)]!;
    const area = areas[Math.floor(random() * areas.length)]!;
    const credited = creditAnswers(v.meta, answers);
    const prefix = (rec: Record<string, unknown>) => Object.fromEntries(Object.entries(rec).map(([k, x]) => [`${qid}:${k}`, x]));
    responses.push({
      id: `r${i}`,
      group,
      schoolId: school,
      area,
      status,
      exclusionReason: reason,
      answers: prefix(credited.answers) as RecognitionResponse["answers"],
      scores: prefix(credited.scores) as Record<string, number | null>,
    });
    const key = `${school}|${group}|${area}`;
    let cell = cellMap.get(key);
    if (!cell) cellMap.set(key, (cell = { school, group, area, stats: emptyStats(layout) }));
    const q = questionnaireIndex(layout, qid);
    addResponse(cell.stats, layout, q, encodeAnswers(layout, q, answers), status, reason);
  }
  return { responses, cells: [...cellMap.values()] };
}

const M = (m: unknown) => RecognitionMethodSchema.parse(m);
const METHODS: Array<[string, RecognitionMethod]> = [
  ["item-pooled (default)", DEFAULT_METHOD],
  ["per-respondent overall", M({ kind: "perRespondent", version: 1, passBar: 0.85, rule: { variant: "overall" } })],
  ["per-respondent k=1", M({ kind: "perRespondent", version: 1, passBar: 0.6, rule: { variant: "kOfItems", k: 1 } })],
  ["per-respondent k=7", M({ kind: "perRespondent", version: 1, passBar: 0.6, rule: { variant: "kOfItems", k: 7 } })],
  ["per-respondent k=11 (unreachable)", M({ kind: "perRespondent", version: 1, passBar: 0.6, rule: { variant: "kOfItems", k: 11 } })],
  ["group-weighted, plan weights, item-pooled base", M({ kind: "groupWeighted", version: 1, passBar: 0.8, base: { kind: "itemPooled" } })],
  [
    "group-weighted, explicit weights, overall base",
    M({ kind: "groupWeighted", version: 1, passBar: 0.8, base: { kind: "perRespondent", rule: { variant: "overall" } }, weights: { parent: 0.5, teacher: 0.2, student: 0.2, deputy: 0.1 } }),
  ],
  ["group-weighted, k-of-items base", M({ kind: "groupWeighted", version: 1, passBar: 0.8, base: { kind: "perRespondent", rule: { variant: "kOfItems", k: 5 } } })],
  ["score-based", M({ kind: "scoreBased", version: 1, passBar: 0.8, maxScore: 5 })],
];
const PLAN: RecognitionOptions = {
  plan: { total: 400, byGroup: { parent: 150, teacher: 50, principal: 10, student: 80, deputy: 20, cppcc: 20, public: 20 } },
  minRespondents: 30,
};

/** Deep equality with numbers compared to 12 significant digits (score-based moments differ in the last ulp). */
function expectSame(actual: unknown, expected: unknown, path = "result"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    if (expected === 0 || !Number.isFinite(expected)) expect(actual, path).toBe(expected);
    else expect(Math.abs(actual - expected) / Math.abs(expected), path).toBeLessThan(1e-12);
    return;
  }
  if (expected === null || typeof expected !== "object") {
    expect(actual, path).toEqual(expected);
    return;
  }
  expect(actual !== null && typeof actual === "object", path).toBe(true);
  const keysE = Object.keys(expected as object).sort();
  const keysA = Object.keys(actual as object).sort();
  expect(keysA, path).toEqual(keysE);
  for (const k of keysE) expectSame((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`);
}

function stripRows<T extends { result: unknown }>(rows: T[]) {
  return rows.map((r) => ({ ...r, result: r.result }));
}

describe("recognition from kept counts = computeRecognition on the rows", () => {
  const datasets: Array<[string, Generated]> = [
    ["600 mixed responses", generate(1, 600)],
    ["40 responses, mostly negative", generate(2, 40, { positiveShare: 0.2 })],
    ["7 responses", generate(3, 7)],
    ["only excluded", generate(4, 12, { statuses: ["excluded"] })],
    ["empty", { responses: [], cells: [] }],
  ];
  for (const [dataName, data] of datasets) {
    for (const [methodName, method] of METHODS) {
      for (const [optName, options] of [["no plan", {}], ["with plan", PLAN]] as const) {
        if (method.kind === "groupWeighted" && !("weights" in method && method.weights) && optName === "no plan") {
          it(`${dataName} · ${methodName} · ${optName}: both refuse without weights`, () => {
            expect(() => computeRecognition(data.responses, layout.recognitionItems, method, options)).toThrow(/权重/);
            expect(() => overallFromCells(layout, data.cells, method, options)).toThrow(/权重/);
          });
          continue;
        }
        it(`${dataName} · ${methodName} · ${optName}`, () => {
          const expected = computeRecognition(data.responses, layout.recognitionItems, method, options);
          expectSame(overallFromCells(layout, data.cells, method, options), expected);
          const labels = { s1: "第一小学", s2: "第二中学", s3: "阿拉坦学校" };
          expectSame(stripRows(groupRowsFromCells(layout, data.cells, method, options)), stripRows(breakdownByGroup(data.responses, layout.recognitionItems, method, options)));
          expectSame(
            stripRows(schoolRowsFromCells(layout, data.cells, method, { ...options, schoolLabels: labels })),
            stripRows(breakdownBySchool(data.responses, layout.recognitionItems, method, { ...options, schoolLabels: labels })),
          );
          expectSame(stripRows(areaRowsFromCells(layout, data.cells, method, options)), stripRows(breakdownByArea(data.responses, layout.recognitionItems, method, options)));
          // breakdowns.ts cannot weight dimension/item cells by the plan (it drops the plan there); ours resolves the
          // weights from the plan first, so compare with the domain given the same resolved weights.
          const itemMethod =
            method.kind === "groupWeighted" && !method.weights ? { ...method, weights: resolveGroupWeights(undefined, options.plan) } : method;
          const dims = dimensionRowsFromCells(layout, data.cells, method, options);
          const domainDims = breakdownByDimension(data.responses, layout.recognitionItems, itemMethod, options);
          expect(dims.map((d) => d.label)).toEqual(domainDims.map((d) => d.key));
          dims.forEach((d, i) => expectSame(d.result, domainDims[i]!.result, `dimension ${d.key}`));
          const items = itemRowsFromCells(layout, data.cells, method, options);
          const domainItems = breakdownByItem(data.responses, layout.recognitionItems, itemMethod, options);
          expect(items.map((i) => i.key)).toEqual(domainItems.map((i) => i.key));
          items.forEach((row, i) => {
            expectSame(row.result, domainItems[i]!.result, `item ${row.key}`);
            expect(row.distribution).toEqual(domainItems[i]!.distribution);
            expect(row.slots.reduce((a, b) => a + b, 0)).toBe(Object.values(row.distribution).reduce((a, b) => a + b, 0));
          });
        });
      }
    }
  }

  it("refuses a score outside 1..max like computeRecognition", () => {
    const data = generate(5, 50);
    const method = M({ kind: "scoreBased", version: 1, passBar: 0.8, maxScore: 4 });
    expect(() => computeRecognition(data.responses, layout.recognitionItems, method)).toThrow(/超出 1–4 分/);
    expect(() => overallFromCells(layout, data.cells, method)).toThrow(/超出 1–4 分/);
  });

  it("refuses a missing group under missingGroup=error like computeRecognition", () => {
    const data = generate(6, 30, { statuses: ["valid"] });
    const method = M({ kind: "groupWeighted", version: 1, passBar: 0.8, base: { kind: "itemPooled" }, missingGroup: "error", weights: { parent: 0.5, cppcc: 0.5 } });
    const onlyParents = { responses: data.responses.filter((r) => r.group === "parent"), cells: data.cells.filter((c) => c.group === "parent") };
    expect(() => computeRecognition(onlyParents.responses, layout.recognitionItems, method)).toThrow(/政协委员/);
    expect(() => overallFromCells(layout, onlyParents.cells, method)).toThrow(/政协委员/);
  });
});

describe("cell statistics", () => {
  it("removing a response restores the previous counts exactly (reviews move responses)", () => {
    const data = generate(7, 80);
    const v = questionnaireValidator("social.v1")!;
    const q = questionnaireIndex(layout, "social.v1");
    const answers = sampleAnswers(v, seededRandom(9));
    const slots = encodeAnswers(layout, q, answers);
    const cell = data.cells[0]!;
    const before = Float64Array.from(cell.stats.v);
    const reasonsBefore = { ...cell.stats.excluded };
    addResponse(cell.stats, layout, q, slots, "flagged", null);
    addResponse(cell.stats, layout, q, slots, "excluded", "人工剔除");
    addResponse(cell.stats, layout, q, slots, "flagged", null, -1);
    addResponse(cell.stats, layout, q, slots, "excluded", "人工剔除", -1);
    expect(Array.from(cell.stats.v)).toEqual(Array.from(before));
    expect(cell.stats.excluded).toEqual(reasonsBefore);
  });

  it("merging cells equals adding their responses into one", () => {
    const data = generate(8, 200);
    const merged = data.cells.reduce((acc, c) => mergeStats(acc, c.stats), emptyStats(layout));
    const byGroup = statsByGroup(layout, data.cells);
    const r1 = recognitionFromStats({ parent: merged }, layout, { kind: "all" }, DEFAULT_METHOD);
    const r2 = recognitionFromStats(byGroup, layout, { kind: "all" }, DEFAULT_METHOD);
    expect(r1.rate).toBe(r2.rate);
    expect(r1.received).toBe(200);
    expect(r1.received).toBe(r1.valid + Object.values(r1.excludedByReason).reduce((a, b) => a + b, 0));
  });

  it("encodes each scale option to its slot and a missing or unknown answer as blank", () => {
    const q = questionnaireIndex(layout, "staff.v1");
    const slots = encodeAnswers(layout, q, { q1: 5, q2: 4, q3: 3, q4: 2, q5: 1, q6: "dk", q7: 9 });
    expect(Array.from(slots)).toEqual([0, 1, 2, 3, 4, 5, 6, 6, 6, 6]);
  });
});
