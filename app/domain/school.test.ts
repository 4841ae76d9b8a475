import { describe, expect, it } from "vitest";
import { fieldErrors, SchoolFormSchema } from "./school";

const valid = { code: "1150104001", name: "示例小学", kind: "primary", urbanRural: "urban", ownership: "public", boarding: "", enrolment: "820" };

describe("SchoolFormSchema", () => {
  it("accepts a complete primary school", () => {
    const r = SchoolFormSchema.parse(valid);
    expect(r).toMatchObject({ code: "1150104001", kind: "primary", enrolment: 820, boarding: false });
  });
  it.each([
    [{ code: "12345" }, "code", "学校标识码应为 10 位数字"],
    [{ name: "" }, "name", "请填写学校名称"],
    [{ name: undefined }, "name", "请填写学校名称"],
    [{ code: undefined }, "code", "学校标识码应为 10 位数字"],
    [{ code: 1150104001 }, "code", "学校标识码应为 10 位数字"],
    [{ kind: "university" }, "kind", "请选择学校类型"],
    [{ enrolment: "-3" }, "enrolment", "在校生数不能为负"],
    [{ enrolment: "3.5" }, "enrolment", "在校生数应为整数"],
    [{ enrolment: "abc" }, "enrolment", "在校生数应为整数"],
    [{ kind: "teaching_point" }, "centralSchoolCode", "教学点须填写所属中心校"],
    [{ centralSchoolCode: "1150104002" }, "centralSchoolCode", "只有教学点填写中心校"],
  ])("%o → %s: %s", (patch, field, message) => {
    const r = SchoolFormSchema.safeParse({ ...valid, ...patch });
    expect(r.success).toBe(false);
    expect(fieldErrors(r.error!)[field]).toBe(message);
  });
});
