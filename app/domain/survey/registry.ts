/**
 * The published questionnaires, by id ("<family>.v<N>"). A new version is a new file in surveys/ and a
 * new line here; published files never change (surveys/README.md).
 */
import socialV1 from "../../../surveys/social.v1.json";
import staffV1 from "../../../surveys/staff.v1.json";
import studentV1 from "../../../surveys/student.v1.json";
import { compileValidator, FAMILIES, toSurveyJson, type Family, type QuestionnaireValidator } from "./questionnaire";

const FILES: Record<string, unknown> = {
  "social.v1": socialV1,
  "staff.v1": staffV1,
  "student.v1": studentV1,
};

export const QUESTIONNAIRE_IDS = Object.keys(FILES);

/** Questionnaire family labels (社会卷 / 校长教师卷 / 学生卷) and who answers each. */
export const FAMILY_LABELS: Record<Family, { title: string; audience: string }> = {
  social: { title: "社会卷", audience: "家长、人大代表、政协委员及其他群众" },
  staff: { title: "校长教师卷", audience: "校长、教师" },
  student: { title: "学生卷", audience: "三年级及以上学生" },
};

/** The newest published version of each family (the default for a new round). */
export const LATEST_BY_FAMILY: Record<Family, string> = Object.fromEntries(
  FAMILIES.map((f) => [f, QUESTIONNAIRE_IDS.filter((id) => id.startsWith(`${f}.v`)).sort((a, b) => Number(b.split(".v")[1]) - Number(a.split(".v")[1]))[0]!]),
) as Record<Family, string>;

/** The family of a questionnaire id ("social.v1" → "social"), or null for an unknown id. */
export function familyOf(id: string): Family | null {
  const f = id.split(".v")[0];
  return id in FILES && (FAMILIES as readonly string[]).includes(f!) ? (f as Family) : null;
}

/** The compiled validator (built once per version and cached by compileValidator). */
export function questionnaireValidator(id: string): QuestionnaireValidator | null {
  const json = FILES[id];
  return json ? compileValidator(json) : null;
}

/** The SurveyJS JSON sent to the phone (scoring metadata removed). */
export function surveyJsonFor(id: string): object | null {
  const json = FILES[id];
  return json ? toSurveyJson(json as object) : null;
}
