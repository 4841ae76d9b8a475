import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, Card, Input, InputNumber, Space, Table, Tag, Typography } from "antd";
import { z } from "zod";
import { COUNTY_STAGE_CODES, planStatus, type CountyStage } from "#app/domain/county-stage";
import { label, planStatusLabels, stageLabels } from "#app/i18n/zh-CN";
import { createCounty, DuplicateCountyError, listCountiesForActor, updateCountyStage } from "#app/models/counties.server";
import { CountyFormSchema } from "#app/domain/county";
import { requireCityAdmin, requireCounty } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { readForm } from "#app/utils/http.server";
import { formatDate, formatInt, isoDateShanghai, parseShanghaiDate } from "#app/utils/format";
import { SelectField } from "#app/components/select-field";
import { ErrorPage } from "#app/components/error-page";

export const meta: MetaFunction = () => [{ title: "总览 · 优质均衡督导评估平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const counties = await listCountiesForActor(actor);
  const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()));
  return {
    canEditStage: actor.role === "city_admin",
    year,
    counties: counties.map((c) => ({
      code: c.code,
      name: c.name,
      residentPopulation: c.residentPopulation,
      targetYear: c.targetYear,
      stage: c.stage as CountyStage,
      stageDate: { self_assessment: c.selfAssessmentAt, city_review: c.cityReviewAt, province_assessment: c.provinceAssessmentAt, national_recognition: c.nationalRecognitionAt, not_started: null }[c.stage as CountyStage] ?? null,
      schoolCount: c.schoolCount,
      planStatus: planStatus(c.stage as CountyStage, c.targetYear, year),
    })),
  };
}

const StageSchema = z.object({
  countyCode: z.string({ required_error: "请选择旗县区", invalid_type_error: "请选择旗县区" }),
  stage: z.enum(COUNTY_STAGE_CODES as [CountyStage, ...CountyStage[]], { errorMap: () => ({ message: "请选择评估阶段" }) }),
  date: z.string({ required_error: "日期格式应为 年-月-日", invalid_type_error: "日期格式应为 年-月-日" }).transform((v, ctx) => {
    const d = parseShanghaiDate(v);
    if (!d) ctx.addIssue({ code: "custom", message: "日期格式应为 年-月-日" });
    return d ?? new Date(NaN);
  }),
});

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  requireCityAdmin(actor);
  const form = Object.fromEntries(await readForm(request));
  if (form.intent === "createCounty") {
    const parsed = CountyFormSchema.safeParse(form);
    if (!parsed.success) return data({ ok: false as const, message: parsed.error.issues[0]!.message }, { status: 400 });
    try {
      await createCounty(parsed.data, actor.cityId, actor);
    } catch (e) {
      if (e instanceof DuplicateCountyError) return data({ ok: false as const, message: e.message }, { status: 400 });
      throw e;
    }
    return { ok: true as const, message: `已新增旗县区 ${parsed.data.name}。` };
  }
  const parsed = StageSchema.safeParse(form);
  if (!parsed.success) return data({ ok: false as const, message: parsed.error.issues[0]!.message }, { status: 400 });
  const { county } = await requireCounty(actor, parsed.data.countyCode, "write");
  await updateCountyStage(county.id, parsed.data.stage, parsed.data.date, actor);
  return { ok: true as const, message: `已更新 ${county.name} 的评估阶段。` };
}

export default function Overview() {
  const { counties, canEditStage, year } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const planned = counties.length;
  const recognised = counties.filter((c) => c.stage === "national_recognition").length;
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        旗县区总览
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        规划进度：{recognised} / {planned} 个旗县区已通过国家认定（{year} 年）。市级目标：2022 年底 ≥ 10%，2030 年前 100%。
      </Typography.Paragraph>
      {result ? <Alert type={result.ok ? "success" : "error"} message={result.message} showIcon /> : null}
      <Card>
        <Table
          rowKey="code"
          dataSource={counties}
          pagination={false}
          columns={[
            { title: "旗县区", dataIndex: "name", render: (name: string, c) => <Link to={`/admin/counties/${c.code}`}>{name}</Link> },
            { title: "行政区划代码", dataIndex: "code" },
            { title: "常住人口", dataIndex: "residentPopulation", align: "right", render: (n: number) => formatInt(n) },
            { title: "规划年度", dataIndex: "targetYear", sorter: (a, b) => a.targetYear - b.targetYear },
            { title: "学校数", dataIndex: "schoolCount", align: "right" },
            {
              title: "评估阶段",
              dataIndex: "stage",
              render: (stage: CountyStage, c) =>
                canEditStage ? (
                  <Form method="post" style={{ display: "flex", gap: 8, alignItems: "center" }} aria-label={`${c.name} 评估阶段`}>
                    <input type="hidden" name="countyCode" value={c.code} />
                    <SelectField name="stage" defaultValue={stage} options={COUNTY_STAGE_CODES.map((s) => ({ value: s, label: stageLabels[s] }))} style={{ minWidth: 110 }} />
                    <input type="date" name="date" defaultValue={isoDateShanghai(c.stageDate ?? new Date())} required style={{ height: 30 }} aria-label="日期" />
                    <Button htmlType="submit" size="small">
                      保存
                    </Button>
                  </Form>
                ) : (
                  <span>
                    {label(stageLabels, stage)} {c.stageDate ? `（${formatDate(c.stageDate)}）` : ""}
                  </span>
                ),
            },
            {
              title: "进度",
              dataIndex: "planStatus",
              render: (s: keyof typeof planStatusLabels) => <Tag color={s === "recognised" ? "green" : s === "overdue" ? "red" : "blue"}>{planStatusLabels[s]}</Tag>,
            },
          ]}
        />
      </Card>
      {canEditStage ? (
        <Card title="新增旗县区">
          <Form method="post">
            <Space wrap>
              <input type="hidden" name="intent" value="createCounty" />
              <Input name="code" placeholder="行政区划代码（6 位）" maxLength={6} style={{ width: 180 }} aria-label="行政区划代码" />
              <Input name="name" placeholder="名称" maxLength={20} style={{ width: 140 }} aria-label="名称" />
              <InputNumber name="residentPopulation" placeholder="常住人口" min={1000} style={{ width: 140 }} aria-label="常住人口" />
              <InputNumber name="targetYear" placeholder="规划年度" min={2017} max={2035} style={{ width: 120 }} aria-label="规划年度" />
              <Button htmlType="submit">新增</Button>
            </Space>
          </Form>
        </Card>
      ) : null}
    </Space>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
