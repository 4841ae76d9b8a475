import { describe, expect, it } from "vitest";
import social from "../../../surveys/social.v1.json";
import { answerFingerprint, hashString53 } from "./fingerprint";
import { compileValidator } from "./questionnaire";

describe("answerFingerprint", () => {
  it("is a canonical string of the chosen fields, sorted by name", () => {
    expect(answerFingerprint({ q2: 4, identity: "parent", q1: "dk" }, ["q1", "q2", "identity"])).toBe(
      'identity="parent"&q1="dk"&q2=4',
    );
  });

  it("ignores key order, extra keys and free text; marks missing answers null", () => {
    const fields = ["identity", "gradeBand", "q1"];
    const a = answerFingerprint({ identity: "deputy", q1: 5, comment: "甲" }, fields);
    const b = answerFingerprint({ q1: 5, comment: "乙", identity: "deputy", extra: 1 }, fields);
    expect(a).toBe(b);
    expect(a).toBe('gradeBand=null&identity="deputy"&q1=5');
  });

  it("distinguishes 5 from \"5\" and one changed answer", () => {
    expect(answerFingerprint({ q1: 5 }, ["q1"])).not.toBe(answerFingerprint({ q1: "5" }, ["q1"]));
    expect(answerFingerprint({ q1: 5, q2: 4 }, ["q1", "q2"])).not.toBe(answerFingerprint({ q1: 5, q2: 3 }, ["q1", "q2"]));
  });

  it("can't be confused by separators inside string values", () => {
    const x = answerFingerprint({ a: 'x"&b="y', b: null }, ["a", "b"]);
    const y = answerFingerprint({ a: "x", b: "y" }, ["a", "b"]);
    expect(x).not.toBe(y);
  });

  it("does not read inherited properties", () => {
    expect(answerFingerprint({}, ["toString", "constructor"])).toBe("constructor=null&toString=null");
  });

  it("applies the hash function when given", () => {
    expect(answerFingerprint({ q1: 5 }, ["q1"], (s) => `h(${s})`)).toBe("h(q1=5)");
    expect(answerFingerprint({ q1: 5 }, ["q1"], hashString53)).toBe(hashString53("q1=5"));
  });

  it("works with the validator's fields on a validated social answer", () => {
    const v = compileValidator(social);
    const result = v.validate({
      identity: "public", area: "town", q1: 5, q2: 5, q3: 4, q4: 4, q5: 3, q6: 5, q7: "dk", q8: 2, q9: 5, overall: 4, comment: "无",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(answerFingerprint(result.value, v.choiceQuestionNames)).toBe(
      'area="town"&gradeBand=null&identity="public"&overall=4&q1=5&q2=5&q3=4&q4=4&q5=3&q6=5&q7="dk"&q8=2&q9=5',
    );
  });
});

describe("hashString53", () => {
  it.each([
    ["a", "1c2ba782c97901"], // = 7929297801672961, the published cyrb53("a")
    ["", "0bdcb81aee8d83"],
    ["q1=5", "05c15f1df423a3"],
  ])("hashes %j to %s", (input, expected) => {
    expect(hashString53(input)).toBe(expected);
    expect(parseInt(hashString53("a"), 16)).toBe(7929297801672961);
  });

  it("differs for near-identical inputs and with the seed", () => {
    expect(hashString53("q1=5&q2=4")).not.toBe(hashString53("q1=5&q2=3"));
    expect(hashString53("abc", 1)).not.toBe(hashString53("abc", 2));
  });
});
