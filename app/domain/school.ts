import { z } from "zod";
import { OWNERSHIP_CODES, SCHOOL_CODE_PATTERN, SCHOOL_KIND_CODES, URBAN_RURAL_CODES, type SchoolKind } from "./school-kinds";

/** Kinds that may serve as a 教学点's 中心校. */
export const CENTRAL_SCHOOL_KINDS: readonly SchoolKind[] = ["primary", "nine_year", "twelve_year"];

/** A school as entered on the school form (one school; the roster import has its own row parser). */
export const SchoolFormSchema = z
  .object({
    code: z.string({ required_error: "学校标识码应为 10 位数字", invalid_type_error: "学校标识码应为 10 位数字" }).trim().regex(SCHOOL_CODE_PATTERN, "学校标识码应为 10 位数字"),
    name: z.string({ required_error: "请填写学校名称", invalid_type_error: "请填写学校名称" }).trim().min(1, "请填写学校名称").max(60, "学校名称不超过 60 个字符"),
    kind: z.enum(SCHOOL_KIND_CODES as [SchoolKind, ...SchoolKind[]], { errorMap: () => ({ message: "请选择学校类型" }) }),
    urbanRural: z.enum(URBAN_RURAL_CODES as [string, ...string[]], { errorMap: () => ({ message: "请选择城乡分类" }) }),
    ownership: z.enum(OWNERSHIP_CODES as [string, ...string[]], { errorMap: () => ({ message: "请选择办学性质" }) }),
    boarding: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
    centralSchoolCode: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.string({ invalid_type_error: "中心校标识码应为 10 位数字" }).trim().regex(SCHOOL_CODE_PATTERN, "中心校标识码应为 10 位数字").optional()),
    enrolment: z.preprocess(
      (v) => (v === "" || v == null ? undefined : Number(v)),
      z.number({ invalid_type_error: "在校生数应为整数" }).int("在校生数应为整数").min(0, "在校生数不能为负").max(20000, "在校生数超出合理范围（≤ 20000）").optional(),
    ),
    address: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.string({ invalid_type_error: "地址应为文字" }).trim().max(120, "地址不超过 120 个字符").optional()),
  })
  .superRefine((s, ctx) => {
    if (s.kind === "teaching_point" && !s.centralSchoolCode) ctx.addIssue({ code: "custom", path: ["centralSchoolCode"], message: "教学点须填写所属中心校" });
    if (s.kind !== "teaching_point" && s.centralSchoolCode) ctx.addIssue({ code: "custom", path: ["centralSchoolCode"], message: "只有教学点填写中心校" });
  });
export type SchoolForm = z.infer<typeof SchoolFormSchema>;

/** zod issues → { field: first message } for forms. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    out[key] ??= issue.message;
  }
  return out;
}
