// Every enum → Chinese label map the UI uses, in one place. The maps themselves live beside the
// codes they label (app/domain) so the pure layer can produce Chinese messages too.
export { ROLES as roleLabels } from "#app/domain/access";
export { COUNTY_STAGES as stageLabels } from "#app/domain/county-stage";
export { OWNERSHIP as ownershipLabels, SCHOOL_KINDS as schoolKindLabels, URBAN_RURAL as urbanRuralLabels } from "#app/domain/school-kinds";

export const planStatusLabels = { recognised: "已通过国家认定", overdue: "已过计划年度", on_plan: "按计划推进" } as const;

export const auditActionLabels: Record<string, string> = {
  "login.success": "登录成功",
  "login.failure": "登录失败",
  "login.throttled": "登录受限",
  logout: "退出登录",
  "user.create": "创建用户",
  "user.disable": "停用用户",
  "user.enable": "启用用户",
  "user.password_reset": "重置密码",
  "county.stage": "评估阶段变更",
  "county.create": "新增旗县区",
  "school.create": "新增学校",
  "school.update": "修改学校",
  "school.disable": "停用学校",
  "school.enable": "启用学校",
  "roster.import": "导入学校名册",
};

/** Label of a code in a map, or the code itself when unknown (never crashes on old data). */
export function label(map: Record<string, string>, code: string | null | undefined): string {
  if (!code) return "—";
  return map[code] ?? code;
}
