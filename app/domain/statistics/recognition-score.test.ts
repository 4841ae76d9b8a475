import { describe, expect, it } from "vitest";
import { DEFAULT_METHOD } from "../recognition/methods";
import { computeRoundRecognition, roundMethod, type RoundResponseInput } from "./recognition-score";

const social = (id: string, value: number | "dk", status = "valid"): RoundResponseInput => ({
  id,
  questionnaire: "social.v1",
  group: "parent",
  schoolId: null,
  area: "urban",
  status,
  exclusionReason: null,
  answers: { identity: "parent", area: "urban", gradeBand: "primaryLower", q1: value, q2: value, q3: value, q4: value, q5: value, q6: value, q7: value, q8: value, q9: value, overall: value },
});

describe("computeRoundRecognition", () => {
  const responses = [social("a", 5), social("b", 4), social("c", 3), social("d", 1), social("e", "dk"), social("f", 1, "excluded")];
  it.each([
    ["top1", 0.25],
    ["top2", 0.5],
    ["top3", 0.75],
  ] as const)("item-pooled with %s counted: rate %s (不了解 and excluded left out)", (countedOptions, rate) => {
    const r = computeRoundRecognition(responses, ["social.v1"], DEFAULT_METHOD, { countedOptions });
    expect(r.rate).toBeCloseTo(rate, 12);
    expect(r.respondents).toBe(4);
    expect(r.excludedByReason).toEqual({ 未注明原因: 1 });
  });

  it("per-respondent on the overall item of each questionnaire (names qualified by questionnaire)", () => {
    const method = roundMethod(JSON.stringify({ kind: "perRespondent", rule: { variant: "overall" }, version: 1, passBar: 0.85 }));
    const r = computeRoundRecognition(responses, ["social.v1", "staff.v1"], method, { countedOptions: "top2" });
    expect(r.rate).toBeCloseTo(0.5, 12);
  });

  it("no responses: rate null, not an error; a null method is the default", () => {
    expect(computeRoundRecognition([], ["social.v1"], roundMethod(null), { countedOptions: "top2" }).rate).toBeNull();
    expect(roundMethod(null)).toBe(DEFAULT_METHOD);
  });
});
