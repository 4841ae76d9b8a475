import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, Button, Card, Checkbox, Input, Space, Table, Tag, Typography } from "antd";
import { FAMILIES } from "#app/domain/survey/questionnaire";
import { FAMILY_LABELS, LATEST_BY_FAMILY, QUESTIONNAIRE_IDS, familyOf } from "#app/domain/survey/registry";
import { OFFICIAL_RATE_PER_MILLE, parseRoundForm, questionnaireFieldName, questionnaireLabel, roundStateLabel, toShanghaiInput } from "#app/domain/survey/round-form";
import { computeSampleTotal } from "#app/domain/survey/sampling-plan";
import { createRound, listRounds, RoundError } from "#app/models/survey-rounds.server";
import { requireCounty } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { formatDateTime, formatInt } from "#app/utils/format";
import { badRequest, readForm } from "#app/utils/http.server";
import { SelectField } from "#app/components/select-field";
import { ErrorPage } from "#app/components/error-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.county.name ?? "旗县区"} · 调查轮次 · 优质均衡督导评估平台` }];

const DAY = 24 * 60 * 60 * 1000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const { county, access } = await requireCounty(actor, params.code, "read");
  const rounds = await listRounds(county.id);
  // Default window: tomorrow 08:00 to 18:00 five days later (the 2024 national round ran 5 days), 北京时间.
  const tomorrow = toShanghaiInput(new Date(Date.now() + DAY)).slice(0, 10);
  const lastDay = toShanghaiInput(new Date(Date.now() + 5 * DAY)).slice(0, 10);
  return {
    county: { code: county.code, name: county.name, residentPopulation: county.residentPopulation },
    canWrite: access === "write",
    rounds,
    sampleTotal: computeSampleTotal(county.residentPopulation),
    defaults: { name: `${new Date().getFullYear()}年社会认可度调查`, opensAt: `${tomorrow}T08:00`, closesAt: `${lastDay}T18:00` },
    questionnaireOptions: Object.fromEntries(FAMILIES.map((f) => [f, QUESTIONNAIRE_IDS.filter((id) => familyOf(id) === f).map((id) => ({ value: id, label: questionnaireLabel(id) }))])),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const { county } = await requireCounty(actor, params.code, "write");
  const form = Object.fromEntries(await readForm(request));
  const parsed = parseRoundForm(form);
  if (!parsed.ok) return badRequest({ formError: parsed.formError, fieldErrors: parsed.fieldErrors, values: form as Record<string, string> });
  let round;
  try {
    round = await createRound(county, parsed.value, actor);
  } catch (e) {
    if (e instanceof RoundError) return badRequest({ formError: e.message, fieldErrors: {} as Record<string, string>, values: form as Record<string, string> });
    throw e;
  }
  throw redirect(`/admin/counties/${county.code}/rounds/${round.id}`);
}

function Field({ label, error, children, htmlFor, hint }: { label: string; error?: string; children: React.ReactNode; htmlFor?: string; hint?: string }) {
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 4, maxWidth: 520 }}>
      <label htmlFor={htmlFor} style={{ fontWeight: 500 }}>
        {label}
      </label>
      {children}
      {hint ? <span style={{ color: "#888", fontSize: 13 }}>{hint}</span> : null}
      {error ? (
        <span role="alert" style={{ color: "#c0392b", fontSize: 13 }}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

const stateColor: Record<string, string> = { draft: "default", open: "green", closed: "red" };

export default function Rounds() {
  const { county, canWrite, rounds, sampleTotal, defaults, questionnaireOptions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const v = result?.values ?? {};
  const e = result?.fieldErrors ?? {};
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {county.name} · 调查轮次
      </Typography.Title>
      <Link to={`/admin/counties/${county.code}`}>返回{county.name}</Link>
      <Card title="社会认可度调查轮次">
        <Table
          rowKey="id"
          size="small"
          dataSource={rounds}
          pagination={false}
          locale={{ emptyText: "还没有调查轮次" }}
          columns={[
            { title: "名称", dataIndex: "name", render: (name: string, r) => <Link to={`/admin/counties/${county.code}/rounds/${r.id}`}>{name}</Link> },
            { title: "状态", dataIndex: "state", render: (s: string) => <Tag color={stateColor[s]}>{roundStateLabel(s)}</Tag> },
            { title: "调查时间（北京时间）", key: "window", render: (_: unknown, r) => `${formatDateTime(r.opensAt)} 至 ${formatDateTime(r.closesAt)}` },
            { title: "问卷", dataIndex: "questionnaires", render: (q: string[]) => q.map(questionnaireLabel).join("、") },
            { title: "计划样本", dataIndex: "plannedTotal", align: "right", render: (n: number) => formatInt(n) },
            { title: "有效链接", dataIndex: "linkCount", align: "right" },
            { title: "创建时间", dataIndex: "createdAt", render: (d: string) => formatDateTime(d) },
          ]}
        />
      </Card>
      {canWrite ? (
        <Card title="新建调查轮次">
          <Form method="post">
            <Space direction="vertical" size="middle" style={{ width: "100%" }}>
              {result?.formError ? <Alert type="error" showIcon message={result.formError} /> : null}
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                样本量按国家规则计算：常住人口 {formatInt(county.residentPopulation)} × {OFFICIAL_RATE_PER_MILLE}‰ = {formatInt(sampleTotal)} 人（向上取整，可设最低样本量）；家长不低于设定比例，其他各类调查对象大体相当；按在校生数分配到各校。新建后为“草稿”，可逐格调整抽样方案，再生成二维码并开始调查。
              </Typography.Paragraph>
              <Field label="轮次名称" error={e.name} htmlFor="name">
                <Input id="name" name="name" defaultValue={v.name ?? defaults.name} maxLength={60} />
              </Field>
              <Space wrap size="large" align="start">
                <Field label="开始时间（北京时间）" error={e.opensAt} htmlFor="opensAt">
                  <Input id="opensAt" name="opensAt" type="datetime-local" defaultValue={v.opensAt ?? defaults.opensAt} style={{ width: 220 }} />
                </Field>
                <Field label="结束时间（北京时间）" error={e.closesAt} htmlFor="closesAt">
                  <Input id="closesAt" name="closesAt" type="datetime-local" defaultValue={v.closesAt ?? defaults.closesAt} style={{ width: 220 }} />
                </Field>
              </Space>
              <Space wrap size="large" align="start">
                {FAMILIES.map((f) => (
                  <Field key={f} label={`${FAMILY_LABELS[f].title}（${FAMILY_LABELS[f].audience}）`} error={e[questionnaireFieldName(f)]}>
                    <SelectField name={questionnaireFieldName(f)} defaultValue={v[questionnaireFieldName(f)] ?? LATEST_BY_FAMILY[f]} options={questionnaireOptions[f] ?? []} />
                  </Field>
                ))}
              </Space>
              <Space wrap size="large" align="start">
                <Field label="最低样本量（人）" error={e.minimumTotal} htmlFor="minimumTotal" hint="0 表示不设最低值；填 600 即 2012 年规则（常住人口 40 万以下的县按 600 份）">
                  <Input id="minimumTotal" name="minimumTotal" type="number" min={0} step={1} defaultValue={v.minimumTotal ?? "0"} style={{ width: 160 }} />
                </Field>
                <Field label="家长最低比例" error={e.parentShare} htmlFor="parentShare" hint="0.5 到 1 之间的小数，0.5 即 50%（国家规则：原则上不低于 50%）">
                  <Input id="parentShare" name="parentShare" type="number" min={0.5} max={1} step={0.01} defaultValue={v.parentShare ?? "0.5"} style={{ width: 160 }} />
                </Field>
              </Space>
              <Checkbox name="onePerDevice" defaultChecked={result ? v.onePerDevice === "on" : true}>
                每台设备限答一次（推荐；关闭后重复作答会被标记待审核）
              </Checkbox>
              <Button type="primary" htmlType="submit" loading={busy}>
                新建调查轮次
              </Button>
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
