import { describe, expect, it } from "vitest";
import { RecognitionError } from "./errors";
import {
  computeRecognition,
  DEFAULT_METHOD,
  describeMethod,
  RecognitionMethodSchema,
  resolveGroupWeights,
  type RecognitionMethod,
  type RecognitionMethodInput,
  type RecognitionResult,
} from "./methods";
import type { AnswerCredit, RecognitionItem, RecognitionResponse, RespondentGroup } from "./types";
import { wilsonInterval } from "./wilson";

const ITEMS: RecognitionItem[] = [
  { name: "q1", dimension: "政府履职", isOverall: false },
  { name: "q2", dimension: "政府履职", isOverall: false },
  { name: "q3", dimension: "规范办学", isOverall: false },
  { name: "qAll", dimension: "总体评价", isOverall: true },
];

let seq = 0;
function resp(
  answers: Record<string, AnswerCredit | null>,
  extra: Partial<RecognitionResponse> = {},
): RecognitionResponse {
  seq += 1;
  return { id: `r${seq}`, group: "parent", status: "valid", answers, ...extra };
}

/** n respondents answering only q1: `positive` of them positive, the rest negative. */
function q1Sample(positive: number, n: number, extra: Partial<RecognitionResponse> = {}): RecognitionResponse[] {
  return Array.from({ length: n }, (_, i) => resp({ q1: i < positive ? "positive" : "negative" }, extra));
}

const parse = (m: RecognitionMethodInput): RecognitionMethod => RecognitionMethodSchema.parse(m);
const POOLED = DEFAULT_METHOD;
const OVERALL = parse({ kind: "perRespondent", version: 1, passBar: 0.85, rule: { variant: "overall" } });
const K2 = parse({ kind: "perRespondent", version: 1, passBar: 0.85, rule: { variant: "kOfItems", k: 2 } });
const SCORE = parse({ kind: "scoreBased", version: 1, passBar: 0.85, maxScore: 5 });

const codes = (r: RecognitionResult) => r.warnings.map((w) => w.code);

describe("RecognitionMethodSchema / DEFAULT_METHOD", () => {
  it("default is item-pooled with an inclusive 0.85 bar", () => {
    expect(RecognitionMethodSchema.parse(DEFAULT_METHOD)).toEqual({ kind: "itemPooled", version: 1, passBar: 0.85 });
  });

  it.each<[string, unknown, boolean]>([
    ["per-respondent overall", { kind: "perRespondent", version: 1, passBar: 0.85, rule: { variant: "overall" } }, true],
    ["k of items", { kind: "perRespondent", version: 1, passBar: 0.85, rule: { variant: "kOfItems", k: 6 } }, true],
    ["k missing", { kind: "perRespondent", version: 1, passBar: 0.85, rule: { variant: "kOfItems" } }, false],
    ["k = 0", { kind: "perRespondent", version: 1, passBar: 0.85, rule: { variant: "kOfItems", k: 0 } }, false],
    ["k fractional", { kind: "perRespondent", version: 1, passBar: 0.85, rule: { variant: "kOfItems", k: 1.5 } }, false],
    ["version missing", { kind: "itemPooled", passBar: 0.85 }, false],
    ["unknown version", { kind: "itemPooled", version: 2, passBar: 0.85 }, false],
    ["bar above 1", { kind: "itemPooled", version: 1, passBar: 85 }, false],
    ["bar 0", { kind: "itemPooled", version: 1, passBar: 0 }, false],
    ["unknown kind", { kind: "perItemMean", version: 1, passBar: 0.85 }, false],
    [
      "weights sum to 1",
      { kind: "groupWeighted", version: 1, passBar: 0.85, base: { kind: "itemPooled" }, weights: { parent: 0.5, teacher: 0.5 } },
      true,
    ],
    [
      "weights within 1e-9 (0.5 + 5 × 0.1)",
      {
        kind: "groupWeighted",
        version: 1,
        passBar: 0.85,
        base: { kind: "itemPooled" },
        weights: { parent: 0.5, teacher: 0.1, student: 0.1, principal: 0.1, deputy: 0.1, public: 0.1 },
      },
      true,
    ],
    [
      "weights sum 0.9",
      { kind: "groupWeighted", version: 1, passBar: 0.85, base: { kind: "itemPooled" }, weights: { parent: 0.5, teacher: 0.4 } },
      false,
    ],
    [
      "negative weight",
      { kind: "groupWeighted", version: 1, passBar: 0.85, base: { kind: "itemPooled" }, weights: { parent: 1.5, teacher: -0.5 } },
      false,
    ],
    ["score max 1", { kind: "scoreBased", version: 1, passBar: 0.85, maxScore: 1 }, false],
  ])("%s", (_name, input, ok) => {
    expect(RecognitionMethodSchema.safeParse(input).success).toBe(ok);
  });

  it("weights not summing to 1 give a Chinese field error on `weights`", () => {
    const r = RecognitionMethodSchema.safeParse({
      kind: "groupWeighted",
      version: 1,
      passBar: 0.85,
      base: { kind: "itemPooled" },
      weights: { parent: 0.5, teacher: 0.4 },
    });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues[0].path).toEqual(["weights"]);
      expect(r.error.issues[0].message).toContain("权重之和必须为 1");
    }
  });

  it("defaults: missingGroup renormalize, maxScore 5", () => {
    const gw = parse({ kind: "groupWeighted", version: 1, passBar: 0.85, base: { kind: "itemPooled" } });
    expect(gw.kind === "groupWeighted" && gw.missingGroup).toBe("renormalize");
    const sb = parse({ kind: "scoreBased", version: 1, passBar: 0.85 });
    expect(sb.kind === "scoreBased" && sb.maxScore).toBe(5);
  });
});

describe("item-pooled (default method)", () => {
  it.each<{
    name: string;
    responses: () => RecognitionResponse[];
    rate: number | null;
    num: number;
    den: number;
    passes: boolean | null;
    respondents: number;
  }>([
    { name: "empty set", responses: () => [], rate: null, num: 0, den: 0, passes: null, respondents: 0 },
    {
      name: "all 不了解",
      responses: () => [
        resp({ q1: "excluded", q2: "excluded", q3: "excluded", qAll: "excluded" }),
        resp({ q1: "excluded", qAll: "excluded" }),
      ],
      rate: null,
      num: 0,
      den: 0,
      passes: null,
      respondents: 0,
    },
    {
      name: "one respondent (不了解 and blank not in the denominator)",
      responses: () => [resp({ q1: "positive", q2: "negative", q3: "excluded", qAll: null, identity: "positive" })],
      rate: 1 / 2,
      num: 1,
      den: 2,
      passes: false,
      respondents: 1,
    },
    { name: "exactly 85.0% (17 of 20) passes", responses: () => q1Sample(17, 20), rate: 0.85, num: 17, den: 20, passes: true, respondents: 20 },
    {
      name: "84.99% (8499 of 10000) fails",
      responses: () => q1Sample(8499, 10000),
      rate: 0.8499,
      num: 8499,
      den: 10000,
      passes: false,
      respondents: 10000,
    },
    {
      name: "pooled over items (3 + 2 positive of 4 + 2 valid)",
      responses: () => [
        resp({ q1: "positive", q2: "positive", q3: "positive", qAll: "negative" }),
        resp({ q1: "positive", q2: null, q3: "excluded", qAll: "positive" }),
      ],
      rate: 5 / 6,
      num: 5,
      den: 6,
      passes: false,
      respondents: 2,
    },
  ])("$name", ({ responses, rate, num, den, passes, respondents }) => {
    const r = computeRecognition(responses(), ITEMS, POOLED);
    expect(r.rate).toBe(rate);
    expect(r.numerator).toBe(num);
    expect(r.denominator).toBe(den);
    expect(r.passes).toBe(passes);
    expect(r.respondents).toBe(respondents);
    expect(r.passBar).toBe(0.85);
    if (rate === null) {
      expect(r.interval).toBeNull();
      expect(codes(r)).toContain("NO_VALID_DATA");
    } else {
      expect(r.interval!.low).toBeLessThanOrEqual(rate);
      expect(r.interval!.high).toBeGreaterThanOrEqual(rate);
    }
  });

  it("exactly-at-bar passes for 85 of 100 too (unrounded comparison, inclusive)", () => {
    const r = computeRecognition(q1Sample(85, 100), ITEMS, POOLED);
    expect(r.rate).toBe(0.85);
    expect(r.passes).toBe(true);
    expect(r.interval!.low.toFixed(4)).toBe("0.7672");
    expect(r.interval!.high.toFixed(4)).toBe("0.9069");
  });

  it("uses the number of respondents as the interval's sample size (conservative)", () => {
    // 2 respondents × 3 valid answers, 5 positive: Wilson on n = 2, not on 6 answers.
    const r = computeRecognition(
      [resp({ q1: "positive", q2: "positive", q3: "positive" }), resp({ q1: "positive", q2: "positive", q3: "negative" })],
      ITEMS,
      POOLED,
    );
    const expected = wilsonInterval((5 / 6) * 2, 2)!;
    expect(r.interval!.low).toBeCloseTo(expected.low, 12);
    expect(r.interval!.high).toBeCloseTo(expected.high, 12);
  });

  it("excluded, reinstated and flagged responses", () => {
    const responses = [
      resp({ q1: "negative" }, { status: "excluded", exclusionReason: "重复提交" }),
      resp({ q1: "negative" }, { status: "excluded", exclusionReason: "重复提交" }),
      resp({ q1: "negative" }, { status: "excluded", exclusionReason: "  " }),
      resp({ q1: "negative" }, { status: "excluded" }),
      // reinstated: status valid again, the stale reason is ignored → counted
      resp({ q1: "positive" }, { status: "valid", exclusionReason: "作答时间过短" }),
      // flagged, not yet reviewed → counted
      resp({ q1: "negative" }, { status: "flagged" }),
    ];
    const r = computeRecognition(responses, ITEMS, POOLED);
    expect(r.received).toBe(6);
    expect(r.valid).toBe(2);
    expect(r.flagged).toBe(1);
    expect(r.excludedByReason).toEqual({ 重复提交: 2, 未注明原因: 2 });
    expect(r.rate).toBe(0.5);
    expect(codes(r)).toContain("FLAGGED_INCLUDED");

    // The same set after a reviewer reinstates every excluded one: all counted.
    const reinstated = responses.map((x) => ({ ...x, status: "valid" as const }));
    const again = computeRecognition(reinstated, ITEMS, POOLED);
    expect(again.valid).toBe(6);
    expect(again.excludedByReason).toEqual({});
    expect(again.rate).toBe(1 / 6);
  });

  it("rejects duplicate item names", () => {
    expect(() => computeRecognition([], [...ITEMS, ITEMS[0]], POOLED)).toThrowError(
      expect.objectContaining({ code: "DUPLICATE_ITEM" }),
    );
  });

  it("describes the formula in Chinese", () => {
    const r = computeRecognition([], ITEMS, POOLED);
    expect(r.methodDescription).toContain("按题项汇总法");
    expect(r.methodDescription).toContain("不了解");
    expect(r.methodDescription).toContain("85.0%");
    expect(r.intervalDescription).toContain("Wilson");
    expect(r.methodVersion).toBe(1);
  });
});

describe("per-respondent", () => {
  const people = () => [
    resp({ q1: "negative", q2: "negative", q3: "negative", qAll: "positive" }), // overall ✓, k2 ✗
    resp({ q1: "positive", q2: "positive", q3: "negative", qAll: "negative" }), // overall ✗, k2 ✓
    resp({ q1: "positive", q2: "positive", q3: "positive", qAll: "excluded" }), // overall —, k2 ✓
    resp({ q1: "positive", q2: "excluded", q3: null }), // overall —, k2 ✗ (only 1 valid answer < k)
    resp({ q1: "excluded", q2: "excluded", q3: "excluded", qAll: "excluded" }), // no valid answer: excluded
  ];

  it.each<[string, RecognitionMethod, number, number]>([
    ["overall item", OVERALL, 1, 2],
    ["at least 2 items", K2, 2, 4],
  ])("%s → %i of %i", (_name, method, num, den) => {
    const r = computeRecognition(people(), ITEMS, method);
    expect(r.numerator).toBe(num);
    expect(r.denominator).toBe(den);
    expect(r.respondents).toBe(den);
    expect(r.rate).toBe(num / den);
    expect(r.valid).toBe(5);
    const ci = wilsonInterval(num, den)!;
    expect(r.interval).toEqual(ci);
  });

  it.each<[string, RecognitionMethod]>([
    ["overall", OVERALL],
    ["k of items", K2],
  ])("%s: empty set and all 不了解 → null", (_name, method) => {
    expect(computeRecognition([], ITEMS, method).rate).toBeNull();
    const r = computeRecognition([resp({ q1: "excluded", qAll: "excluded" })], ITEMS, method);
    expect(r.rate).toBeNull();
    expect(r.passes).toBeNull();
    expect(codes(r)).toEqual(["NO_VALID_DATA"]);
  });

  it("exactly 85% passes, 84.99% fails (overall variant)", () => {
    const at = Array.from({ length: 20 }, (_, i) => resp({ qAll: i < 17 ? "positive" : "negative" }));
    expect(computeRecognition(at, ITEMS, OVERALL).passes).toBe(true);
    const below = Array.from({ length: 10000 }, (_, i) => resp({ qAll: i < 8499 ? "positive" : "negative" }));
    const r = computeRecognition(below, ITEMS, OVERALL);
    expect(r.rate).toBe(0.8499);
    expect(r.passes).toBe(false);
  });

  it("one respondent", () => {
    const r = computeRecognition([resp({ q1: "positive", qAll: "positive" })], ITEMS, OVERALL);
    expect(r.rate).toBe(1);
    expect(r.passes).toBe(true);
    expect(codes(r)).toContain("SAMPLE_TOO_SMALL");
    expect(codes(r)).toContain("INTERVAL_STRADDLES_BAR");
  });

  it("overall variant without an overall item → NO_OVERALL_ITEM", () => {
    const items = ITEMS.filter((i) => !i.isOverall);
    try {
      computeRecognition([resp({ q1: "positive" })], items, OVERALL);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RecognitionError);
      expect((e as RecognitionError).code).toBe("NO_OVERALL_ITEM");
      expect((e as RecognitionError).message).toContain("总体评价");
    }
  });

  it("k = 0 bypassing the schema → INVALID_K", () => {
    const bad = { ...K2, rule: { variant: "kOfItems", k: 0 } } as RecognitionMethod;
    expect(() => computeRecognition([resp({ q1: "positive" })], ITEMS, bad)).toThrowError(
      expect.objectContaining({ code: "INVALID_K" }),
    );
  });
});

describe("score-based", () => {
  it.each<{ name: string; responses: () => RecognitionResponse[]; rate: number | null; num: number; den: number }>([
    { name: "empty set", responses: () => [], rate: null, num: 0, den: 0 },
    {
      name: "all 不了解",
      responses: () => [resp({ q1: "excluded", q2: "excluded" }, { scores: { q1: null, q2: 4 } })],
      rate: null,
      num: 0,
      den: 0,
    },
    {
      name: "mean 4 of 5 (不了解 with a stray score ignored)",
      responses: () => [
        resp({ q1: "positive", q2: "positive" }, { scores: { q1: 5, q2: 4 } }),
        resp({ q1: "negative", q2: "excluded" }, { scores: { q1: 3, q2: 5 } }),
      ],
      rate: 0.8,
      num: 12,
      den: 15,
    },
    {
      name: "exactly 85%: mean 4.25",
      responses: () => [resp({}, { scores: { q1: 5, q2: 4, q3: 4, qAll: 4 } })],
      rate: 0.85,
      num: 17,
      den: 20,
    },
  ])("$name", ({ responses, rate, num, den }) => {
    const r = computeRecognition(responses(), ITEMS, SCORE);
    expect(r.rate).toBe(rate);
    expect(r.numerator).toBe(num);
    expect(r.denominator).toBe(den);
    expect(r.passes).toBe(rate === null ? null : rate >= 0.85);
  });

  it("interval: ratio variance with respondents as clusters", () => {
    // a = 1.0 and 0.6, m = 1 each → R = 0.8, Var = 2/1 · (0.2² + 0.2²) / 2² = 0.04, se = 0.2.
    const r = computeRecognition(
      [resp({}, { scores: { q1: 5 } }), resp({}, { scores: { q1: 3 } })],
      ITEMS,
      SCORE,
    );
    expect(r.rate).toBeCloseTo(0.8, 12);
    expect(r.interval!.low).toBeCloseTo(0.8 - 1.959964 * 0.2, 10);
    expect(r.interval!.high).toBe(1); // 1.19 clamped
  });

  it("one respondent → no interval", () => {
    const r = computeRecognition([resp({}, { scores: { q1: 5 } })], ITEMS, SCORE);
    expect(r.rate).toBe(1);
    expect(r.interval).toBeNull();
  });

  it.each([0, 6, 4.5 + 2, Number.NaN])("score %s out of 1..5 → SCORE_OUT_OF_RANGE", (score) => {
    expect(() => computeRecognition([resp({}, { scores: { q1: score } })], ITEMS, SCORE)).toThrowError(
      expect.objectContaining({ code: "SCORE_OUT_OF_RANGE" }),
    );
  });
});

describe("group-weighted", () => {
  const weighted = (
    weights: Partial<Record<RespondentGroup, number>> | undefined,
    extra: Partial<RecognitionMethodInput> = {},
  ): RecognitionMethod =>
    ({
      kind: "groupWeighted",
      version: 1,
      passBar: 0.85,
      base: { kind: "itemPooled" },
      weights,
      missingGroup: "renormalize",
      ...extra,
    }) as RecognitionMethod;

  const parents9of10 = () => q1Sample(9, 10, { group: "parent" });
  const teachers7of10 = () => q1Sample(7, 10, { group: "teacher" });

  it("combines group rates: 0.5 × 0.9 + 0.5 × 0.7 = 0.8", () => {
    const r = computeRecognition([...parents9of10(), ...teachers7of10()], ITEMS, weighted({ parent: 0.5, teacher: 0.5 }));
    expect(r.rate).toBeCloseTo(0.8, 12);
    expect(r.numerator).toBe(16);
    expect(r.denominator).toBe(20);
    expect(r.passes).toBe(false);
    const parent = r.groups!.find((g) => g.group === "parent")!;
    expect(parent).toMatchObject({ weight: 0.5, effectiveWeight: 0.5, rate: 0.9, respondents: 10, valid: 10, label: "家长" });
    // n_eff = 1 / (0.25/10 + 0.25/10) = 20 → Wilson(16, 20)
    const ci = wilsonInterval(16, 20)!;
    expect(r.interval!.low).toBeCloseTo(ci.low, 10);
    expect(r.interval!.high).toBeCloseTo(ci.high, 10);
    expect(r.methodDescription).toContain("家长 50.0%");
    expect(r.methodDescription).toContain("Σ w_g × R_g");
  });

  it("weighting differs from pooling when groups are unbalanced", () => {
    const responses = [...q1Sample(90, 100, { group: "parent" }), ...teachers7of10()];
    const r = computeRecognition(responses, ITEMS, weighted({ parent: 0.5, teacher: 0.5 }));
    expect(r.rate).toBeCloseTo(0.8, 12);
    expect(computeRecognition(responses, ITEMS, POOLED).rate).toBeCloseTo(97 / 110, 12);
  });

  it("a sum that is 0.85 on paper but 0.8499999999999999 in floating point passes", () => {
    const responses = [...q1Sample(19, 20, { group: "parent" }), ...q1Sample(14, 20, { group: "teacher" })];
    const r = computeRecognition(responses, ITEMS, weighted({ parent: 0.6, teacher: 0.4 }));
    expect(Math.abs(r.rate! - 0.85)).toBeLessThan(1e-12);
    expect(r.passes).toBe(true);
  });

  it.each<[string, Partial<Record<RespondentGroup, number>>, string]>([
    ["sum 0.9", { parent: 0.5, teacher: 0.4 }, "WEIGHTS_NOT_SUM_TO_ONE"],
    ["sum 1.1", { parent: 0.6, teacher: 0.5 }, "WEIGHTS_NOT_SUM_TO_ONE"],
    ["sum 0", {}, "WEIGHTS_NOT_SUM_TO_ONE"],
    ["negative", { parent: 1.5, teacher: -0.5 }, "WEIGHT_INVALID"],
    ["NaN", { parent: Number.NaN, teacher: 1 }, "WEIGHT_INVALID"],
  ])("weights %s → %s", (_name, weights, code) => {
    try {
      computeRecognition([...parents9of10()], ITEMS, weighted(weights));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RecognitionError);
      expect((e as RecognitionError).code).toBe(code);
      expect((e as RecognitionError).message).toMatch(/权重/);
    }
  });

  it("accepts weights within 1e-9 of 1", () => {
    const r = computeRecognition(
      [...parents9of10(), ...teachers7of10()],
      ITEMS,
      weighted({ parent: 0.5, teacher: 0.5 + 5e-10 }),
    );
    expect(r.rate).toBeCloseTo(0.8, 8);
  });

  it("a weighted group with no respondents: re-normalised and warned (default)", () => {
    const r = computeRecognition(
      [...parents9of10(), ...teachers7of10()],
      ITEMS,
      weighted({ parent: 0.5, teacher: 0.3, student: 0.2 }),
    );
    // (0.5 × 0.9 + 0.3 × 0.7) / 0.8 = 0.825
    expect(r.rate).toBeCloseTo(0.825, 12);
    const missing = r.warnings.filter((w) => w.code === "GROUP_MISSING");
    expect(missing).toHaveLength(1);
    expect(missing[0].group).toBe("student");
    expect(missing[0].message).toContain("学生");
    expect(r.groups!.find((g) => g.group === "parent")!.effectiveWeight).toBeCloseTo(0.625, 12);
    expect(r.groups!.find((g) => g.group === "student")!).toMatchObject({ effectiveWeight: 0, rate: null });
  });

  it("a group whose answers are all 不了解 counts as missing", () => {
    const students = [resp({ q1: "excluded" }, { group: "student" })];
    const r = computeRecognition(
      [...parents9of10(), ...students],
      ITEMS,
      weighted({ parent: 0.5, student: 0.5 }),
    );
    expect(r.rate).toBeCloseTo(0.9, 12);
    expect(codes(r)).toContain("GROUP_MISSING");
  });

  it("missingGroup = error → GROUP_MISSING error naming the group", () => {
    try {
      computeRecognition(
        [...parents9of10()],
        ITEMS,
        weighted({ parent: 0.5, teacher: 0.5 }, { missingGroup: "error" }),
      );
      expect.unreachable();
    } catch (e) {
      expect((e as RecognitionError).code).toBe("GROUP_MISSING");
      expect((e as RecognitionError).message).toContain("教师");
    }
  });

  it("empty set with renormalize → null rate, every weighted group reported missing", () => {
    const r = computeRecognition([], ITEMS, weighted({ parent: 0.5, teacher: 0.5 }));
    expect(r.rate).toBeNull();
    expect(r.passes).toBeNull();
    expect(r.interval).toBeNull();
    expect(codes(r)).toEqual(["NO_VALID_DATA", "GROUP_MISSING", "GROUP_MISSING"]);
  });

  it("default weights = sampling plan shares", () => {
    const plan = { byGroup: { parent: 300, teacher: 100, student: 100 } };
    expect(resolveGroupWeights(undefined, plan)).toMatchObject({ parent: 0.6, teacher: 0.2, student: 0.2, deputy: 0 });
    const students = q1Sample(5, 10, { group: "student" });
    const r = computeRecognition([...parents9of10(), ...teachers7of10(), ...students], ITEMS, weighted(undefined), {
      plan,
    });
    expect(r.rate).toBeCloseTo(0.6 * 0.9 + 0.2 * 0.7 + 0.2 * 0.5, 12);
    expect(r.methodDescription).toContain("按抽样方案中各群体所占比例");
  });

  it("no weights and no plan → WEIGHTS_UNAVAILABLE", () => {
    expect(() => computeRecognition(parents9of10(), ITEMS, weighted(undefined))).toThrowError(
      expect.objectContaining({ code: "WEIGHTS_UNAVAILABLE" }),
    );
  });

  it("responses of a zero-weight group are not counted and warned", () => {
    const r = computeRecognition(
      [...parents9of10(), ...q1Sample(0, 5, { group: "public" })],
      ITEMS,
      weighted({ parent: 1 }),
    );
    expect(r.rate).toBeCloseTo(0.9, 12);
    const w = r.warnings.find((x) => x.code === "GROUP_UNWEIGHTED")!;
    expect(w.group).toBe("public");
    expect(w.message).toContain("其他群众");
  });

  it("per-respondent base method", () => {
    const responses = [
      resp({ qAll: "positive" }, { group: "parent" }),
      resp({ qAll: "negative" }, { group: "parent" }),
      resp({ qAll: "positive" }, { group: "teacher" }),
    ];
    const r = computeRecognition(
      responses,
      ITEMS,
      weighted({ parent: 0.5, teacher: 0.5 }, { base: { kind: "perRespondent", rule: { variant: "overall" } } }),
    );
    expect(r.rate).toBeCloseTo(0.75, 12);
    expect(r.methodDescription).toContain("按人计（总体评价）法");
  });
});

describe("warnings", () => {
  it("sample below plan (total and per group)", () => {
    const r = computeRecognition(q1Sample(17, 20), ITEMS, POOLED, { plan: { total: 600, byGroup: { parent: 300, teacher: 60 } } });
    expect(r.warnings.find((w) => w.code === "SAMPLE_BELOW_PLAN")!.message).toBe("有效答卷 20 份，少于抽样方案要求的 600 份");
    const perGroup = r.warnings.filter((w) => w.code === "GROUP_BELOW_PLAN").map((w) => w.group);
    expect(perGroup).toEqual(["parent", "teacher"]);
  });

  it("plan met → no plan warning", () => {
    const r = computeRecognition(q1Sample(17, 20), ITEMS, POOLED, { plan: { total: 20, byGroup: { parent: 20 } } });
    expect(codes(r)).not.toContain("SAMPLE_BELOW_PLAN");
    expect(codes(r)).not.toContain("GROUP_BELOW_PLAN");
  });

  it.each<[string, number, number, number | undefined, boolean, boolean]>([
    // name, positive, n, minRespondents, tooSmall, straddles
    ["17 of 20, default minimum 30", 17, 20, undefined, true, true],
    ["17 of 20, minimum 10", 17, 20, 10, false, true],
    ["950 of 1000: clear pass", 950, 1000, undefined, false, false],
    ["500 of 1000: clear fail", 500, 1000, undefined, false, false],
  ])("%s", (_name, positive, n, minRespondents, tooSmall, straddles) => {
    const r = computeRecognition(q1Sample(positive, n), ITEMS, POOLED, { minRespondents });
    expect(codes(r).includes("SAMPLE_TOO_SMALL")).toBe(tooSmall);
    expect(codes(r).includes("INTERVAL_STRADDLES_BAR")).toBe(straddles);
  });

  it("messages are Chinese", () => {
    const r = computeRecognition([resp({ q1: "positive" }, { status: "flagged" })], ITEMS, POOLED, { plan: { total: 5 } });
    expect(r.warnings.length).toBeGreaterThan(0);
    for (const w of r.warnings) expect(w.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("describeMethod", () => {
  it.each<[RecognitionMethod, string]>([
    [POOLED, "按题项汇总法"],
    [OVERALL, "总体评价题选择“认可”类选项的人数"],
    [K2, "至少 2 题"],
    [SCORE, "满分 5 分"],
  ])("%#: %s", (method, text) => {
    expect(describeMethod(method)).toContain(text);
  });
});
