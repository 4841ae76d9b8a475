/**
 * Invariants of every published questionnaire (`surveys/<family>.v<N>.json`), checked through survey-core —
 * the engine that renders them — and the proof that the compiled submit-path validator agrees with survey-core.
 */
import { readdirSync, readFileSync } from "node:fs";
import { Model } from "survey-core";
import "survey-core/i18n/simplified-chinese";
import { describe, expect, it } from "vitest";
import {
  CONTENT_DIMENSIONS,
  SCALE_VALUES,
  compileValidator,
  parseScoringMeta,
  toSurveyJson,
  type QuestionSpec,
} from "../app/domain/survey/questionnaire";

const dir = new URL("./", import.meta.url);
const files = readdirSync(dir)
  .filter((f) => /\.v\d+\.json$/.test(f))
  .sort();
const questionnaires = files.map((file) => ({ file, json: JSON.parse(readFileSync(new URL(file, dir), "utf8")) }));

// Building a model takes ~15 ms, so one model per questionnaire is reused: clear, load the payload, validate.
const models = new WeakMap<object, Model>();

/** Names of the questions survey-core reports errors on, for this payload (the server-side use of survey-core). */
function surveyCoreErrors(json: object, data: Record<string, unknown>): string[] {
  let model = models.get(json);
  if (!model) models.set(json, (model = new Model(toSurveyJson(json))));
  model.clear(true, true);
  model.data = structuredClone(data);
  const ok = model.validate(true, false);
  const fields = model
    .getAllQuestions()
    .filter((q) => q.isVisible && q.errors.length > 0)
    .map((q) => q.name);
  expect(ok).toBe(fields.length === 0);
  return fields;
}

/** Deterministic PRNG (mulberry32), so a failing payload can be reproduced. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A payload that answers every question with a valid choice (and a comment). */
function completeAnswer(questions: readonly QuestionSpec[], pick: (n: number) => number) {
  const data: Record<string, unknown> = {};
  for (const q of questions) {
    if (q.kind === "choice") data[q.name] = q.choices[pick(q.choices.length)];
    else data[q.name] = "学校很好，希望继续保持。";
  }
  return data;
}

it("finds the three v1 questionnaires", () => {
  expect(files).toEqual(["social.v1.json", "staff.v1.json", "student.v1.json"]);
});

describe.each(questionnaires)("$file", ({ file, json }) => {
  const meta = parseScoringMeta(json);
  const validator = compileValidator(json);
  const model = new Model(toSurveyJson(json));
  const questions = model.getAllQuestions();
  const byName = new Map(questions.map((q) => [q.name, q]));

  it("is named after the family and version in its metadata", () => {
    expect(file).toBe(`${meta.family}.v${meta.version}.json`);
  });

  it("loads in survey-core without JSON errors, in Simplified Chinese", () => {
    expect(model.jsonErrors ?? []).toEqual([]);
    expect(json.locale).toBe("zh-cn");
    expect(model.locale).toBe("zh-cn");
    // The scoring block is unknown to survey-core: it is recorded as a JSON error and dropped, never thrown.
    const withScoring = new Model(json);
    expect((withScoring.jsonErrors ?? []).map((e: { message: string }) => e.message)).toEqual([
      "Unknown property in class 'survey': 'scoring'.",
    ]);
    expect("scoring" in withScoring.toJSON()).toBe(false);
    expect(withScoring.getAllQuestions().length).toBe(questions.length);
  });

  it("opens with the identity question (or, for a single-group questionnaire, the grade)", () => {
    if (meta.fixedGroup) {
      expect(meta.gradeBand).toBeDefined();
      expect(questions[0].name).toBe(meta.gradeBand!.question);
      expect(byName.has("identity")).toBe(false);
    } else {
      expect(questions[0].name).toBe("identity");
      expect(meta.groupQuestion).toBe("identity");
      expect(questions[0].getType()).toBe("radiogroup");
      expect(questions[0].isRequired).toBe(true);
      const choiceValues = questions[0].choices.map((c: { value: unknown }) => c.value);
      expect(Object.keys(meta.groupMap!).sort()).toEqual([...choiceValues].sort());
      expect(new Set(Object.values(meta.groupMap!))).toEqual(new Set(Object.keys(meta.groups)));
    }
  });

  it("asks the area (城区/镇区/乡村) as a required question", () => {
    const area = byName.get(meta.areaQuestion)!;
    expect(area.isRequired).toBe(true);
    expect(area.choices.map((c: { value: unknown }) => c.value)).toEqual(["urban", "town", "rural"]);
  });

  it("has unique question names", () => {
    const names = questions.map((q) => q.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("has every scored item present, required, with exactly the scale choices and a credit for each", () => {
    expect(meta.scale.map((c) => c.value)).toEqual([...SCALE_VALUES]);
    for (const item of meta.items) {
      const q = byName.get(item.name);
      expect(q, item.name).toBeDefined();
      expect(q!.getType()).toBe("radiogroup");
      expect(q!.isRequired).toBe(true);
      expect(q!.visibleIf ?? "").toBe("");
      expect(q!.choices.map((c: { value: unknown; text: string }) => [c.value, c.text])).toEqual(
        meta.scale.map((c) => [c.value, c.text]),
      );
      for (const c of q!.choices) expect(meta.credits[String(c.value)], `${item.name}:${c.value}`).toBeDefined();
    }
  });

  it("uses the 认可 wording (students: the 同意 wording) for the scale", () => {
    const texts = meta.scale.map((c) => c.text);
    expect(texts).toEqual(
      meta.family === "student"
        ? ["非常同意", "比较同意", "一般", "不太同意", "不同意", "不知道"]
        : ["非常认可", "比较认可", "一般", "不太认可", "不认可", "不了解"],
    );
    expect(meta.credits).toEqual({ "5": "positive", "4": "positive", "3": "negative", "2": "negative", "1": "negative", dk: "excluded" });
    expect(meta.creditsNote).toMatch(/一般/);
  });

  it("ends the rated part with a scored `overall` item", () => {
    const overall = meta.items.filter((i) => i.dimension === "overall");
    expect(overall).toEqual([{ name: "overall", dimension: "overall", scored: true }]);
    expect(byName.has("overall")).toBe(true);
    expect(meta.items[meta.items.length - 1].name).toBe("overall");
  });

  it("keeps to about ten rated items", () => {
    expect(meta.items.length).toBeGreaterThanOrEqual(8);
    expect(meta.items.length).toBeLessThanOrEqual(11);
    expect(meta.estimatedMinutes).toBe(3);
  });

  it("covers the content dimensions", () => {
    const covered = new Set(meta.items.map((i) => i.dimension));
    if (meta.family === "social" || meta.family === "staff") {
      for (const d of CONTENT_DIMENSIONS) expect(covered.has(d), d).toBe(true);
    }
    for (const d of covered) expect([...CONTENT_DIMENSIONS, "overall"]).toContain(d);
  });

  it("ends with an optional comment of at most 500 characters", () => {
    const comment = byName.get("comment")!;
    expect(questions[questions.length - 1]).toBe(comment);
    expect(comment.getType()).toBe("comment");
    expect(comment.isRequired).toBe(false);
    expect(comment.maxLength).toBe(500);
  });

  it("makes every other question required", () => {
    for (const q of questions) if (q.name !== "comment") expect(q.isRequired, q.name).toBe(true);
  });

  it("passes survey-core validation with a complete answer and fails with an empty one", () => {
    const complete = completeAnswer(validator.questions, () => 0);
    expect(surveyCoreErrors(json, complete)).toEqual([]);
    expect(validator.validate(complete).ok).toBe(true);
    const emptyErrors = surveyCoreErrors(json, {});
    expect(emptyErrors.length).toBeGreaterThan(0);
    expect(emptyErrors).toContain(meta.areaQuestion);
    const ours = validator.validate({});
    expect(ours.ok).toBe(false);
  });

  it("shows survey-core's required message in Chinese", () => {
    const m = new Model(toSurveyJson(json));
    m.validate(true, false);
    expect(m.getAllQuestions()[0].errors[0].getText()).toBe("请填写此问题");
  });

  it("agrees with survey-core on 200 well-typed payloads with random omissions", { timeout: 30_000 }, () => {
    const random = rng(meta.version * 1000 + file.length);
    const pick = (n: number) => Math.floor(random() * n);
    let accepted = 0;
    for (let i = 0; i < 200; i++) {
      const data = completeAnswer(validator.questions, pick);
      for (const name of Object.keys(data)) if (random() < 0.08) delete data[name];
      const coreFields = surveyCoreErrors(json, data);
      const result = validator.validate(data);
      const ourFields = result.ok ? [] : result.errors.map((e) => e.field);
      expect(ourFields, JSON.stringify(data)).toEqual(coreFields);
      if (result.ok) accepted++;
    }
    // Both outcomes must really occur, or the comparison proves nothing.
    expect(accepted).toBeGreaterThan(20);
    expect(accepted).toBeLessThan(180);
  });

  it("never accepts a malformed payload that survey-core rejects, and names at least the same fields", () => {
    const complete = completeAnswer(validator.questions, () => 1);
    const first = validator.questions[0].name;
    const firstScored = meta.items[0].name;
    const payloads: Record<string, unknown>[] = [
      {},
      { ...complete, [first]: "nonsense" },
      { ...complete, [firstScored]: 0 },
      { ...complete, [firstScored]: 99 },
      { ...complete, [firstScored]: true },
      { ...complete, [firstScored]: {} },
      { ...complete, [firstScored]: null },
      { ...complete, [firstScored]: "" },
      { ...complete, comment: "   " },
      { [first]: complete[first] },
    ];
    for (const data of payloads) {
      const coreFields = surveyCoreErrors(json, data);
      const result = validator.validate(data);
      const ourFields = result.ok ? [] : result.errors.map((e) => e.field);
      for (const f of coreFields) expect(ourFields, JSON.stringify(data)).toContain(f);
      if (!result.ok) continue;
      expect(coreFields, JSON.stringify(data)).toEqual([]);
    }
  });

  it("is stricter than survey-core where survey-core is lenient (documented divergences)", () => {
    const complete = completeAnswer(validator.questions, () => 0);
    const firstScored = meta.items[0].name;
    const lenient: [string, Record<string, unknown>, string][] = [
      ["numeric choice sent as a string", { ...complete, [firstScored]: "5" }, firstScored],
      ["choice wrapped in an array", { ...complete, [firstScored]: [5] }, firstScored],
      ["unknown key", { ...complete, extra: 1 }, "extra"],
      ["over-long comment", { ...complete, comment: "长".repeat(501) }, "comment"],
      ["object as comment", { ...complete, comment: { text: "x" } }, "comment"],
    ];
    for (const [label, data, field] of lenient) {
      expect(surveyCoreErrors(json, data), label).toEqual([]);
      const result = validator.validate(data);
      expect(result.ok, label).toBe(false);
      if (!result.ok) expect(result.errors.map((e) => e.field), label).toEqual([field]);
    }
  });
});

describe("conditional grade band (社会卷)", () => {
  const json = questionnaires.find((q) => q.file === "social.v1.json")!.json;
  const validator = compileValidator(json);
  const base = completeAnswer(validator.questions, () => 0);
  delete base.gradeBand;

  it.each(["parent", "deputy", "cppcc", "public"])("identity %s", (identity) => {
    const data = { ...base, identity };
    const coreFields = surveyCoreErrors(json, data);
    const result = validator.validate(data);
    const expected = identity === "parent" ? ["gradeBand"] : [];
    expect(coreFields).toEqual(expected);
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(expected);
  });
});
