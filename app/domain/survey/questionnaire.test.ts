import { describe, expect, it } from "vitest";
import social from "../../../surveys/social.v1.json";
import staff from "../../../surveys/staff.v1.json";
import student from "../../../surveys/student.v1.json";
import {
  MAX_ERRORS,
  creditAnswers,
  compileValidator,
  parseQuestionnaire,
  parseScoringMeta,
  resolveCredits,
  toSurveyJson,
  type AnswerValidationResult,
} from "./questionnaire";

const ALL_FIVE = { q1: 5, q2: 5, q3: 5, q4: 5, q5: 5, q6: 5, q7: 5, q8: 5, q9: 5, overall: 5 };
const validParent = { identity: "parent", area: "rural", gradeBand: "junior", ...ALL_FIVE };

function errorsOf(result: AnswerValidationResult) {
  return result.ok ? [] : result.errors;
}

/** A tiny questionnaire built around the social v1 metadata, to test compile-time checks one at a time. */
function mutate(edit: (json: any) => void): unknown {
  const copy = structuredClone(social) as any;
  edit(copy);
  return copy;
}

describe("parseScoringMeta", () => {
  it("reads the social v1 metadata", () => {
    const meta = parseScoringMeta(social);
    expect(meta.family).toBe("social");
    expect(meta.version).toBe(1);
    expect(meta.groupMap).toEqual({ parent: "parent", deputy: "deputy", cppcc: "cppcc", public: "public" });
    expect(meta.items).toHaveLength(10);
    expect(meta.credits["3"]).toBe("negative");
    expect(meta.credits.dk).toBe("excluded");
  });

  it("rejects a missing block, a wrong scale, credits that do not cover the scale, and two overall items", () => {
    expect(() => parseScoringMeta({})).toThrow();
    expect(() => parseScoringMeta(mutate((j) => (j.scoring.scale = j.scoring.scale.slice(0, 5))))).toThrow(/scale/);
    expect(() => parseScoringMeta(mutate((j) => delete j.scoring.credits.dk))).toThrow(/dk/);
    expect(() => parseScoringMeta(mutate((j) => (j.scoring.credits.x = "positive")))).toThrow(/x/);
    expect(() =>
      parseScoringMeta(mutate((j) => (j.scoring.items[0].dimension = "overall"))),
    ).toThrow(/overall/);
    expect(() => parseScoringMeta(mutate((j) => (j.scoring.fixedGroup = "parent")))).toThrow(/fixedGroup/);
    expect(() => parseScoringMeta(mutate((j) => (j.scoring.maxScore = 4)))).toThrow(/maxScore/);
    expect(() => parseScoringMeta(mutate((j) => (j.scoring.extra = 1)))).toThrow();
  });
});

describe("resolveCredits", () => {
  it("keeps the default (一般 = not 认可) and lets policy count 一般 as 认可", () => {
    const meta = parseScoringMeta(social);
    expect(resolveCredits(meta)["3"]).toBe("negative");
    const lenient = resolveCredits(meta, { "3": "positive" });
    expect(lenient["3"]).toBe("positive");
    expect(lenient["5"]).toBe("positive");
    expect(meta.credits["3"]).toBe("negative"); // the metadata itself is not mutated
    expect(() => resolveCredits(meta, { "6": "positive" })).toThrow(/6/);
  });
});

describe("creditAnswers", () => {
  const meta = parseScoringMeta(social);
  const answers = { ...validParent, q1: 4, q2: 3, q3: "dk", q4: 1, overall: 5 } as Record<string, string | number>;
  delete answers.q5;

  it("maps each scored item to its credit and score under the default policy", () => {
    const { answers: credits, scores } = creditAnswers(meta, answers);
    expect(Object.keys(credits)).toEqual(["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "overall"]);
    expect(credits).toMatchObject({ q1: "positive", q2: "negative", q3: "excluded", q4: "negative", q5: null, overall: "positive" });
    expect(scores).toMatchObject({ q1: 4, q2: 3, q3: null, q4: 1, q5: null, overall: 5 });
    expect("identity" in credits).toBe(false);
  });

  it("counts 一般 as 认可 under a lenient policy", () => {
    const { answers: credits } = creditAnswers(meta, answers, resolveCredits(meta, { "3": "positive" }));
    expect(credits.q2).toBe("positive");
  });
});

describe("toSurveyJson", () => {
  it("drops only the scoring block", () => {
    const plain = toSurveyJson(social);
    expect("scoring" in plain).toBe(false);
    expect(plain.pages).toBe(social.pages);
    expect(plain.locale).toBe("zh-cn");
  });
});

describe("parseQuestionnaire (compile-time checks)", () => {
  it("lists the social v1 questions in display order", () => {
    const q = parseQuestionnaire(social);
    expect(q.questions.map((x) => x.name)).toEqual([
      "identity", "area", "gradeBand", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "overall", "comment",
    ]);
    expect(q.questions.find((x) => x.name === "gradeBand")?.visibleIf).toEqual({ question: "identity", equals: "parent" });
  });

  it.each([
    ["an unsupported question type", (j: any) => (j.pages[1].elements[0].type = "rating"), /类型 rating/],
    ["an unsupported property", (j: any) => (j.pages[1].elements[0].showOtherItem = true), /showOtherItem/],
    ["a complex visibleIf", (j: any) => (j.pages[0].elements[2].visibleIf = "{identity} anyof ['parent']"), /visibleIf/],
    ["a visibleIf on a later question", (j: any) => (j.pages[0].elements[2].visibleIf = "{q1} = 5"), /前面/],
    ["a visibleIf value that is not a choice", (j: any) => (j.pages[0].elements[2].visibleIf = "{identity} = 'x'"), /不是 identity 的选项/],
    ["a visibleIf on a scored item", (j: any) => (j.pages[1].elements[0].visibleIf = "{identity} = 'parent'"), /计分题 q1 不能设置 visibleIf/],
    ["an optional scored item", (j: any) => (j.pages[1].elements[0].isRequired = false), /计分题 q1 必须必答/],
    ["a scored item with a different scale", (j: any) => j.pages[1].elements[0].choices.pop(), /计分题 q1 的选项/],
    ["a duplicate name", (j: any) => (j.pages[1].elements[1].name = "q1"), /重复/],
    ["a text question without maxLength", (j: any) => delete j.pages[1].elements[10].maxLength, /maxLength/],
    ["identity not first", (j: any) => j.pages[0].elements.reverse(), /第一题/],
    ["groupMap not matching the identity choices", (j: any) => j.pages[0].elements[0].choices.pop(), /groupMap/],
    ["area choices that are not area codes", (j: any) => (j.pages[0].elements[1].choices[0].value = "city"), /城乡题/],
    ["a wrong locale", (j: any) => (j.locale = "en"), /locale/],
    ["an unknown survey property", (j: any) => (j.triggers = []), /triggers/],
    ["a scored item that does not exist", (j: any) => (j.scoring.items[0].name = "q99"), /q99/],
    ["loosely duplicate choice values", (j: any) => (j.pages[0].elements[1].choices[0].value = "town"), /重复/],
  ])("rejects %s", (_label, edit, message) => {
    expect(() => parseQuestionnaire(mutate(edit))).toThrow(message);
  });

  it("accepts an html note, which takes no answer", () => {
    const json = mutate((j) => j.pages[1].elements.unshift({ type: "html", name: "intro", html: "<p>说明</p>" }));
    expect(parseQuestionnaire(json).questions.map((q) => q.name)).not.toContain("intro");
    const v = compileValidator(json);
    expect(v.validate(validParent).ok).toBe(true);
    expect(errorsOf(v.validate({ ...validParent, intro: "x" }))).toEqual([{ field: "intro", message: "问卷中没有这道题" }]);
  });

  it("rejects a text question (only comment is supported)", () => {
    expect(() => parseQuestionnaire(mutate((j) => (j.pages[1].elements[10].type = "text")))).toThrow(/类型 text/);
  });

  it("rejects non-objects", () => {
    expect(() => parseQuestionnaire(null)).toThrow();
    expect(() => parseQuestionnaire([])).toThrow();
    expect(() => parseQuestionnaire("{}")).toThrow();
  });
});

describe("compileValidator — social v1", () => {
  const validator = compileValidator(social);

  it("is built once per JSON object", () => {
    expect(compileValidator(social)).toBe(validator);
  });

  it("accepts a complete parent answer and derives group, area and grade band", () => {
    const result = validator.validate({ ...validParent, comment: "  希望多开展课后服务。 " });
    expect(result).toEqual({
      ok: true,
      value: { ...validParent, comment: "希望多开展课后服务。" },
      group: "parent",
      area: "rural",
      gradeBand: "junior",
    });
  });

  it("accepts a deputy without a grade band and drops a grade band sent for a hidden question", () => {
    const result = validator.validate({ ...validParent, identity: "deputy", area: "urban" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.group).toBe("deputy");
    expect(result.gradeBand).toBeNull();
    expect("gradeBand" in result.value).toBe(false);
  });

  it("accepts 不了解 and treats an empty or whitespace comment as no comment", () => {
    const allDk = Object.fromEntries(Object.keys(ALL_FIVE).map((k) => [k, "dk"]));
    for (const comment of ["", "   ", null]) {
      const result = validator.validate({ ...validParent, ...allDk, comment });
      expect(result.ok).toBe(true);
      if (result.ok) expect("comment" in result.value).toBe(false);
    }
  });

  it("reports each missing required answer in Chinese", () => {
    const { gradeBand: _g, q3: _q3, ...rest } = validParent;
    expect(errorsOf(validator.validate(rest))).toEqual([
      { field: "gradeBand", message: "请回答此题" },
      { field: "q3", message: "请回答此题" },
    ]);
  });

  it("requires every question of an empty answer except the hidden grade band and the comment", () => {
    const fields = errorsOf(validator.validate({})).map((e) => e.field);
    expect(fields).toEqual(["identity", "area", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "overall"]);
  });

  it.each([
    ["a string for a numeric choice", { q1: "5" }, "q1", "不是本题的有效选项"],
    ["a value outside the choices", { q1: 6 }, "q1", "不是本题的有效选项"],
    ["0", { q1: 0 }, "q1", "不是本题的有效选项"],
    ["a boolean", { q1: true }, "q1", "答案类型不正确"],
    ["an array", { q1: [5] }, "q1", "答案类型不正确"],
    ["an object", { q1: { value: 5 } }, "q1", "答案类型不正确"],
    ["an unknown identity", { identity: "teacher" }, "identity", "不是本题的有效选项"],
    ["a number as comment", { comment: 12 }, "comment", "答案类型不正确，应为文字"],
    ["an over-long comment", { comment: "好".repeat(501) }, "comment", "字数超出限制（最多 500 字）"],
    ["an unknown key", { q10: 5 }, "q10", "问卷中没有这道题"],
    ["a __proto__ key", JSON.parse('{"__proto__": {"polluted": 1}}'), "__proto__", "问卷中没有这道题"],
    ["a constructor key", { constructor: 1 }, "constructor", "问卷中没有这道题"],
  ])("rejects %s", (_label, patch, field, message) => {
    const result = validator.validate({ ...validParent, ...patch });
    expect(errorsOf(result)).toEqual([{ field, message }]);
    expect(({} as any).polluted).toBeUndefined();
  });

  it("accepts a comment of exactly 500 characters", () => {
    expect(validator.validate({ ...validParent, comment: "好".repeat(500) }).ok).toBe(true);
  });

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["a number", 42],
    ["a string", JSON.stringify(validParent)],
    ["an array", [validParent]],
    ["a date", new Date()],
    ["a map", new Map(Object.entries(validParent))],
  ])("rejects %s as a whole payload without throwing", (_label, input) => {
    expect(errorsOf(validator.validate(input))).toEqual([{ field: "", message: "答卷格式不正确，应为对象" }]);
  });

  it("accepts a null-prototype object", () => {
    const input = Object.assign(Object.create(null), validParent);
    expect(validator.validate(input).ok).toBe(true);
  });

  it("never throws on hostile objects", () => {
    const throwing = Object.defineProperty({ ...validParent }, "q1", {
      enumerable: true,
      get() {
        throw new Error("boom");
      },
    });
    expect(errorsOf(validator.validate(throwing))).toEqual([{ field: "", message: "答卷格式不正确" }]);
    const proxy = new Proxy({}, { ownKeys: () => { throw new Error("boom"); } });
    expect(validator.validate(proxy).ok).toBe(false);
  });

  it("caps the number of errors and the length of echoed field names", () => {
    const many: Record<string, number> = {};
    for (let i = 0; i < 10_000; i++) many[`x${i}`] = i;
    many["y".repeat(10_000)] = 1;
    const errors = errorsOf(validator.validate(many));
    expect(errors).toHaveLength(MAX_ERRORS);
    const long = errorsOf(validator.validate({ ...validParent, ["y".repeat(10_000)]: 1 }));
    expect(long[0].field).toHaveLength(64);
  });

  it("handles a 10 MB comment quickly", () => {
    const started = performance.now();
    const result = validator.validate({ ...validParent, comment: "x".repeat(10_000_000) });
    expect(errorsOf(result)[0].field).toBe("comment");
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("compileValidator — staff and student v1", () => {
  it("maps 校长 and 教师 and has no grade band", () => {
    const v = compileValidator(staff);
    const result = v.validate({ identity: "principal", area: "town", stage: "combined", ...ALL_FIVE });
    expect(result).toMatchObject({ ok: true, group: "principal", area: "town", gradeBand: null });
    expect(errorsOf(v.validate({ identity: "parent", area: "town", stage: "combined", ...ALL_FIVE }))).toEqual([
      { field: "identity", message: "不是本题的有效选项" },
    ]);
  });

  it("fixes the group to 学生 and maps grades 3–6 and 7–9 to bands", () => {
    const v = compileValidator(student);
    const items = { q1: 4, q2: 4, q3: 3, q4: 2, q5: "dk", q6: 1, q7: 5, q8: 5, overall: 4 };
    expect(v.validate({ grade: 3, area: "rural", ...items })).toMatchObject({ ok: true, group: "student", gradeBand: "primaryUpper" });
    expect(v.validate({ grade: 6, area: "rural", ...items })).toMatchObject({ ok: true, gradeBand: "primaryUpper" });
    expect(v.validate({ grade: 7, area: "rural", ...items })).toMatchObject({ ok: true, gradeBand: "junior" });
    expect(v.validate({ grade: 9, area: "rural", ...items })).toMatchObject({ ok: true, gradeBand: "junior" });
    expect(errorsOf(v.validate({ grade: 2, area: "rural", ...items }))).toEqual([
      { field: "grade", message: "不是本题的有效选项" },
    ]);
    expect(errorsOf(v.validate({ identity: "student", grade: 5, area: "rural", ...items }))).toEqual([
      { field: "identity", message: "问卷中没有这道题" },
    ]);
  });

  it("exposes the fingerprint fields and scored item names", () => {
    const v = compileValidator(student);
    expect(v.choiceQuestionNames).toEqual(["grade", "area", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "overall"]);
    expect(v.scoredItemNames).toEqual(["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "overall"]);
  });
});
