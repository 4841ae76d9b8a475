import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, Button, Card, Descriptions, Input, Space, Table, Tag, Typography } from "antd";
import type { CSSProperties } from "react";
import { ErrorPage } from "#app/components/error-page";
import { describePolicySettings, parsePolicyInput, serializePolicy, thresholdRows, type ThresholdRow } from "#app/domain/statistics/policy-version";
import { createPolicyVersion, listPolicyVersions } from "#app/models/policy.server";
import { ConcurrentWriteError } from "#app/models/unique-violation.server";
import { requireCityAdmin } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { readForm } from "#app/utils/http.server";
import { formatDateTime } from "#app/utils/format";

// Inline tag colours: the static antd CSS (scripts/extract-antd-css.tsx) has no preset-colour Tag classes.
const TONES: Record<string, CSSProperties> = {
  green: { color: "#389e0d", background: "#f6ffed", borderColor: "#b7eb8f" },
  red: { color: "#cf1322", background: "#fff1f0", borderColor: "#ffa39e" },
  orange: { color: "#d46b08", background: "#fff7e6", borderColor: "#ffd591" },
  blue: { color: "#0958d9", background: "#e6f4ff", borderColor: "#91caff" },
  default: {},
};

export const meta: MetaFunction = () => [{ title: "政策配置 · 优质均衡督导评估平台" }];

const POLICY_TEXT_MAX = 20_000;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const versions = await listPolicyVersions(actor.cityId);
  const id = new URL(request.url).searchParams.get("id");
  const selected = versions.find((v) => v.id === id) ?? versions[0]!;
  const base = versions.find((v) => v.scope === "city") ?? versions[0]!;
  return {
    canCreate: actor.role === "city_admin",
    versions: versions.map((v) => ({ id: v.id, scope: v.scope, name: v.name, version: v.version, createdByLogin: v.createdByLogin, createdAt: v.createdAt, overrides: Object.keys(v.policy.profile.overrides).length })),
    selected: { id: selected.id, title: `${selected.scope === "national" ? "国家" : "本市"} · ${selected.name} 第 ${selected.version} 版`, settings: describePolicySettings(selected.policy), thresholds: thresholdRows(selected.policy.profile) },
    draft: JSON.stringify(JSON.parse(serializePolicy(base.policy)), null, 2),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  requireCityAdmin(actor);
  const text = (await readForm(request)).get("policy");
  if (typeof text !== "string" || text.trim() === "") return data({ ok: false as const, errors: ["请填写政策配置（JSON）。"] }, { status: 400 });
  if (text.length > POLICY_TEXT_MAX) return data({ ok: false as const, errors: [`政策配置过长（不超过 ${POLICY_TEXT_MAX} 个字符）。`] }, { status: 400 });
  const parsed = parsePolicyInput(text);
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors }, { status: 400 });
  let row;
  try {
    row = await createPolicyVersion(actor.cityId, parsed.policy, actor);
  } catch (e) {
    if (e instanceof ConcurrentWriteError) return data({ ok: false as const, errors: [e.message] }, { status: 409 });
    throw e;
  }
  return { ok: true as const, message: `已保存“${parsed.policy.profile.name}”第 ${row.version} 版。之后运行的评估默认使用此版本；以前的评估仍注明各自使用的版本。`, id: row.id };
}

export default function PolicyPage() {
  const { canCreate, versions, selected, draft } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        政策配置
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        评估按“国家标准 + 地方从严标准”计算：地方标准只能比国家标准更严格（例如呼和浩特市责任清单第 21 项把优质高中名额分配比例定为不低于 60%），
        放宽的设置会被拒绝。比较与取整、一贯制拆分权重、教学点人数下限、社会认可度计为认可的选项等有争议之处，都是有记录的设置。每次保存生成新版本，评估结果注明所用版本。
      </Typography.Paragraph>
      <Card size="small" title="版本">
        <Table
          data-testid="policy-versions"
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={versions}
          columns={[
            { title: "范围", dataIndex: "scope", render: (s: string) => (s === "national" ? <Tag>国家</Tag> : <Tag style={TONES.blue}>本市</Tag>) },
            { title: "名称", dataIndex: "name", render: (n: string, v) => <Link to={`?id=${v.id}`}>{n}</Link> },
            { title: "版本", dataIndex: "version", render: (n: number) => `第 ${n} 版` },
            { title: "地方从严项", dataIndex: "overrides" },
            { title: "创建人", dataIndex: "createdByLogin" },
            { title: "时间", dataIndex: "createdAt", render: (d: string) => formatDateTime(d) },
          ]}
        />
      </Card>
      <Card size="small" title={<span data-testid="policy-title">{selected.title}</span>}>
        <Descriptions column={1} size="small" bordered>
          {selected.settings.map((s) => (
            <Descriptions.Item key={s.label} label={s.label}>
              {s.value}
            </Descriptions.Item>
          ))}
        </Descriptions>
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          国家标准与本方案标准
        </Typography.Title>
        <Table
          data-testid="policy-thresholds"
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={selected.thresholds}
          rowClassName={(r: ThresholdRow) => (r.basis ? "policy-local" : "")}
          columns={[
            { title: "阈值键", dataIndex: "key", render: (k: string) => <code>{k}</code> },
            { title: "代码", dataIndex: "code" },
            { title: "内容", dataIndex: "label" },
            { title: "学段", dataIndex: "stage" },
            { title: "国家标准", key: "national", render: (_: unknown, r: ThresholdRow) => `${r.comparison} ${r.national} ${r.unit}` },
            { title: "本方案", key: "effective", render: (_: unknown, r: ThresholdRow) => (r.basis ? <Tag style={TONES.blue}>{`${r.comparison} ${r.effective} ${r.unit}`}</Tag> : `${r.comparison} ${r.effective} ${r.unit}`) },
            { title: "地方依据", dataIndex: "basis" },
          ]}
        />
      </Card>
      {canCreate ? (
        <Card size="small" title="新建本市版本">
          <Typography.Paragraph type="secondary">
            以 JSON 填写：<code>name</code> 方案名称；<code>overrides</code> 地方从严标准（键见上表“阈值键”，值为 {"{ value, basis }"}）；
            <code>comparison</code> 比较方式（unrounded 不取整 / rounded 先四舍五入到 decimals 位）；<code>splitWeights</code> 一贯制拆分权重；
            <code>teachingPoint</code> 教学点人数下限与处理方式（exclude / merge-into-central-school）；<code>qualifiedDegree</code> 高于规定学历（associate / bachelor / postgraduate）；
            <code>q9Subjects</code> 质量监测相关科目；<code>additionalVetoes</code> 增加的一票否决项（X6、X7）；<code>recognition.countedOptions</code> 计为认可的选项（top1 仅非常认可 / top2 含比较认可 / top3 含一般）。
          </Typography.Paragraph>
          <Form method="post">
            <Space direction="vertical" style={{ width: "100%" }}>
              <Input.TextArea name="policy" defaultValue={draft} autoSize={{ minRows: 12, maxRows: 30 }} style={{ fontFamily: "monospace" }} aria-label="政策配置 JSON" />
              <Button type="primary" htmlType="submit" loading={busy}>
                检查并保存为新版本
              </Button>
            </Space>
          </Form>
        </Card>
      ) : (
        <Alert type="info" showIcon message="只有市级管理员可以新建政策配置版本。" />
      )}
      {result && !result.ok ? (
        <Alert type="error" showIcon message="未保存" description={<ul data-testid="policy-errors" style={{ margin: 0 }}>{result.errors.map((e) => <li key={e}>{e}</li>)}</ul>} />
      ) : null}
      {result && result.ok ? <Alert type="success" showIcon message={result.message} /> : null}
    </Space>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
