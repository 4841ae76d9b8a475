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
  "recognition.review.exclude": "剔除答卷",
  "recognition.review.reinstate": "恢复答卷",
  "recognition.settings": "认可度计算设置",
  "recognition.export": "导出认可度数据",
  "statistics.check": "检查统计数据",
  "statistics.import": "导入统计数据",
  "statistics.reject": "统计数据导入未通过",
  "assessment.run": "运行评估",
  "policy.create": "新建政策配置版本",
  "survey_round.create": "新建调查轮次",
  "survey_round.update": "修改调查轮次",
  "survey_round.open": "开始调查",
  "survey_round.close": "结束调查",
  "survey_round.reopen": "重新开放调查",
  "survey_quota.update": "修改抽样方案",
  "survey_link.create": "生成问卷链接",
  "survey_link.revoke": "停用问卷链接",
  "survey_link.limits": "设置链接名额和有效期",
  "report.finalize": "报告定稿",
  "report.publish": "公开评估结果",
  "report.unpublish": "撤回公开评估结果",
};

/** Label of a code in a map, or the code itself when unknown (never crashes on old data). */
export function label(map: Record<string, string>, code: string | null | undefined): string {
  if (!code) return "—";
  return map[code] ?? code;
}
