import { describe, expect, it } from "vitest";
import { breakdownByGroup } from "./breakdowns";
import { RecognitionError } from "./errors";
import { DEFAULT_METHOD } from "./methods";
import {
  checkSuppressionThreshold,
  suppressBreakdown,
  suppressCell,
  suppressRows,
  SuppressionThresholdSchema,
  QUESTIONNAIRE_GROUP_SETS,
} from "./suppression";
import type { RecognitionItem, RecognitionResponse, RespondentGroup } from "./types";
import { QUESTIONNAIRE_IDS, questionnaireValidator } from "../survey/registry";

describe("suppressCell", () => {
  it.each<[string, number, number | undefined, boolean]>([
    ["0 respondents", 0, undefined, true],
    ["4 < default 5", 4, undefined, true],
    ["exactly 5 is shown", 5, undefined, false],
    ["6", 6, undefined, false],
    ["threshold 3: 2 hidden", 2, 3, true],
    ["threshold 3: 3 shown", 3, 3, false],
    ["threshold 10: 9 hidden", 9, 10, true],
  ])("%s", (_name, count, threshold, suppressed) => {
    const cell = suppressCell({ rate: 0.9 }, count, threshold);
    if (suppressed) {
      expect(cell).toEqual({ suppressed: true, label: "样本不足" });
      expect(JSON.stringify(cell)).not.toContain("0.9");
    } else {
      expect(cell).toEqual({ suppressed: false, value: { rate: 0.9 } });
    }
  });
});

describe("threshold", () => {
  it.each<[number, string | null]>([
    [5, null],
    [3, null],
    [100, null],
    [2, "SUPPRESSION_THRESHOLD_TOO_LOW"],
    [0, "SUPPRESSION_THRESHOLD_TOO_LOW"],
    [-5, "SUPPRESSION_THRESHOLD_TOO_LOW"],
    [4.5, "SUPPRESSION_THRESHOLD_INVALID"],
    [Number.NaN, "SUPPRESSION_THRESHOLD_INVALID"],
  ])("%s → %s", (threshold, code) => {
    if (code === null) {
      expect(checkSuppressionThreshold(threshold)).toBe(threshold);
    } else {
      try {
        checkSuppressionThreshold(threshold);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(RecognitionError);
        expect((e as RecognitionError).code).toBe(code);
        expect((e as RecognitionError).message).toMatch(/屏蔽阈值/);
      }
    }
  });

  it("defaults to 5", () => {
    expect(checkSuppressionThreshold()).toBe(5);
    expect(SuppressionThresholdSchema.parse(undefined)).toBe(5);
    expect(SuppressionThresholdSchema.safeParse(2).success).toBe(false);
  });
});

describe("suppressRows", () => {
  const row = (key: string, n: number) => ({ key, label: key, n });
  const run = (ns: number[], secondary?: boolean) =>
    suppressRows(
      ns.map((n, i) => row(`r${i}`, n)),
      { countOf: (r) => r.n, secondary },
    ).map((r) => r.suppressedBy);

  it.each<[string, number[], boolean | undefined, Array<"primary" | "secondary" | null>]>([
    ["nothing small", [10, 20, 30], undefined, [null, null, null]],
    ["empty table", [], undefined, []],
    ["one small cell → smallest other cell hidden too", [200, 20, 1], undefined, [null, "secondary", "primary"]],
    ["secondary off", [200, 20, 1], false, [null, null, "primary"]],
    ["two small cells → no secondary needed", [200, 2, 3], undefined, [null, "primary", "primary"]],
    ["a small cell plus an empty one → secondary still needed", [200, 20, 1, 0], undefined, [null, "secondary", "primary", "primary"]],
    ["only an empty cell → nothing to protect", [200, 20, 0], undefined, [null, null, "primary"]],
    ["single row", [3], undefined, ["primary"]],
    ["ties: first smallest", [9, 9, 1], undefined, ["secondary", null, "primary"]],
  ])("%s", (_name, ns, secondary, expected) => {
    expect(run(ns, secondary)).toEqual(expected);
  });

  it("keeps key and label visible and hides the numbers", () => {
    const out = suppressRows([row("a", 2), row("b", 50), row("c", 60)], { countOf: (r) => r.n });
    expect(out[0]).toEqual({ key: "a", label: "a", suppressedBy: "primary", cell: { suppressed: true, label: "样本不足" } });
    expect(out[2].cell).toEqual({ suppressed: false, value: row("c", 60) });
  });

  it("hasData: a hidden row with 0 respondents but answers (only 不了解) still needs secondary suppression", () => {
    const rows = [
      { key: "parent", label: "家长", n: 40, answers: 40 },
      { key: "teacher", label: "教师", n: 9, answers: 9 },
      { key: "principal", label: "校长", n: 0, answers: 1 },
    ];
    expect(suppressRows(rows, { countOf: (r) => r.n }).map((r) => r.suppressedBy)).toEqual([null, null, "primary"]);
    expect(suppressRows(rows, { countOf: (r) => r.n, hasData: (r) => r.answers > 0 }).map((r) => r.suppressedBy)).toEqual([null, "secondary", "primary"]);
  });

  it.each<[string, number[], string[][], Array<"primary" | "secondary" | null>]>([
    // parent, teacher, principal, student: 校长 and 学生 hide each other in the table, but 校长教师卷's item rows add
    // up 教师 + 校长, so within that set 教师 must go too.
    ["one hidden row in a linked set", [40, 12, 1, 3], [["teacher", "principal"], ["parent"], ["student"]], [null, "secondary", "primary", "primary"]],
    ["set already protected by the table rule", [40, 12, 1, 60], [["teacher", "principal"]], [null, "secondary", "primary", null]],
    ["a row hidden by the table rule needs company in its set too", [40, 12, 9, 3], [["teacher", "principal"]], [null, "secondary", "secondary", "primary"]],
    ["a set of one cannot protect itself (its own rows must)", [40, 12, 9, 3], [["student"]], [null, null, "secondary", "primary"]],
    ["overlapping sets reach a fixpoint", [40, 12, 1, 3], [["parent", "teacher"], ["teacher", "principal"]], ["secondary", "secondary", "primary", "primary"]],
  ])("linkedTotals: %s", (_name, ns, sets, expected) => {
    const keys = ["parent", "teacher", "principal", "student"];
    const rows = ns.map((n, i) => row(keys[i]!, n));
    const out = suppressRows(rows, { countOf: (r) => r.n, linkedTotals: sets }).map((r) => r.suppressedBy);
    expect(out).toEqual(expected);
    // Every linked set ends with zero or at least two hidden rows with data.
    for (const set of sets) {
      const hidden = out.filter((s, i) => s !== null && set.includes(keys[i]!) && ns[i]! > 0).length;
      expect(hidden === 0 || hidden >= 2 || set.length === 1).toBe(true);
    }
  });

  it("rejects a threshold below 3", () => {
    expect(() => suppressRows([row("a", 1)], { countOf: (r) => r.n, threshold: 2 })).toThrowError(
      expect.objectContaining({ code: "SUPPRESSION_THRESHOLD_TOO_LOW" }),
    );
  });
});

describe("QUESTIONNAIRE_GROUP_SETS", () => {
  it("are exactly the groups of each published questionnaire", () => {
    const fromFiles = new Set(QUESTIONNAIRE_IDS.map((id) => JSON.stringify(Object.keys(questionnaireValidator(id)!.meta.groups).sort())));
    expect(new Set(QUESTIONNAIRE_GROUP_SETS.map((s) => JSON.stringify([...s].sort())))).toEqual(fromFiles);
  });
});

describe("suppressBreakdown", () => {
  const items: RecognitionItem[] = [{ name: "q1", dimension: "总体评价", isOverall: true }];
  const people = (group: RespondentGroup, n: number, notKnown = 0): RecognitionResponse[] => [
    ...Array.from({ length: n }, (_, i) => ({
      id: `${group}${i}`,
      group,
      status: "valid" as const,
      answers: { q1: "positive" as const },
    })),
    ...Array.from({ length: notKnown }, (_, i) => ({
      id: `${group}x${i}`,
      group,
      status: "valid" as const,
      answers: { q1: "excluded" as const },
    })),
  ];

  it("a principal alone is hidden, and the smallest other group with them (secondary)", () => {
    const rows = breakdownByGroup(
      [...people("parent", 40), ...people("teacher", 12), ...people("principal", 1)],
      items,
      DEFAULT_METHOD,
    );
    const out = suppressBreakdown(rows);
    expect(out.map((r) => [r.key, r.suppressedBy])).toEqual([
      ["parent", null],
      ["principal", "primary"],
      ["teacher", "secondary"],
    ]);
    const parent = out[0].cell;
    expect(parent.suppressed === false && parent.value.result.rate).toBe(1);
  });

  it("不了解 does not count towards the threshold; two small cells protect each other in the table, not in a questionnaire", () => {
    const rows = breakdownByGroup(
      [...people("parent", 40), ...people("teacher", 12), ...people("principal", 1), ...people("student", 4, 3)],
      items,
      DEFAULT_METHOD,
    );
    expect(rows.find((r) => r.key === "student")!.result.valid).toBe(7);
    // Table alone (no linked totals): 校长 and 学生 protect each other.
    expect(suppressBreakdown(rows, { linkedTotals: [] }).map((r) => [r.key, r.suppressedBy])).toEqual([
      ["parent", null],
      ["principal", "primary"],
      ["teacher", null],
      ["student", "primary"], // 7 questionnaires but only 4 respondents with a valid answer
    ]);
    // Default for group rows: 校长教师卷's item rows add up 教师 + 校长, so 教师 is hidden too.
    expect(suppressBreakdown(rows).map((r) => [r.key, r.suppressedBy])).toEqual([
      ["parent", null],
      ["principal", "primary"],
      ["teacher", "secondary"],
      ["student", "primary"],
    ]);
  });

  it("threshold 3 via options", () => {
    const rows = breakdownByGroup([...people("parent", 40), ...people("principal", 3)], items, DEFAULT_METHOD);
    expect(suppressBreakdown(rows, { threshold: 3 }).map((r) => r.suppressedBy)).toEqual([null, null]);
  });
});
