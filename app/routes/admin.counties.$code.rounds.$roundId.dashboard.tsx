import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator, useSearchParams } from "@remix-run/react";
import { Alert, Button, Card, Checkbox, Col, Descriptions, Dropdown, Input, InputNumber, Row, Space, Statistic, Table, Tabs, Tag, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { coverageChart, dailyChart, itemDistributionChart, rateChart, trendChart } from "#app/domain/recognition/charts";
import { FLAG_LABELS, methodFormKind, SettingsFormSchema, settingsFormInput } from "#app/domain/recognition/dashboard";
import { SUPPRESSED_LABEL } from "#app/domain/recognition/suppression";
import type { ItemTableRow, ResultSummary, TableRow } from "#app/domain/recognition/tables";
import { GROUP_LABELS, RESPONDENT_GROUPS, type RespondentGroup } from "#app/domain/recognition/types";
import { QUALITY_FLAG_CODES } from "#app/domain/survey/quality-flags";
import { ROUND_STATES } from "#app/domain/survey/link-status";
import { getRoundDashboard, updateRecognitionSettings } from "#app/models/recognition.server";
import { requireCounty } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { formatDateTime, formatInt } from "#app/utils/format";
import { notFound, readForm } from "#app/utils/http.server";
import { EChart } from "#app/components/echart";
import { ErrorPage } from "#app/components/error-page";
import { ZhLocale } from "#app/components/zh-locale";
import { SelectField } from "#app/components/select-field";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.dashboard.round.name ?? "调查轮次"} · 社会认可度 · 优质均衡督导评估平台` }];

/** Auto-refresh period of the coverage board while the round is open. */
const REFRESH_MS = 10_000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const { county, access } = await requireCounty(actor, params.code, "read");
  const dashboard = await getRoundDashboard(county, params.roundId ?? "");
  if (!dashboard) notFound("未找到该调查轮次。");
  const print = new URL(request.url).searchParams.get("print") === "1";
  let printCharts: Record<string, string> | null = null;
  if (print) {
    const { renderChartSvg } = await import("#app/utils/charts.server");
    printCharts = {
      coverage: renderChartSvg(coverageChart(dashboard.coverage)),
      daily: renderChartSvg(dailyChart(dashboard.daily, dashboard.counts.planned)),
      groups: renderChartSvg(rateChart(dashboard.groups, dashboard.settings.method.passBar)),
      dimensions: renderChartSvg(rateChart(dashboard.dimensions, dashboard.settings.method.passBar, { horizontal: true }), 720, 360),
      trend: renderChartSvg(trendChart(dashboard.comparison, dashboard.settings.method.passBar)),
    };
  }
  return { county: { code: county.code, name: county.name }, canWrite: access === "write", dashboard, print, printCharts };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const { county } = await requireCounty(actor, params.code, "write");
  const form = await readForm(request);
  if (form.get("intent") !== "settings") return data({ ok: false as const, message: "未知操作。", fieldErrors: {} as Record<string, string> }, { status: 400 });
  const parsed = SettingsFormSchema.safeParse(settingsFormInput(form));
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "form"), i.message]));
    return data({ ok: false as const, message: parsed.error.issues[0]!.message, fieldErrors }, { status: 400 });
  }
  const saved = await updateRecognitionSettings({ countyId: county.id, roundId: params.roundId ?? "", settings: parsed.data, actor });
  if (!saved) notFound("未找到该调查轮次。");
  return { ok: true as const, message: "已保存认可度计算设置。", fieldErrors: {} as Record<string, string> };
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(1)}%`);

function useAutoRevalidate(enabled: boolean) {
  const revalidator = useRevalidator();
  const ref = useRef(revalidator);
  ref.current = revalidator;
  useEffect(() => {
    if (!enabled) return;
    const tick = () => {
      if (document.visibilityState === "visible" && ref.current.state === "idle") ref.current.revalidate();
    };
    const id = window.setInterval(tick, REFRESH_MS);
    const onVisible = () => document.visibilityState === "visible" && tick();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.clearInterval(id);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [enabled]);
  return revalidator.state;
}

function rateCell(v: ResultSummary | null) {
  if (!v) return <Tag>{SUPPRESSED_LABEL}</Tag>;
  return (
    <span>
      {pct(v.rate)}{" "}
      {v.passes === null ? null : v.passes ? <Tag color="green">达标</Tag> : <Tag color="red">未达标</Tag>}
    </span>
  );
}

function breakdownColumns(first: string) {
  const num = (pick: (v: ResultSummary) => number | string) => (_: unknown, r: TableRow) => (r.value ? pick(r.value) : <Tag>{SUPPRESSED_LABEL}</Tag>);
  return [
    { title: first, dataIndex: "label", key: "label" },
    { title: "回收", key: "received", align: "right" as const, render: num((v) => formatInt(v.received)) },
    { title: "有效", key: "valid", align: "right" as const, render: num((v) => formatInt(v.valid)) },
    { title: "剔除", key: "excluded", align: "right" as const, render: num((v) => formatInt(v.excluded)) },
    { title: "有效作答人数", key: "respondents", align: "right" as const, render: num((v) => formatInt(v.respondents)) },
    { title: "认可率", key: "rate", render: (_: unknown, r: TableRow) => rateCell(r.value) },
    { title: "95% 置信区间", key: "ci", render: num((v) => (v.low === null ? "—" : `${pct(v.low)} – ${pct(v.high)}`)) },
  ];
}

function BreakdownTable({ rows, first, testId }: { rows: TableRow[]; first: string; testId: string }) {
  return <Table data-testid={testId} rowKey="key" size="small" dataSource={rows} columns={breakdownColumns(first)} pagination={rows.length > 50 ? { pageSize: 50 } : false} />;
}

export default function RoundDashboard() {
  const { county, canWrite, dashboard: d, print, printCharts } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const open = d.round.state === "open";
  const refreshing = useAutoRevalidate(open && !print);
  const base = `/admin/counties/${county.code}/rounds/${d.round.id}`;
  const passBar = d.settings.method.passBar;
  const exportItems = [
    ["summary", "认可度（总表）"],
    ["groups", "按群体"],
    ["schools", "按学校"],
    ["areas", "按地域"],
    ["dimensions", "按维度"],
    ["items", "按题目"],
    ["coverage", "回收进度"],
    ["daily", "每日回收"],
    ["rounds", "历次调查对比"],
    ...(canWrite ? [["responses", "原始答卷（匿名）"]] : []),
  ].flatMap(([what, label]) =>
    (["xlsx", "csv"] as const).map((format) => ({ key: `${what}.${format}`, label: <a href={`${base}/export?what=${what}&format=${format}`}>{`${label} · ${format.toUpperCase()}`}</a> })),
  );
  const s = d.summary;
  const sections = [
    {
      key: "groups",
      label: "按调查对象",
      children: (
        <>
          <EChart option={rateChart(d.groups, passBar)} svg={printCharts?.groups} height={260} />
          <BreakdownTable rows={d.groups} first="调查对象" testId="table-groups" />
        </>
      ),
    },
    { key: "schools", label: "按学校", children: <BreakdownTable rows={d.schools} first="学校" testId="table-schools" /> },
    { key: "areas", label: "按地域", children: <BreakdownTable rows={d.areas} first="地域" testId="table-areas" /> },
    {
      key: "dimensions",
      label: "按维度",
      children: (
        <>
          <EChart option={rateChart(d.dimensions, passBar, { horizontal: true })} svg={printCharts?.dimensions} height={320} />
          <BreakdownTable rows={d.dimensions} first="维度" testId="table-dimensions" />
        </>
      ),
    },
    { key: "items", label: "按题目", children: <ItemsTable items={d.items} drill={d.drill} /> },
    {
      key: "rounds",
      label: "历次调查对比",
      children: (
        <>
          <EChart option={trendChart(d.comparison, passBar)} svg={printCharts?.trend} height={260} />
          <Table
            rowKey="roundId"
            size="small"
            pagination={false}
            dataSource={d.comparison}
            columns={[
              { title: "轮次", dataIndex: "name", render: (n: string, r) => (r.current ? <b>{n}（本轮）</b> : <Link to={`/admin/counties/${county.code}/rounds/${r.roundId}/dashboard`}>{n}</Link>) },
              { title: "开始", dataIndex: "opensAt", render: (v: string) => formatDateTime(v) },
              { title: "计算方法", dataIndex: "methodName" },
              { title: "有效", key: "valid", align: "right" as const, render: (_: unknown, r) => (r.own ? formatInt(r.own.valid) : <Tag>{r.error ?? SUPPRESSED_LABEL}</Tag>) },
              { title: "认可率（该轮方法）", key: "rate", render: (_: unknown, r) => rateCell(r.own) },
              { title: "认可率（本轮方法）", key: "like", render: (_: unknown, r) => (r.own ? pct(r.underCurrentMethod) : <Tag>{SUPPRESSED_LABEL}</Tag>) },
            ]}
          />
        </>
      ),
    },
  ];
  return (
    <ZhLocale>
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Space wrap align="center" style={{ justifyContent: "space-between", width: "100%" }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="dashboard-title">
          {county.name} · {d.round.name} · 社会认可度
        </Typography.Title>
        <Space wrap>
          <Tag color={open ? "green" : d.round.state === "closed" ? "default" : "blue"}>{ROUND_STATES[d.round.state as keyof typeof ROUND_STATES] ?? d.round.state}</Tag>
          {print ? (
            <Button onClick={() => window.print()}>打印</Button>
          ) : (
            <>
              <Link to={base}>调查轮次</Link>
              <Link to={`${base}/review`}>
                <Button>复核队列（待复核 {d.review.pending}）</Button>
              </Link>
              <Dropdown menu={{ items: exportItems }}>
                <Button>导出</Button>
              </Dropdown>
              <Link to="?print=1">
                <Button>打印版</Button>
              </Link>
            </>
          )}
        </Space>
      </Space>
      {d.errors.map((e) => (
        <Alert key={e} type="error" showIcon message={e} />
      ))}
      <Card title="社会认可度" data-testid="score-card">
        <Row gutter={[24, 16]}>
          <Col xs={24} md={8}>
            {s ? (
              <Space direction="vertical">
                <Statistic title="认可率" value={pct(s.rate)} valueStyle={{ color: s.passes ? "#389e0d" : "#cf1322" }} />
                <div>
                  95% 置信区间：{s.low === null ? "—" : `${pct(s.low)} – ${pct(s.high)}`}（{s.respondents} 人）
                </div>
                <div>
                  达标线 {pct(passBar)}：{s.passes === null ? "—" : s.passes ? <Tag color="green">达标</Tag> : <Tag color="red">未达标</Tag>}
                </div>
              </Space>
            ) : (
              <Statistic title="认可率" value={SUPPRESSED_LABEL} />
            )}
          </Col>
          <Col xs={24} md={16}>
            <Descriptions size="small" column={{ xs: 1, md: 4 }}>
              <Descriptions.Item label="回收">{formatInt(d.counts.received)}</Descriptions.Item>
              <Descriptions.Item label="有效">{formatInt(d.counts.valid)}</Descriptions.Item>
              <Descriptions.Item label="待复核（暂计入）">{formatInt(d.counts.pending)}</Descriptions.Item>
              <Descriptions.Item label="剔除">{formatInt(d.counts.excluded)}</Descriptions.Item>
            </Descriptions>
            {s && s.excludedByReason.length > 0 ? (
              <Typography.Paragraph style={{ margin: 0 }}>剔除原因：{s.excludedByReason.map((e) => `${e.reason} ${e.count} 份`).join("；")}</Typography.Paragraph>
            ) : null}
            <Typography.Paragraph style={{ marginTop: 8 }}>
              <b>计算方法：{d.settings.methodName}</b>
              {d.settings.storedMethod ? "" : "（默认）"}。{d.settings.methodDescription} {d.settings.intervalDescription}
              小样本屏蔽：少于 {d.settings.threshold} 人的分组显示“{SUPPRESSED_LABEL}”。
            </Typography.Paragraph>
          </Col>
        </Row>
        {s?.warnings.map((w) => (
          <Alert key={w.code + w.message} type="warning" showIcon message={w.message} style={{ marginTop: 8 }} />
        ))}
      </Card>

      <Card
        title="回收进度（学校 × 调查对象）"
        extra={open && !print ? <Typography.Text type="secondary">进行中，每 10 秒自动刷新{refreshing === "loading" ? " · 刷新中…" : ""}</Typography.Text> : null}
        data-testid="coverage-board"
      >
        <Space wrap size="large" style={{ marginBottom: 16 }}>
          <Statistic title="计划" value={d.coverage.totals.planned} />
          <Statistic title="回收" value={d.coverage.totals.received} />
          <Statistic title="有效" value={d.coverage.totals.valid} valueRender={() => <span data-testid="coverage-valid-total">{formatInt(d.coverage.totals.valid)}</span>} />
          <Statistic title="缺口" value={d.coverage.totals.shortfall} />
        </Space>
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <EChart option={coverageChart(d.coverage)} svg={printCharts?.coverage} height={280} />
          </Col>
          <Col xs={24} lg={12}>
            <EChart option={dailyChart(d.daily, d.coverage.totals.planned)} svg={printCharts?.daily} height={280} />
          </Col>
        </Row>
        <Table
          rowKey={(r) => r.schoolId ?? "county"}
          size="small"
          dataSource={d.coverage.rows}
          pagination={print ? false : { pageSize: 30, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            { title: "学校", dataIndex: "label", fixed: "left" as const },
            ...d.coverage.groups.map((g) => ({
              title: GROUP_LABELS[g as RespondentGroup],
              key: g,
              render: (_: unknown, r: (typeof d.coverage.rows)[number]) => {
                const c = r.groups[g as RespondentGroup];
                if (!c) return "—";
                return (
                  <span>
                    {c.valid}
                    {c.planned !== null ? ` / ${c.planned}` : ""}
                    {c.shortfall > 0 ? <Tag color="orange" style={{ marginLeft: 4 }}>缺 {c.shortfall}</Tag> : null}
                  </span>
                );
              },
            })),
            { title: "回收", dataIndex: "received", align: "right" as const },
            { title: "有效 / 计划", key: "vp", render: (_: unknown, r: (typeof d.coverage.rows)[number]) => `${r.valid} / ${r.planned}` },
            { title: "缺口", dataIndex: "shortfall", align: "right" as const },
            { title: `近 ${d.coverage.recentDays.length} 日每日回收`, key: "recent", render: (_: unknown, r: (typeof d.coverage.rows)[number]) => r.recent.join(" · ") },
          ]}
        />
      </Card>

      <Card title="分项结果">
        {print ? (
          sections.map((sec) => (
            <div key={sec.key} style={{ breakInside: "avoid", marginBottom: 24 }}>
              <Typography.Title level={5}>{sec.label}</Typography.Title>
              {sec.children}
            </div>
          ))
        ) : (
          <Tabs defaultActiveKey={params.get("tab") ?? "groups"} items={sections} />
        )}
      </Card>

      {canWrite && !print ? <SettingsCard d={d} /> : null}
    </Space>
    </ZhLocale>
  );
}

function ItemsTable({ items, drill }: { items: ItemTableRow[]; drill: Array<{ key: string; groups: Array<{ group: string; label: string; respondents: number | null; slots: number[] | null; rate: number | null }> }> }) {
  return (
    <Table
      data-testid="table-items"
      rowKey="key"
      size="small"
      dataSource={items}
      pagination={false}
      expandable={{
        expandedRowRender: (r) => {
          const groups = drill.find((x) => x.key === r.key)?.groups ?? [];
          return (
            <Space direction="vertical" style={{ width: "100%" }}>
              <Typography.Text>{r.title}</Typography.Text>
              {r.slots ? (
                <Table
                  size="small"
                  pagination={false}
                  rowKey="label"
                  dataSource={[{ label: "全部", slots: r.slots, respondents: r.value?.respondents ?? null, rate: r.value?.rate ?? null }, ...groups.map((g) => ({ label: g.label, slots: g.slots, respondents: g.respondents, rate: g.rate }))]}
                  columns={[
                    { title: "调查对象", dataIndex: "label" },
                    ...r.slotLabels.map((label, i) => ({ title: label, key: label, align: "right" as const, render: (_: unknown, x: { slots: number[] | null }) => (x.slots ? x.slots[i] : SUPPRESSED_LABEL) })),
                    { title: "认可率", key: "rate", render: (_: unknown, x: { rate: number | null; slots: number[] | null }) => (x.slots ? pct(x.rate) : SUPPRESSED_LABEL) },
                  ]}
                />
              ) : (
                <Tag>{SUPPRESSED_LABEL}</Tag>
              )}
              {r.slots ? <EChart option={itemDistributionChart(r.slotLabels, [{ label: "全部", slots: r.slots }, ...groups.map((g) => ({ label: g.label, slots: g.slots }))])} height={80 + 36 * (groups.length + 1)} /> : null}
            </Space>
          );
        },
      }}
      columns={[
        { title: "题目", dataIndex: "label", width: 140 },
        { title: "维度", dataIndex: "dimension", width: 140 },
        { title: "内容", dataIndex: "title", ellipsis: true },
        { title: "有效作答", key: "n", align: "right" as const, render: (_: unknown, r: ItemTableRow) => (r.value ? formatInt(r.value.respondents) : <Tag>{SUPPRESSED_LABEL}</Tag>) },
        { title: "认可率", key: "rate", render: (_: unknown, r: ItemTableRow) => rateCell(r.value) },
      ]}
    />
  );
}

function SettingsCard({ d }: { d: ReturnType<typeof useLoaderData<typeof loader>>["dashboard"] }) {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const m = d.settings.method;
  const [kind, setKind] = useState<string>(methodFormKind(m));
  const fieldError = (name: string) => (result && !result.ok ? result.fieldErrors[name] : undefined);
  return (
    <Card title="认可度计算设置" data-testid="settings-card">
      {result ? <Alert type={result.ok ? "success" : "error"} showIcon message={result.message} style={{ marginBottom: 12 }} /> : null}
      <Form method="post">
        <input type="hidden" name="intent" value="settings" />
        <Space direction="vertical" style={{ width: "100%" }}>
          <Space wrap>
            <span>计算方法</span>
            <SelectField
              name="kind"
              defaultValue={kind}
              onChange={(v) => setKind(String(v))}
              style={{ minWidth: 220 }}
              options={[
                { value: "itemPooled", label: "按题项汇总法（默认）" },
                { value: "perRespondentOverall", label: "按人计（总体评价）法" },
                { value: "perRespondentK", label: "按人计（至少 k 题认可）法" },
                { value: "groupWeighted", label: "分群体加权法" },
                { value: "scoreBased", label: "分值法" },
              ]}
            />
            <span>达标线（%）</span>
            <InputNumber name="passBar" defaultValue={Math.round(m.passBar * 1000) / 10} min={1} max={100} step={0.5} aria-label="达标线" status={fieldError("passBar") ? "error" : undefined} />
            <span>小样本屏蔽阈值（人，≥ 3）</span>
            <InputNumber name="suppressionThreshold" defaultValue={d.settings.threshold} min={3} max={1000} aria-label="屏蔽阈值" status={fieldError("suppressionThreshold") ? "error" : undefined} />
          </Space>
          {kind === "perRespondentK" ? (
            <Space>
              <span>至少认可题数 k</span>
              <InputNumber name="k" defaultValue={m.kind === "perRespondent" && m.rule.variant === "kOfItems" ? m.rule.k : 8} min={1} max={20} aria-label="k" />
            </Space>
          ) : null}
          {kind === "scoreBased" ? (
            <Space>
              <span>满分</span>
              <InputNumber name="maxScore" defaultValue={m.kind === "scoreBased" ? m.maxScore : 5} min={2} max={10} aria-label="满分" />
            </Space>
          ) : null}
          {kind === "groupWeighted" ? (
            <Space direction="vertical">
              <Space wrap>
                <span>各群体内</span>
                <SelectField name="base" defaultValue={m.kind === "groupWeighted" && m.base.kind === "perRespondent" ? "perRespondentOverall" : "itemPooled"} options={[{ value: "itemPooled", label: "按题项汇总" }, { value: "perRespondentOverall", label: "按人计（总体评价）" }]} style={{ minWidth: 180 }} />
                <span>权重</span>
                <SelectField name="weightsFrom" defaultValue={m.kind === "groupWeighted" && m.weights ? "explicit" : "plan"} options={[{ value: "plan", label: "按抽样方案比例" }, { value: "explicit", label: "按下列权重（%）" }]} style={{ minWidth: 180 }} />
                <SelectField name="missingGroup" defaultValue={m.kind === "groupWeighted" ? m.missingGroup : "renormalize"} options={[{ value: "renormalize", label: "缺群体时重新归一" }, { value: "error", label: "缺群体时不计算" }]} style={{ minWidth: 180 }} />
              </Space>
              <Space wrap>
                {RESPONDENT_GROUPS.map((g) => (
                  <Input key={g} name={`weight.${g}`} addonBefore={GROUP_LABELS[g]} defaultValue={m.kind === "groupWeighted" && m.weights?.[g] !== undefined ? String(Math.round(m.weights[g]! * 1000) / 10) : ""} style={{ width: 150 }} aria-label={`${GROUP_LABELS[g]}权重`} />
                ))}
              </Space>
              {fieldError("weights") ? <Typography.Text type="danger">{fieldError("weights")}</Typography.Text> : null}
            </Space>
          ) : null}
          <Space wrap>
            <span>自动剔除（不经复核）：</span>
            {QUALITY_FLAG_CODES.map((c) => (
              <Checkbox key={c} name="autoExclude" value={c} defaultChecked={d.settings.rules.flagCodes.includes(c)}>
                {FLAG_LABELS[c]}
              </Checkbox>
            ))}
          </Space>
          <Typography.Text type="secondary">修改会记入审计日志；计算方法改变后，本页及导出的所有数字按新方法重新计算。</Typography.Text>
          <Button type="primary" htmlType="submit" loading={navigation.state === "submitting"}>
            保存设置
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
