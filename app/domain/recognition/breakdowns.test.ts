import { describe, expect, it } from "vitest";
import {
  adaptMethodForItemSubset,
  adaptMethodForSingleGroup,
  breakdownByArea,
  breakdownByDimension,
  breakdownByGroup,
  breakdownByItem,
  breakdownBySchool,
  NO_AREA_KEY,
  NO_SCHOOL_KEY,
} from "./breakdowns";
import { DEFAULT_METHOD, RecognitionMethodSchema, type RecognitionMethod } from "./methods";
import type { AnswerCredit, RecognitionItem, RecognitionResponse } from "./types";

const ITEMS: RecognitionItem[] = [
  { name: "q1", dimension: "政府履职", isOverall: false, label: "就近入学" },
  { name: "q2", dimension: "政府履职", isOverall: false },
  { name: "q3", dimension: "规范办学", isOverall: false },
  { name: "qAll", dimension: "总体评价", isOverall: true },
];

let seq = 0;
function resp(answers: Record<string, AnswerCredit | null>, extra: Partial<RecognitionResponse> = {}): RecognitionResponse {
  seq += 1;
  return { id: `b${seq}`, group: "parent", status: "valid", answers, ...extra };
}

const OVERALL = RecognitionMethodSchema.parse({
  kind: "perRespondent",
  version: 1,
  passBar: 0.85,
  rule: { variant: "overall" },
});
const WEIGHTED = RecognitionMethodSchema.parse({
  kind: "groupWeighted",
  version: 1,
  passBar: 0.85,
  base: { kind: "perRespondent", rule: { variant: "overall" } },
  weights: { parent: 0.5, teacher: 0.3, deputy: 0.2 },
  missingGroup: "error",
});
const SCORE = RecognitionMethodSchema.parse({ kind: "scoreBased", version: 1, passBar: 0.85, maxScore: 5 });

function sample(): RecognitionResponse[] {
  return [
    // school A (城区): 2 parents, 1 teacher
    resp({ q1: "positive", q2: "positive", q3: "negative", qAll: "positive" }, { schoolId: "A", area: "urban" }),
    resp({ q1: "negative", q2: "excluded", q3: "positive", qAll: "negative" }, { schoolId: "A", area: "urban" }),
    resp({ q1: "positive", q2: "positive", q3: "positive", qAll: "positive" }, { schoolId: "A", area: "urban", group: "teacher" }),
    // school B (乡村): 1 parent, one excluded
    resp({ q1: "positive", q2: null, q3: "positive", qAll: "positive" }, { schoolId: "B", area: "rural" }),
    resp({ q1: "negative", q2: "negative", q3: "negative", qAll: "negative" }, { schoolId: "B", area: "rural", status: "excluded", exclusionReason: "重复提交" }),
    // county-level QR: a deputy without school or area
    resp({ q1: "excluded", q2: "positive", qAll: "positive" }, { group: "deputy" }),
  ];
}

describe("method adaptation", () => {
  it.each<[string, RecognitionMethod, RecognitionMethod["kind"]]>([
    ["item-pooled stays", DEFAULT_METHOD, "itemPooled"],
    ["per-respondent → item-pooled on a subset", OVERALL, "itemPooled"],
    ["score stays", SCORE, "scoreBased"],
    ["weighted stays weighted", WEIGHTED, "groupWeighted"],
  ])("item subset: %s", (_name, method, kind) => {
    const adapted = adaptMethodForItemSubset(method);
    expect(adapted.kind).toBe(kind);
    expect(adapted.passBar).toBe(method.passBar);
    if (adapted.kind === "groupWeighted") expect(adapted.base.kind).toBe("itemPooled");
  });

  it("single group: weighted → its base method", () => {
    expect(adaptMethodForSingleGroup(WEIGHTED)).toEqual({
      kind: "perRespondent",
      rule: { variant: "overall" },
      version: 1,
      passBar: 0.85,
    });
    expect(adaptMethodForSingleGroup(DEFAULT_METHOD)).toBe(DEFAULT_METHOD);
  });
});

describe("breakdownByGroup", () => {
  it("one row per group present, in fixed order, by the chosen method", () => {
    const rows = breakdownByGroup(sample(), ITEMS, DEFAULT_METHOD);
    expect(rows.map((r) => [r.key, r.label])).toEqual([
      ["parent", "家长"],
      ["deputy", "人大代表"],
      ["teacher", "教师"],
    ]);
    const parent = rows[0].result;
    // parents counted: 3 (one excluded). positives 3 + 1 + 3 = 7 of 4 + 3 + 3 = 10 valid answers
    expect(parent.numerator).toBe(7);
    expect(parent.denominator).toBe(10);
    expect(parent.received).toBe(4);
    expect(parent.valid).toBe(3);
    expect(parent.excludedByReason).toEqual({ 重复提交: 1 });
  });

  it("lists planned groups with no responses and checks each group's target", () => {
    const rows = breakdownByGroup(sample(), ITEMS, DEFAULT_METHOD, { plan: { byGroup: { parent: 10, student: 5 } } });
    const student = rows.find((r) => r.key === "student")!;
    expect(student.result.rate).toBeNull();
    expect(student.result.warnings.map((w) => w.code)).toEqual(["NO_VALID_DATA", "SAMPLE_BELOW_PLAN"]);
    const parent = rows.find((r) => r.key === "parent")!;
    expect(parent.result.warnings.find((w) => w.code === "SAMPLE_BELOW_PLAN")!.message).toContain("10 份");
  });

  it("group-weighted method → base method per group (no error for the other groups)", () => {
    const rows = breakdownByGroup(sample(), ITEMS, WEIGHTED);
    expect(rows.map((r) => r.result.method.kind)).toEqual(["perRespondent", "perRespondent", "perRespondent"]);
    expect(rows[0].result.rate).toBeCloseTo(2 / 3, 12); // parents: overall positive 2 of 3
  });

  it("empty set → no rows", () => {
    expect(breakdownByGroup([], ITEMS, DEFAULT_METHOD)).toEqual([]);
  });
});

describe("breakdownBySchool", () => {
  it("sorts by Chinese name, county-level last, labels from the map", () => {
    const rows = breakdownBySchool(sample(), ITEMS, OVERALL, { schoolLabels: { A: "第一小学", B: "阿拉善路小学" } });
    expect(rows.map((r) => r.key)).toEqual(["B", "A", NO_SCHOOL_KEY]); // 阿 (a) before 第 (di)
    expect(rows.map((r) => r.label)).toEqual(["阿拉善路小学", "第一小学", "县级问卷（未关联学校）"]);
    const a = rows[1].result;
    expect(a.numerator).toBe(2);
    expect(a.denominator).toBe(3);
    const b = rows[0].result;
    expect(b.rate).toBe(1);
    expect(b.received).toBe(2);
    expect(b.valid).toBe(1);
  });

  it("group-weighted inside a school re-normalises over the groups present even when the round says 'error'", () => {
    const rows = breakdownBySchool(sample(), ITEMS, WEIGHTED);
    const a = rows.find((r) => r.key === "A")!.result;
    // school A: parents 1 of 2 overall-positive (w 0.5), teacher 1 of 1 (w 0.3), no deputy
    // → (0.5 · 0.5 + 0.3 · 1) / 0.8 = 0.6875
    expect(a.rate).toBeCloseTo(0.6875, 12);
    expect(a.warnings.filter((w) => w.code === "GROUP_MISSING").map((w) => w.group)).toEqual(["deputy"]);
  });

  it("does not carry the county sample plan into a school cell", () => {
    const rows = breakdownBySchool(sample(), ITEMS, DEFAULT_METHOD, { plan: { total: 600 } });
    for (const row of rows) expect(row.result.warnings.map((w) => w.code)).not.toContain("SAMPLE_BELOW_PLAN");
  });
});

describe("breakdownByArea", () => {
  it("fixed area order, unknown last, empty areas omitted", () => {
    const rows = breakdownByArea(sample(), ITEMS, DEFAULT_METHOD);
    expect(rows.map((r) => [r.key, r.label])).toEqual([
      ["urban", "城区"],
      ["rural", "乡村"],
      [NO_AREA_KEY, "未填写地域"],
    ]);
    expect(rows[2].result.numerator).toBe(2);
    expect(rows[2].result.denominator).toBe(2);
  });
});

describe("breakdownByDimension", () => {
  it("item-pooled over each dimension's items, in first-appearance order", () => {
    const rows = breakdownByDimension(sample(), ITEMS, OVERALL);
    expect(rows.map((r) => r.key)).toEqual(["政府履职", "规范办学", "总体评价"]);
    const gov = rows[0].result;
    expect(gov.method.kind).toBe("itemPooled");
    // q1: +,−,+,+ (deputy 不了解) ; q2: +,不了解,+,null,+ → 6 positive of 7 valid
    expect(gov.numerator).toBe(6);
    expect(gov.denominator).toBe(7);
    // the overall dimension under item-pooling equals the overall-item method
    expect(rows[2].result.rate).toBeCloseTo(4 / 5, 12);
  });

  it("all 不了解 in a dimension → null rate", () => {
    const rows = breakdownByDimension([resp({ q3: "excluded", q1: "positive" })], ITEMS, DEFAULT_METHOD);
    expect(rows.find((r) => r.key === "规范办学")!.result.rate).toBeNull();
  });
});

describe("breakdownByItem", () => {
  it("per-item share and answer distribution (excluded responses not counted)", () => {
    const rows = breakdownByItem(sample(), ITEMS, DEFAULT_METHOD);
    expect(rows.map((r) => r.label)).toEqual(["就近入学", "q2", "q3", "qAll"]);
    expect(rows[0].distribution).toEqual({ positive: 3, negative: 1, excluded: 1, blank: 0 });
    expect(rows[0].result.rate).toBe(0.75);
    expect(rows[1].distribution).toEqual({ positive: 3, negative: 0, excluded: 1, blank: 1 });
    expect(rows[1].result.rate).toBe(1);
    // q3 absent for the deputy: not counted as blank
    expect(rows[2].distribution).toEqual({ positive: 3, negative: 1, excluded: 0, blank: 0 });
  });

  it("score-based method gives the item's mean ÷ max", () => {
    const rows = breakdownByItem(
      [resp({ q1: "positive" }, { scores: { q1: 5 } }), resp({ q1: "negative" }, { scores: { q1: 2 } })],
      ITEMS,
      SCORE,
    );
    expect(rows[0].result.rate).toBeCloseTo(0.7, 12);
    expect(rows[1].result.rate).toBeNull();
  });

  it("empty set → every item null, zero distribution", () => {
    const rows = breakdownByItem([], ITEMS, DEFAULT_METHOD);
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row.result.rate).toBeNull();
      expect(row.distribution).toEqual({ positive: 0, negative: 0, excluded: 0, blank: 0 });
    }
  });
});
