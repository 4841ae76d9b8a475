import { describe, expect, it } from "vitest";
import {
  AREA_LABELS,
  AREAS,
  GROUP_LABELS,
  RecognitionItemSchema,
  RecognitionResponseSchema,
  RESPONDENT_GROUPS,
} from "./types";

describe("RecognitionResponseSchema", () => {
  it.each([
    ["minimal valid", { id: "r1", group: "parent", status: "valid", answers: {} }, true],
    [
      "full",
      {
        id: "r2",
        group: "teacher",
        schoolId: "s1",
        area: "rural",
        status: "excluded",
        exclusionReason: "重复提交",
        answers: { q1: "positive", q2: "excluded", q3: null },
        scores: { q1: 5, q2: null },
      },
      true,
    ],
    ["unknown group", { id: "r3", group: "alien", status: "valid", answers: {} }, false],
    ["unknown credit", { id: "r4", group: "parent", status: "valid", answers: { q1: "maybe" } }, false],
    ["unknown status", { id: "r5", group: "parent", status: "deleted", answers: {} }, false],
    ["empty id", { id: "", group: "parent", status: "valid", answers: {} }, false],
  ])("%s", (_name, input, ok) => {
    expect(RecognitionResponseSchema.safeParse(input).success).toBe(ok);
  });
});

describe("RecognitionItemSchema", () => {
  it("accepts an overall item", () => {
    expect(RecognitionItemSchema.parse({ name: "q10", dimension: "总体评价", isOverall: true }).isOverall).toBe(true);
  });
});

describe("labels", () => {
  it("has a Chinese label for every group and area", () => {
    for (const g of RESPONDENT_GROUPS) expect(GROUP_LABELS[g]).toMatch(/[\u4e00-\u9fff]/);
    for (const a of AREAS) expect(AREA_LABELS[a]).toMatch(/[\u4e00-\u9fff]/);
  });
});
