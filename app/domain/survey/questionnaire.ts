/**
 * Questionnaire metadata (the `scoring` block inside each `surveys/<family>.v<N>.json`) and a fast,
 * survey-core-free answer validator for the submit path.
 *
 * Why a second validator: survey-core needs ~2 ms to build a model and its `validate()` accepts unknown keys,
 * loosely-equal values ("5" for 5, [5] for 5), objects in text questions and over-long text. The compiled
 * validator below is built once per questionnaire version and is strict; `surveys/questionnaires.test.ts`
 * proves it never accepts a payload survey-core rejects and agrees with it on well-typed payloads.
 */
import { z } from "zod";

export const FAMILIES = ["social", "staff", "student"] as const;
export type Family = (typeof FAMILIES)[number];

/** Respondent groups (调查对象). */
export const GROUP_CODES = ["parent", "deputy", "cppcc", "public", "principal", "teacher", "student"] as const;
export type GroupCode = (typeof GROUP_CODES)[number];

/** 城区 / 镇区 / 乡村. */
export const AREA_CODES = ["urban", "town", "rural"] as const;
export type AreaCode = (typeof AREA_CODES)[number];

/** 小学一二年级 / 小学三至六年级 / 初中七至九年级. */
export const GRADE_BAND_CODES = ["primaryLower", "primaryUpper", "junior"] as const;
export type GradeBandCode = (typeof GRADE_BAND_CODES)[number];

/** The seven content areas of the official scope (domain-spec §1.4, 2024 wording) plus the overall item. */
export const CONTENT_DIMENSIONS = [
  "equity", // 落实教育公平政策
  "resourceSharing", // 推动优质资源共享
  "schoolConduct", // 规范办学行为
  "qualityEducation", // 实施素质教育
  "examReform", // 考试评价制度改革
  "educationQuality", // 提高教育质量
  "workload", // 减轻过重课业负担
] as const;
export const DIMENSIONS = [...CONTENT_DIMENSIONS, "overall"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** How an answer counts in the recognition rate: 认可 / 不认可 / not in the denominator. */
export const CREDIT_KINDS = ["positive", "negative", "excluded"] as const;
export type Credit = (typeof CREDIT_KINDS)[number];

/** The value set every rated item must offer, in this order (5 = best; "dk" = 不了解). */
export const SCALE_VALUES = [5, 4, 3, 2, 1, "dk"] as const;
export type ScaleValue = (typeof SCALE_VALUES)[number];

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const QuestionNameSchema = z.string().regex(NAME_PATTERN, "题目名称只能使用字母、数字和下划线，且以字母开头");
const ChoiceValueSchema = z.union([z.string().min(1).max(64), z.number().finite()]);

export const GroupCodeSchema = z.enum(GROUP_CODES);
export const AreaCodeSchema = z.enum(AREA_CODES);
export const GradeBandCodeSchema = z.enum(GRADE_BAND_CODES);
export const DimensionSchema = z.enum(DIMENSIONS);
export const CreditSchema = z.enum(CREDIT_KINDS);

export const CreditsSchema = z.record(z.string(), CreditSchema);
export type Credits = z.infer<typeof CreditsSchema>;

export const ScoringItemSchema = z
  .object({ name: QuestionNameSchema, dimension: DimensionSchema, scored: z.boolean() })
  .strict();
export type ScoringItem = z.infer<typeof ScoringItemSchema>;

export const ScoringMetaSchema = z
  .object({
    /** Questionnaire version; equals N in the file name `<family>.v<N>.json`. */
    version: z.number().int().positive(),
    family: z.enum(FAMILIES),
    /** Short Chinese name, e.g. 社会卷. */
    title: z.string().min(1),
    /** Expected completion time in minutes (basis of the too-fast check until a median exists). */
    estimatedMinutes: z.number().positive().max(120),
    /** Group code → Chinese label, for the groups this questionnaire serves. */
    groups: z.record(GroupCodeSchema, z.string().min(1)),
    /** Name of the identity question whose answer decides the group… */
    groupQuestion: QuestionNameSchema.optional(),
    /** …and how its choice values map to group codes. */
    groupMap: z.record(z.string(), GroupCodeSchema).optional(),
    /** Or a fixed group when the questionnaire serves one group only (学生卷). */
    fixedGroup: GroupCodeSchema.optional(),
    /** Question whose choice values are the area codes (urban/town/rural). */
    areaQuestion: QuestionNameSchema,
    /** Question giving the grade band; with `map`, choice value (as a string) → band; without, values are bands. */
    gradeBand: z
      .object({ question: QuestionNameSchema, map: z.record(z.string(), GradeBandCodeSchema).optional() })
      .strict()
      .optional(),
    /** The rating scale every scored item offers: values exactly 5,4,3,2,1,"dk" in this order. */
    scale: z.array(z.object({ value: ChoiceValueSchema, text: z.string().min(1) }).strict()).min(2),
    items: z.array(ScoringItemSchema).min(1),
    /** Scale value (as a string key) → credit. Default policy; overridable, see `resolveCredits`. */
    credits: CreditsSchema,
    /** Chinese explanation of the default credit policy (open question domain-spec §6.7). */
    creditsNote: z.string().min(1),
    /** Highest numeric scale value; mean score / maxScore gives the score-based rate. */
    maxScore: z.number().positive(),
  })
  .strict()
  .superRefine((meta, ctx) => {
    const issue = (message: string, path: (string | number)[]) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, message, path });

    if ((meta.groupQuestion === undefined) === (meta.fixedGroup === undefined)) {
      issue("groupQuestion 与 fixedGroup 必须且只能设置一个", ["groupQuestion"]);
    }
    if (meta.groupQuestion !== undefined && meta.groupMap === undefined) {
      issue("设置 groupQuestion 时必须提供 groupMap", ["groupMap"]);
    }
    if (meta.fixedGroup !== undefined && meta.groupMap !== undefined) {
      issue("fixedGroup 与 groupMap 不能同时设置", ["groupMap"]);
    }
    const groupCodes = new Set(Object.keys(meta.groups));
    if (meta.fixedGroup !== undefined && !groupCodes.has(meta.fixedGroup)) {
      issue(`fixedGroup ${meta.fixedGroup} 不在 groups 中`, ["fixedGroup"]);
    }
    for (const [choice, group] of Object.entries(meta.groupMap ?? {})) {
      if (!groupCodes.has(group)) issue(`groupMap.${choice} → ${group} 不在 groups 中`, ["groupMap", choice]);
    }

    const scaleValues = meta.scale.map((c) => c.value);
    if (scaleValues.length !== SCALE_VALUES.length || scaleValues.some((v, i) => v !== SCALE_VALUES[i])) {
      issue(`scale 的取值必须依次为 ${SCALE_VALUES.join(",")}`, ["scale"]);
    }
    const scaleKeys = scaleValues.map(String);
    const creditKeys = Object.keys(meta.credits);
    for (const key of scaleKeys) {
      if (!(key in meta.credits)) issue(`credits 缺少选项 ${key}`, ["credits", key]);
    }
    for (const key of creditKeys) {
      if (!scaleKeys.includes(key)) issue(`credits 中的 ${key} 不是量表选项`, ["credits", key]);
    }
    const numeric = scaleValues.filter((v): v is number => typeof v === "number");
    if (numeric.length > 0 && meta.maxScore !== Math.max(...numeric)) {
      issue("maxScore 必须等于量表的最高分值", ["maxScore"]);
    }

    const names = new Set<string>();
    meta.items.forEach((item, i) => {
      if (names.has(item.name)) issue(`items 中题目 ${item.name} 重复`, ["items", i, "name"]);
      names.add(item.name);
    });
    const overall = meta.items.filter((i) => i.dimension === "overall");
    if (overall.length !== 1 || overall[0].name !== "overall" || !overall[0].scored) {
      issue("必须有且只有一个名为 overall、维度为 overall 且计分的总体评价题", ["items"]);
    }
  });
export type ScoringMeta = z.infer<typeof ScoringMetaSchema>;

/**
 * Parses the `scoring` block of a questionnaire JSON. Throws a ZodError when it is missing or malformed.
 * No units or rounding: a structural check only.
 */
export function parseScoringMeta(json: unknown): ScoringMeta {
  const scoring = isPlainRecord(json) ? json.scoring : undefined;
  return ScoringMetaSchema.parse(scoring);
}

/**
 * Returns the questionnaire JSON without the `scoring` block, for `new Model(...)` in survey-core, which
 * otherwise records "Unknown property in class 'survey': 'scoring'" in `model.jsonErrors` (it does not throw,
 * and drops the property from `toJSON()`). Shallow copy; no units.
 */
export function toSurveyJson<T extends object>(json: T): Omit<T, "scoring"> {
  const { scoring: _scoring, ...rest } = json as T & { scoring?: unknown };
  return rest;
}

/**
 * Merges a policy override (e.g. "一般 counts as positive") over the questionnaire's default credits.
 * Throws when the override names a value that is not on the scale. No units.
 */
export function resolveCredits(meta: ScoringMeta, override?: Partial<Credits>): Credits {
  const merged: Credits = { ...meta.credits };
  for (const [key, credit] of Object.entries(override ?? {})) {
    if (!(key in meta.credits)) throw new Error(`计分口径中的选项 ${key} 不在量表中`);
    merged[key] = CreditSchema.parse(credit);
  }
  return merged;
}

export type ItemCredits = {
  /** Scored item name → credit; null when unanswered. */
  answers: Record<string, Credit | null>;
  /** Scored item name → numeric score 1..maxScore; null when unanswered or 不了解. */
  scores: Record<string, number | null>;
};

/**
 * Turns validated answers into per-item credits and scores (the input shape of the recognition module).
 * Scores are the scale's own numeric values (5 = 非常认可 … 1 = 不认可), unrounded; "dk" has no score.
 * Item names are unique within one questionnaire only (`overall` exists in every family): qualify them with
 * family and version before pooling families.
 */
export function creditAnswers(meta: ScoringMeta, answers: Readonly<Answers>, credits: Credits = meta.credits): ItemCredits {
  const result: ItemCredits = { answers: {}, scores: {} };
  for (const item of meta.items) {
    if (!item.scored) continue;
    const value = Object.prototype.hasOwnProperty.call(answers, item.name) ? answers[item.name] : undefined;
    result.answers[item.name] = value === undefined ? null : (credits[String(value)] ?? null);
    result.scores[item.name] = typeof value === "number" ? value : null;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Question model (read from the raw JSON, not from survey-core)

export type ChoiceValue = string | number;

/** `{name} = 'literal'` — the only visibleIf form the questionnaires use. */
export type VisibleIfCondition = { question: string; equals: ChoiceValue };

export type QuestionSpec =
  | {
      kind: "choice";
      name: string;
      title: string;
      isRequired: boolean;
      choices: ChoiceValue[];
      visibleIf: VisibleIfCondition | null;
    }
  | {
      kind: "text";
      name: string;
      title: string;
      isRequired: boolean;
      maxLength: number;
      visibleIf: VisibleIfCondition | null;
    };

export type Questionnaire = {
  meta: ScoringMeta;
  locale: string;
  /** Answerable questions in display order. */
  questions: QuestionSpec[];
};

const SURVEY_KEYS = new Set([
  "title",
  "description",
  "locale",
  "pages",
  "showQuestionNumbers",
  "showProgressBar",
  "widthMode",
  "completedHtml",
  "scoring",
]);
const PAGE_KEYS = new Set(["name", "title", "description", "elements"]);
const CHOICE_KEYS = new Set(["type", "name", "title", "description", "isRequired", "visibleIf", "choices", "colCount"]);
const TEXT_KEYS = new Set(["type", "name", "title", "description", "isRequired", "visibleIf", "maxLength", "placeholder", "rows"]);
const HTML_KEYS = new Set(["type", "name", "html", "visibleIf"]);

/**
 * Reads a questionnaire JSON into a question list and checks it against its scoring metadata. Any SurveyJS
 * feature the compiled validator does not reproduce (panels, validators, requiredIf, "other" items, complex
 * conditions…) is rejected here, so a new version cannot silently drift from survey-core's behaviour.
 * Throws an Error listing every problem. No units.
 */
export function parseQuestionnaire(json: unknown): Questionnaire {
  const problems: string[] = [];
  if (!isPlainRecord(json)) throw new Error("问卷 JSON 必须是对象");
  const metaResult = ScoringMetaSchema.safeParse(json.scoring);
  if (!metaResult.success) {
    throw new Error(
      "scoring 元数据无效：" +
        metaResult.error.issues.map((i) => `${i.path.join(".") || "scoring"}: ${i.message}`).join("；"),
    );
  }
  const meta = metaResult.data;

  for (const key of Object.keys(json)) {
    if (!SURVEY_KEYS.has(key)) problems.push(`问卷不支持属性 ${key}`);
  }
  const locale = typeof json.locale === "string" ? json.locale : "";
  if (locale !== "zh-cn") problems.push('locale 必须为 "zh-cn"');

  const questions: QuestionSpec[] = [];
  const byName = new Map<string, QuestionSpec>();
  const elementNames = new Set<string>();
  const pages = Array.isArray(json.pages) ? json.pages : [];
  if (pages.length === 0) problems.push("问卷必须包含 pages");

  pages.forEach((page, p) => {
    if (!isPlainRecord(page)) return problems.push(`第 ${p + 1} 页格式无效`);
    for (const key of Object.keys(page)) {
      if (!PAGE_KEYS.has(key)) problems.push(`第 ${p + 1} 页不支持属性 ${key}`);
    }
    const elements = Array.isArray(page.elements) ? page.elements : [];
    elements.forEach((el, e) => {
      const where = `第 ${p + 1} 页第 ${e + 1} 个元素`;
      if (!isPlainRecord(el)) return problems.push(`${where}格式无效`);
      const name = typeof el.name === "string" ? el.name : "";
      if (!NAME_PATTERN.test(name)) return problems.push(`${where}的名称 ${String(el.name)} 无效`);
      if (elementNames.has(name)) problems.push(`题目名称 ${name} 重复`);
      elementNames.add(name);
      const allowed =
        el.type === "radiogroup" ? CHOICE_KEYS : el.type === "comment" ? TEXT_KEYS : el.type === "html" ? HTML_KEYS : null;
      if (!allowed) return problems.push(`题目 ${name} 的类型 ${String(el.type)} 不受支持`);
      for (const key of Object.keys(el)) {
        if (!allowed.has(key)) problems.push(`题目 ${name} 不支持属性 ${key}`);
      }
      if (el.type === "html") {
        if (el.visibleIf !== undefined) problems.push(`说明 ${name} 不能设置 visibleIf`);
        return;
      }
      const title = typeof el.title === "string" ? el.title : "";
      if (!title) problems.push(`题目 ${name} 缺少标题`);
      if (el.isRequired !== undefined && typeof el.isRequired !== "boolean") problems.push(`题目 ${name} 的 isRequired 必须是布尔值`);
      const visibleIf = el.visibleIf === undefined ? null : parseCondition(el.visibleIf, name, byName, problems);
      const isRequired = el.isRequired === true;
      let spec: QuestionSpec;
      if (el.type === "radiogroup") {
        const choices = readChoices(el.choices, name, problems);
        spec = { kind: "choice", name, title, isRequired, choices, visibleIf };
      } else {
        const maxLength = el.maxLength;
        if (typeof maxLength !== "number" || !Number.isInteger(maxLength) || maxLength <= 0) {
          problems.push(`文本题 ${name} 必须设置正整数 maxLength`);
        }
        spec = { kind: "text", name, title, isRequired, maxLength: Number(maxLength) || 0, visibleIf };
      }
      questions.push(spec);
      byName.set(name, spec);
    });
  });

  checkMetaAgainstQuestions(meta, byName, questions, problems);
  if (problems.length > 0) throw new Error(`问卷 ${meta.family}.v${meta.version} 无效：\n- ${problems.join("\n- ")}`);
  return { meta, locale, questions };
}

function readChoices(raw: unknown, name: string, problems: string[]): ChoiceValue[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.push(`单选题 ${name} 必须有选项`);
    return [];
  }
  const values: ChoiceValue[] = [];
  const seen = new Set<string>();
  raw.forEach((choice, i) => {
    let value: unknown = choice;
    if (isPlainRecord(choice)) {
      for (const key of Object.keys(choice)) {
        if (key !== "value" && key !== "text") problems.push(`单选题 ${name} 第 ${i + 1} 个选项不支持属性 ${key}`);
      }
      if (typeof choice.text !== "string" || choice.text === "") problems.push(`单选题 ${name} 第 ${i + 1} 个选项缺少文字`);
      value = choice.value;
    }
    const parsed = ChoiceValueSchema.safeParse(value);
    if (!parsed.success) return problems.push(`单选题 ${name} 第 ${i + 1} 个选项的值无效`);
    // survey-core compares choice values loosely ("5" == 5), so values must differ as strings too.
    const key = String(parsed.data);
    if (seen.has(key)) problems.push(`单选题 ${name} 的选项值 ${key} 重复`);
    seen.add(key);
    values.push(parsed.data);
  });
  return values;
}

const CONDITION_PATTERN = /^\s*\{([A-Za-z][A-Za-z0-9_]*)\}\s*=\s*(?:'([^'\\]*)'|"([^"\\]*)"|(-?\d+(?:\.\d+)?))\s*$/;

function parseCondition(
  raw: unknown,
  owner: string,
  earlier: ReadonlyMap<string, QuestionSpec>,
  problems: string[],
): VisibleIfCondition | null {
  const match = typeof raw === "string" ? CONDITION_PATTERN.exec(raw) : null;
  if (!match) {
    problems.push(`题目 ${owner} 的 visibleIf 只支持 {题目} = '值' 形式`);
    return null;
  }
  const [, question, single, double, number] = match;
  const equals: ChoiceValue = number !== undefined ? Number(number) : (single ?? double ?? "");
  const target = earlier.get(question);
  if (!target || target.kind !== "choice") {
    problems.push(`题目 ${owner} 的 visibleIf 必须引用排在它前面的单选题`);
    return null;
  }
  if (target.visibleIf) problems.push(`题目 ${owner} 的 visibleIf 引用的题目本身不能再有 visibleIf`);
  if (!target.choices.includes(equals)) problems.push(`题目 ${owner} 的 visibleIf 中的值 ${String(equals)} 不是 ${question} 的选项`);
  return { question, equals };
}

function checkMetaAgainstQuestions(
  meta: ScoringMeta,
  byName: ReadonlyMap<string, QuestionSpec>,
  questions: readonly QuestionSpec[],
  problems: string[],
): void {
  const requireFact = (name: string, role: string): Extract<QuestionSpec, { kind: "choice" }> | null => {
    const q = byName.get(name);
    if (!q || q.kind !== "choice") {
      problems.push(`${role}题 ${name} 不存在或不是单选题`);
      return null;
    }
    if (!q.isRequired) problems.push(`${role}题 ${name} 必须必答`);
    return q;
  };

  if (meta.groupQuestion !== undefined) {
    const q = requireFact(meta.groupQuestion, "身份");
    if (q) {
      if (q.visibleIf) problems.push(`身份题 ${q.name} 不能设置 visibleIf`);
      if (questions[0] !== q) problems.push(`身份题 ${q.name} 必须是第一题`);
      const mapKeys = Object.keys(meta.groupMap ?? {});
      const choiceKeys = q.choices.map(String);
      if (mapKeys.length !== choiceKeys.length || choiceKeys.some((c) => !mapKeys.includes(c))) {
        problems.push(`groupMap 的键必须与身份题 ${q.name} 的选项一一对应`);
      }
    }
  }

  const area = requireFact(meta.areaQuestion, "城乡");
  if (area) {
    if (area.visibleIf) problems.push(`城乡题 ${area.name} 不能设置 visibleIf`);
    const keys = area.choices.map(String);
    if (keys.length !== AREA_CODES.length || AREA_CODES.some((c) => !keys.includes(c))) {
      problems.push(`城乡题 ${area.name} 的选项值必须是 ${AREA_CODES.join("/")}`);
    }
  }

  if (meta.gradeBand) {
    const q = requireFact(meta.gradeBand.question, "年级段");
    if (q) {
      const keys = q.choices.map(String);
      if (meta.gradeBand.map) {
        const mapKeys = Object.keys(meta.gradeBand.map);
        if (mapKeys.length !== keys.length || keys.some((k) => !mapKeys.includes(k))) {
          problems.push(`gradeBand.map 的键必须与 ${q.name} 的选项一一对应`);
        }
      } else if (keys.some((k) => !(GRADE_BAND_CODES as readonly string[]).includes(k))) {
        problems.push(`年级段题 ${q.name} 的选项值必须是 ${GRADE_BAND_CODES.join("/")}`);
      }
    }
  }
  // With a fixed group, the questionnaire opens with the grade (学生卷) — the sampling fact that replaces identity.
  if (meta.fixedGroup !== undefined && meta.gradeBand && questions[0]?.name !== meta.gradeBand.question) {
    problems.push(`固定身份的问卷必须以年级题 ${meta.gradeBand.question} 开头`);
  }

  const scaleValues = meta.scale.map((c) => c.value);
  for (const item of meta.items) {
    const q = byName.get(item.name);
    if (!q || q.kind !== "choice") {
      problems.push(`计分题 ${item.name} 不存在或不是单选题`);
      continue;
    }
    if (!q.isRequired) problems.push(`计分题 ${item.name} 必须必答`);
    // Scored items are always shown, so every respondent has the same denominator.
    if (q.visibleIf) problems.push(`计分题 ${item.name} 不能设置 visibleIf`);
    if (q.choices.length !== scaleValues.length || q.choices.some((v, i) => v !== scaleValues[i])) {
      problems.push(`计分题 ${item.name} 的选项必须与 scale 完全一致`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Compiled validator

export type AnswerValue = string | number;
export type Answers = Record<string, AnswerValue>;
export type FieldError = { field: string; message: string };

export type AnswerValidationResult =
  | { ok: true; value: Answers; group: GroupCode; area: AreaCode; gradeBand: GradeBandCode | null }
  | { ok: false; errors: FieldError[] };

export type QuestionnaireValidator = {
  meta: ScoringMeta;
  questions: readonly QuestionSpec[];
  /** Names of the choice questions, in order — the inputs of an answer fingerprint. */
  choiceQuestionNames: readonly string[];
  /** Names of the scored items, in order. */
  scoredItemNames: readonly string[];
  /** Validates one answers payload. Never throws. */
  validate(input: unknown): AnswerValidationResult;
};

/** At most this many errors are returned; a hostile payload with 100 000 keys gets a short answer. */
export const MAX_ERRORS = 50;
const MAX_FIELD_LENGTH = 64;

const compiled = new WeakMap<object, QuestionnaireValidator>();

/**
 * Builds the answer validator for one questionnaire version (memoised per JSON object, so importing the JSON
 * module once and calling this per request is fine). Throws at build time if the questionnaire uses features the
 * validator does not reproduce. Text length is counted in UTF-16 code units, as the browser's `maxlength` does.
 */
export function compileValidator(json: unknown): QuestionnaireValidator {
  if (typeof json === "object" && json !== null) {
    const cached = compiled.get(json);
    if (cached) return cached;
  }
  const { meta, questions } = parseQuestionnaire(json);
  const choiceSets = new Map<string, Set<ChoiceValue>>();
  for (const q of questions) if (q.kind === "choice") choiceSets.set(q.name, new Set(q.choices));
  const known = new Set(questions.map((q) => q.name));

  const validate = (input: unknown): AnswerValidationResult => {
    try {
      return validateAnswers(input);
    } catch {
      // Only reachable with exotic inputs (proxies, throwing getters); never from JSON.parse output.
      return { ok: false, errors: [{ field: "", message: "答卷格式不正确" }] };
    }
  };

  const validateAnswers = (input: unknown): AnswerValidationResult => {
    if (!isPlainRecord(input)) return { ok: false, errors: [{ field: "", message: "答卷格式不正确，应为对象" }] };
    const errors: FieldError[] = [];
    const addError = (field: string, message: string) => {
      if (errors.length < MAX_ERRORS) errors.push({ field: field.slice(0, MAX_FIELD_LENGTH), message });
    };

    for (const key of Object.keys(input)) {
      if (!known.has(key)) addError(key, "问卷中没有这道题");
      if (errors.length >= MAX_ERRORS) break;
    }

    const raw = (name: string): unknown => (Object.prototype.hasOwnProperty.call(input, name) ? input[name] : undefined);
    const value: Answers = {};
    for (const q of questions) {
      // Hidden questions are dropped, as survey-core does on completion (clearInvisibleValues: "onComplete").
      if (q.visibleIf && raw(q.visibleIf.question) !== q.visibleIf.equals) continue;
      const answer = raw(q.name);
      if (answer === undefined || answer === null || answer === "") {
        if (q.isRequired) addError(q.name, "请回答此题");
        continue;
      }
      if (q.kind === "choice") {
        if (typeof answer !== "string" && typeof answer !== "number") addError(q.name, "答案类型不正确");
        else if (!choiceSets.get(q.name)!.has(answer)) addError(q.name, "不是本题的有效选项");
        else value[q.name] = answer;
      } else {
        if (typeof answer !== "string") addError(q.name, "答案类型不正确，应为文字");
        else if (answer.length > q.maxLength) addError(q.name, `字数超出限制（最多 ${q.maxLength} 字）`);
        else if (answer.trim() === "") {
          if (q.isRequired) addError(q.name, "请回答此题");
        } else value[q.name] = answer.trim();
      }
    }
    if (errors.length > 0) return { ok: false, errors };

    const group = meta.fixedGroup ?? meta.groupMap![String(value[meta.groupQuestion!])];
    const area = value[meta.areaQuestion] as AreaCode;
    let gradeBand: GradeBandCode | null = null;
    if (meta.gradeBand && value[meta.gradeBand.question] !== undefined) {
      const answer = String(value[meta.gradeBand.question]);
      gradeBand = meta.gradeBand.map ? meta.gradeBand.map[answer] ?? null : (answer as GradeBandCode);
    }
    return { ok: true, value, group, area, gradeBand };
  };

  const validator: QuestionnaireValidator = {
    meta,
    questions,
    choiceQuestionNames: questions.filter((q) => q.kind === "choice").map((q) => q.name),
    scoredItemNames: meta.items.filter((i) => i.scored).map((i) => i.name),
    validate,
  };
  if (typeof json === "object" && json !== null) compiled.set(json, validator);
  return validator;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
