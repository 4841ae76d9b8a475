import { describe, expect, it } from "vitest";
import { QUESTIONNAIRE_IDS, questionnaireValidator } from "./registry";
import { sampleAnswers, seededRandom } from "./sample-answers";

describe("sampleAnswers", () => {
  it.each(QUESTIONNAIRE_IDS)("always produces answers %s accepts", (id) => {
    const v = questionnaireValidator(id)!;
    const rnd = seededRandom(42);
    for (let i = 0; i < 300; i++) {
      const r = v.validate(sampleAnswers(v, rnd));
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
  });
  it("is reproducible for a seed and honours fixed answers", () => {
    const v = questionnaireValidator("social.v1")!;
    expect(sampleAnswers(v, seededRandom(7))).toEqual(sampleAnswers(v, seededRandom(7)));
    const a = sampleAnswers(v, seededRandom(1), { fixed: { identity: "deputy" } });
    expect(a.identity).toBe("deputy");
    expect(a.gradeBand).toBeUndefined();
  });
});
