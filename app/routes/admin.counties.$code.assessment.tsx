import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, Button, Card, Collapse, Descriptions, Input, Popover, Radio, Result, Space, Table, Tag, Typography } from "antd";
import { useState, type CSSProperties } from "react";
import { z } from "zod";
import { ErrorPage } from "#app/components/error-page";
import { formatNumber } from "#app/domain/assessment/compare";
import { describeResult, STATUS_LABELS, type IndicatorResult, type ResultStatus } from "#app/domain/assessment/indicator-result";
import type { ResourceIndicatorResult, SchoolResourceResult } from "#app/domain/assessment/resource-indicators";
import { COMPARISON_LABELS, RESOURCE_CODES, STAGE_LABELS } from "#app/domain/reference/national-thresholds";
import { partSummaries, tasksBySection, VERDICT_LABELS, type StoredAssessment, type VerdictCode } from "#app/domain/statistics/assessment-summary";
import { STATISTICS_KIND_LABELS, STATISTICS_KINDS, type StatisticsKind } from "#app/domain/statistics/kinds";
import { assessmentChoices, AssessmentInputError, getAssessment, listAssessments, runAssessment, type RecognitionChoice } from "#app/models/assessment.server";
import { listPolicyVersions } from "#app/models/policy.server";
import { requireCounty } from "#app/utils/access.server";
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

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.county.name ?? ""} · 评估 · 优质均衡督导评估平台` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const { county, access } = await requireCounty(actor, params.code, "read");
  const id = new URL(request.url).searchParams.get("id");
  const [assessment, history, choices, policies] = await Promise.all([getAssessment(county.id, id), listAssessments(county.id), assessmentChoices(county), listPolicyVersions(county.cityId)]);
  if (id && !assessment) throw data({ message: "未找到该评估记录。" }, { status: 404 });
  return {
    county: { code: county.code, name: county.name },
    canWrite: access === "write",
    assessment,
    history,
    choices: {
      snapshots: choices.snapshots.map((s) => ({ id: s.id, kind: s.kind, label: `第 ${s.version} 版 · ${s.year} 年 · ${s.fileName}（${formatDateTime(s.createdAt)}）` })),
      rounds: choices.rounds.map((r) => ({ id: r.id, label: `${r.name}（${formatDateTime(r.closedAt)} 结束）` })),
      policies: policies.map((p) => ({ id: p.id, label: `${p.scope === "national" ? "国家" : "本市"} · ${p.name} 第 ${p.version} 版` })),
      defaultPolicyId: choices.defaultPolicyId,
    },
  };
}

const snapshotField = z.string().max(64, "所选的统计数据快照编号无效。").optional().transform((v) => (v === undefined || v === "" || v === "latest" ? undefined : v === "none" ? null : v));
const RunSchema = z
  .object({
    policyVersionId: z.string().max(64, "所选的政策配置版本编号无效。").optional().transform((v) => v || undefined),
    snapshot_school_base: snapshotField,
    snapshot_county_indicators: snapshotField,
    snapshot_monitoring: snapshotField,
    snapshot_vetoes: snapshotField,
    recognitionSource: z.enum(["latest", "round", "manual", "none"], { errorMap: () => ({ message: "请选择社会认可度的来源。" }) }).default("latest"),
    roundId: z.string().max(64, "所选的调查轮次编号无效。").optional(),
    manualScore: z.string().optional(),
    manualNote: z.string().max(300, "来源说明不超过 300 字").optional(),
  })
  .transform((f, ctx): { policyVersionId?: string; snapshotIds: Partial<Record<StatisticsKind, string | null>>; recognition: RecognitionChoice } => {
    let recognition: RecognitionChoice = { kind: f.recognitionSource === "latest" ? "latest" : "none" };
    if (f.recognitionSource === "round") {
      if (!f.roundId) ctx.addIssue({ code: "custom", message: "请选择已结束的调查轮次。" });
      recognition = { kind: "round", roundId: f.roundId ?? "" };
    } else if (f.recognitionSource === "manual") {
      const score = Number(f.manualScore);
      if (!f.manualScore || !Number.isFinite(score) || score < 0 || score > 100) ctx.addIssue({ code: "custom", message: "社会认可度应为 0–100 之间的百分数。" });
      recognition = { kind: "manual", score, note: f.manualNote ?? "" };
    }
    const snapshotIds = Object.fromEntries(STATISTICS_KINDS.map((k) => [k, f[`snapshot_${k}`]]).filter(([, v]) => v !== undefined));
    return { policyVersionId: f.policyVersionId, snapshotIds, recognition };
  });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const { county } = await requireCounty(actor, params.code, "write");
  const parsed = RunSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ ok: false as const, message: parsed.error.issues[0]!.message }, { status: 400 });
  try {
    const run = await runAssessment(county, parsed.data, actor);
    return redirect(`/admin/counties/${county.code}/assessment?id=${run.id}`);
  } catch (e) {
    if (e instanceof AssessmentInputError) return data({ ok: false as const, message: e.message }, { status: 400 });
    throw e;
  }
}

// ───────────────────────────── display helpers ─────────────────────────────

const STATUS_COLORS: Record<ResultStatus, string> = { pass: "green", fail: "red", missing: "orange" };
const CELL_STYLE: Record<ResultStatus, CSSProperties> = {
  pass: {},
  fail: { background: "#fff1f0", color: "#cf1322", fontWeight: 600 },
  missing: { background: "#fff7e6", color: "#ad6800" },
};

function StatusTag({ status }: { status: ResultStatus }) {
  return <Tag style={TONES[STATUS_COLORS[status]]}>{STATUS_LABELS[status]}</Tag>;
}

/** The value alone (units are long, e.g. 人/百名学生: they are in the header, the standard and the popover). */
function valueText(r: IndicatorResult, decimals: number): string {
  if (r.status === "missing" || r.value === null) return "数据缺失";
  if (r.comparison === "judgement") return STATUS_LABELS[r.status];
  return `${formatNumber(r.value, decimals)}${r.unit === "项" || r.unit === "%" ? r.unit : ""}`;
}

function standardText(r: IndicatorResult, decimals: number): string {
  if (r.standard === null) return "—";
  if (r.comparison === "judgement") return "达标";
  return `${COMPARISON_LABELS[r.comparison]} ${formatNumber(r.standard, decimals)} ${r.unit}`;
}

/** The computation of one result: inputs, formula in words, standard, gap, note. */
function Computation({ r, decimals }: { r: IndicatorResult; decimals: number }) {
  const attainment = (r as Partial<ResourceIndicatorResult>).attainment;
  return (
    <div style={{ maxWidth: 460 }} data-testid="computation">
      <Typography.Text strong>
        {r.code} {r.name}
      </Typography.Text>
      <div>评估对象：{r.subject}</div>
      {Object.keys(r.inputs).length ? (
        <div>
          输入：
          {Object.entries(r.inputs).map(([k, v]) => (
            <div key={k} style={{ paddingLeft: 12 }}>
              {k}：{v === null ? "数据缺失" : formatNumber(v, 4)}
            </div>
          ))}
        </div>
      ) : null}
      <div>算法：{r.formula}</div>
      <div>
        结果：{valueText(r, decimals)} {r.comparison !== "judgement" && r.unit ? r.unit : ""}；标准：{standardText(r, decimals)}
        {r.localBasis ? `（地方从严：${r.localBasis}）` : ""}
      </div>
      {typeof attainment === "number" ? <div>达到标准的 {formatNumber(attainment, 1)}%</div> : null}
      <div>
        结论：<StatusTag status={r.status} />
        {r.status === "fail" && r.gap !== null && r.comparison !== "judgement" ? (r.comparison === "lt" ? `须低于 ${formatNumber(r.standard ?? 0, decimals)}` : `还差 ${formatNumber(r.gap, decimals)} ${r.unit}`) : ""}
      </div>
      {r.note ? <div>说明：{r.note}</div> : null}
      {r.responsibleSections.length ? <div>责任科室：{r.responsibleSections.join("、")}</div> : null}
    </div>
  );
}

function ResultCell({ r, decimals, testId }: { r: IndicatorResult; decimals: number; testId?: string }) {
  return (
    <Popover trigger="click" content={<Computation r={r} decimals={decimals} />} title="计算过程">
      <span role="button" tabIndex={0} data-testid={testId} data-status={r.status} style={{ cursor: "pointer", padding: "2px 6px", borderRadius: 4, display: "inline-block", ...CELL_STYLE[r.status] }}>
        {valueText(r, decimals)}
      </span>
    </Popover>
  );
}

function ItemTable({ rows, decimals, testId }: { rows: IndicatorResult[]; decimals: number; testId: string }) {
  return (
    <Table
      data-testid={testId}
      size="small"
      pagination={false}
      rowKey={(r) => `${r.code}-${r.subject}-${r.name}`}
      dataSource={rows}
      expandable={{
        rowExpandable: (r) => Boolean(r.parts?.length),
        expandedRowRender: (r) => <ItemTable rows={r.parts ?? []} decimals={decimals} testId={`${testId}-parts`} />,
      }}
      columns={[
        { title: "代码", dataIndex: "code", width: 70 },
        { title: "指标", dataIndex: "name" },
        { title: "对象", dataIndex: "subject", width: 140 },
        { title: "结果", key: "value", render: (_: unknown, r: IndicatorResult) => <ResultCell r={r} decimals={decimals} /> },
        { title: "标准", key: "standard", render: (_: unknown, r: IndicatorResult) => standardText(r, decimals) },
        { title: "结论", key: "status", render: (_: unknown, r: IndicatorResult) => <StatusTag status={r.status} /> },
        { title: "差距与说明", key: "gap", render: (_: unknown, r: IndicatorResult) => (r.status === "pass" ? r.note ?? "" : describeResult(r, decimals).split("：").slice(1).join("：") + (r.note ? `（${r.note}）` : "")) },
        { title: "责任科室", key: "sections", render: (_: unknown, r: IndicatorResult) => (r.status === "pass" ? "" : r.responsibleSections.join("、")) },
      ]}
    />
  );
}

function SchoolTable({ schools, decimals }: { schools: SchoolResourceResult[]; decimals: number }) {
  return (
    <Table
      data-testid="school-table"
      size="small"
      rowKey={(s) => `${s.schoolId}-${s.stage}`}
      dataSource={schools}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      scroll={{ x: "max-content" }}
      columns={[
        { title: "学校（学段）", dataIndex: "subject", fixed: "left" },
        { title: "学段", dataIndex: "stage", render: (s: "primary" | "junior") => STAGE_LABELS[s] },
        { title: "在校生", key: "students", align: "right", render: (_: unknown, s: SchoolResourceResult) => (s.inputs["在校生数"] ?? "数据缺失") },
        ...RESOURCE_CODES.map((code) => ({
          title: code,
          key: code,
          render: (_: unknown, s: SchoolResourceResult) => {
            const part = s.parts.find((p) => p.code === code)!;
            return <ResultCell r={part} decimals={decimals} testId={`cell-${code}-${part.status}`} />;
          },
        })),
        { title: "达标项数", key: "met", render: (_: unknown, s: SchoolResourceResult) => `${s.metCount} / 7` },
        { title: "结论", key: "status", render: (_: unknown, s: SchoolResourceResult) => <StatusTag status={s.status} /> },
        {
          title: "最小改进（达标所需）",
          key: "fixes",
          render: (_: unknown, s: SchoolResourceResult) =>
            s.fixes.length ? (
              <div data-testid="school-fixes">
                {s.fixes.map((f) => (
                  <div key={f.code}>{f.text}</div>
                ))}
              </div>
            ) : s.status === "missing" ? (
              "补齐数据后判定"
            ) : (
              ""
            ),
        },
      ]}
    />
  );
}

function CvTable({ rows, decimals }: { rows: IndicatorResult[]; decimals: number }) {
  const stages = [...new Set(rows.map((r) => r.subject))];
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {stages.map((stage) => (
        <div key={stage}>
          <Typography.Text strong>{stage}</Typography.Text>
          <Table
            data-testid="cv-table"
            size="small"
            pagination={false}
            rowKey={(r) => `${r.subject}-${r.code}`}
            dataSource={rows.filter((r) => r.subject === stage)}
            columns={[
              { title: "代码", dataIndex: "code", width: 70 },
              { title: "指标", dataIndex: "name" },
              { title: "学校数", key: "n", render: (_: unknown, r: IndicatorResult) => r.inputs["学校数"] ?? "—" },
              { title: "全县值", key: "mean", render: (_: unknown, r: IndicatorResult) => (r.inputs["全县值"] === null || r.inputs["全县值"] === undefined ? "—" : formatNumber(r.inputs["全县值"], 2)) },
              { title: "差异系数", key: "cv", render: (_: unknown, r: IndicatorResult) => <ResultCell r={r} decimals={Math.max(3, decimals)} testId={`cv-${r.code}-${r.status}`} /> },
              { title: "标准", key: "std", render: (_: unknown, r: IndicatorResult) => standardText(r, decimals) },
              { title: "结论", key: "status", render: (_: unknown, r: IndicatorResult) => <StatusTag status={r.status} /> },
            ]}
          />
        </div>
      ))}
    </Space>
  );
}

function VerdictView({ stored, meta }: { stored: StoredAssessment; meta: { id: string; createdAt: string; createdByLogin: string; verdict: VerdictCode } }) {
  const v = stored.verdict;
  const decimals = 2;
  const parts = partSummaries(v);
  const tasks = tasksBySection(v);
  const failingSchools = v.resource.schools.filter((s) => s.status === "fail");
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Result
        status={meta.verdict === "pass" ? "success" : meta.verdict === "fail" ? "error" : "warning"}
        title={<span data-testid="verdict" data-assessment-id={meta.id}>{VERDICT_LABELS[meta.verdict]}</span>}
        subTitle={`${v.countyName}：${v.achieved ? "达到县域义务教育优质均衡发展督导评估要求" : `未达标 ${v.failing.length} 项，数据缺失 ${v.missing.length} 项`}。评估时间 ${formatDateTime(meta.createdAt)}（${meta.createdByLogin}）。`}
        style={{ padding: "16px 0" }}
      />
      <Card size="small" title="本次评估使用的数据">
        <Descriptions column={1} size="small">
          <Descriptions.Item label="政策配置">
            {stored.policy.scope === "national" ? "国家" : "本市"} · {stored.policy.name} 第 {stored.policy.version} 版
          </Descriptions.Item>
          {STATISTICS_KINDS.map((kind) => {
            const s = stored.snapshots.find((x) => x.kind === kind);
            return (
              <Descriptions.Item key={kind} label={STATISTICS_KIND_LABELS[kind]}>
                {s ? (
                  <span data-testid={`used-${kind}`}>
                    第 {s.version} 版 · {s.fileName} · {s.year} 年 · SHA-256 <code>{s.sha256.slice(0, 16)}…</code>
                  </span>
                ) : (
                  <Tag style={TONES.orange}>未使用（数据缺失）</Tag>
                )}
              </Descriptions.Item>
            );
          })}
          <Descriptions.Item label="社会认可度">
            {stored.recognition.source === "round"
              ? `调查轮次「${stored.recognition.roundName}」：${stored.recognition.score === null ? "无有效答卷" : `${formatNumber(stored.recognition.score, 1)}%`}（${stored.recognition.method ?? ""}，${stored.recognition.respondents ?? 0} 人）`
              : stored.recognition.source === "manual"
                ? `手工录入 ${formatNumber(stored.recognition.score ?? 0, 1)}%（来源：${stored.recognition.note}）`
                : "未提供"}
            {stored.recognition.warnings.length ? <div style={{ color: "#ad6800" }}>{stored.recognition.warnings.join("；")}</div> : null}
          </Descriptions.Item>
        </Descriptions>
        {stored.notes.length ? (
          <Collapse
            size="small"
            items={[{ key: "notes", label: `数据说明（${stored.notes.length} 条）`, children: <ul style={{ margin: 0 }}>{stored.notes.map((n) => <li key={n}>{n}</li>)}</ul> }]}
          />
        ) : null}
      </Card>
      <Card size="small" title="四个方面与一票否决">
        <Table
          data-testid="part-summary"
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={parts}
          columns={[
            { title: "方面", dataIndex: "label" },
            { title: "结论", dataIndex: "status", render: (s: ResultStatus) => <StatusTag status={s} /> },
            { title: "达标", dataIndex: "passed" },
            { title: "未达标", dataIndex: "failed" },
            { title: "数据缺失", dataIndex: "missing" },
          ]}
        />
      </Card>
      {v.missing.length ? (
        <Alert
          type="warning"
          showIcon
          message={`数据缺失 ${v.missing.length} 项（缺失的数据不会被视为达标）`}
          description={<div data-testid="missing-items">{v.missing.slice(0, 40).map((r) => `${r.code} ${r.name}（${r.subject}）`).join("；")}{v.missing.length > 40 ? " …" : ""}</div>}
        />
      ) : null}
      <Card size="small" title="申请认定条件">
        <ItemTable rows={v.entry} decimals={decimals} testId="entry-table" />
      </Card>
      <Card size="small" title={`资源配置 · 每所学校 7 项指标（点击数值查看计算过程；红色为未达标）`}>
        <SchoolTable schools={v.resource.schools} decimals={decimals} />
        {v.resource.excluded.length ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            不参与计算：{v.resource.excluded.map((e) => `${e.schoolName}（${e.reason}）`).join("；")}
          </Typography.Paragraph>
        ) : null}
      </Card>
      {failingSchools.length ? (
        <Card size="small" title="未达标学校的最小改进">
          <ul data-testid="fix-list" style={{ margin: 0 }}>
            {failingSchools.map((s) => (
              <li key={`${s.schoolId}-${s.stage}`}>
                <b>{s.subject}</b>：{s.fixes.length ? s.fixes.map((f) => f.text).join("；") : s.note}（责任科室：{s.responsibleSections.join("、")}）
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card size="small" title="资源配置 · 校际差异系数（分学段）">
        <CvTable rows={v.resource.balance} decimals={decimals} />
      </Card>
      <Card size="small" title="政府保障程度（G1–G15）">
        <ItemTable rows={v.guarantee} decimals={decimals} testId="guarantee-table" />
      </Card>
      <Card size="small" title="教育质量（Q1–Q9）">
        <ItemTable rows={v.quality} decimals={decimals} testId="quality-table" />
      </Card>
      <Card size="small" title="社会认可度与一票否决">
        <ItemTable rows={[v.recognition, ...v.vetoes]} decimals={decimals} testId="veto-table" />
      </Card>
      {tasks.length ? (
        <Card size="small" title="整改任务（按责任科室）">
          <Table
            data-testid="tasks-table"
            size="small"
            pagination={false}
            rowKey="section"
            dataSource={tasks}
            columns={[
              { title: "责任科室", dataIndex: "section", width: 160 },
              {
                title: "未达标 / 数据缺失的项目",
                key: "items",
                render: (_: unknown, t: (typeof tasks)[number]) =>
                  t.items.map((i) => (
                    <div key={`${i.code}-${i.subject}-${i.name}`}>
                      <Tag style={TONES[STATUS_COLORS[i.status]]}>{STATUS_LABELS[i.status]}</Tag>
                      {i.code} {i.name}（{i.subject}）
                    </div>
                  )),
              },
            ]}
          />
        </Card>
      ) : null}
    </Space>
  );
}

function RunForm({ choices, busy }: { choices: ReturnType<typeof useLoaderData<typeof loader>>["choices"]; busy: boolean }) {
  const [source, setSource] = useState<"latest" | "round" | "manual" | "none">("latest");
  return (
    <Form method="post">
      <Space direction="vertical" style={{ width: "100%" }}>
        <Descriptions column={1} size="small" bordered labelStyle={{ width: 180, whiteSpace: "nowrap" }}>
          {STATISTICS_KINDS.map((kind) => (
            <Descriptions.Item key={kind} label={STATISTICS_KIND_LABELS[kind]}>
              <select name={`snapshot_${kind}`} defaultValue="latest" aria-label={STATISTICS_KIND_LABELS[kind]} style={{ minWidth: 320, maxWidth: 560 }}>
                <option value="latest">最新快照</option>
                {choices.snapshots
                  .filter((s) => s.kind === kind)
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.label}
                    </option>
                  ))}
                <option value="none">不使用（按数据缺失）</option>
              </select>
            </Descriptions.Item>
          ))}
          <Descriptions.Item label="政策配置">
            <select name="policyVersionId" defaultValue={choices.defaultPolicyId} aria-label="政策配置" style={{ minWidth: 320, maxWidth: 560 }}>
              {choices.policies.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </Descriptions.Item>
          <Descriptions.Item label="社会认可度">
            <Space direction="vertical">
              <Radio.Group name="recognitionSource" value={source} onChange={(e) => setSource(e.target.value)}>
                <Radio value="latest">最近结束的调查轮次</Radio>
                <Radio value="round" disabled={choices.rounds.length === 0}>
                  指定轮次
                </Radio>
                <Radio value="manual">手工录入</Radio>
                <Radio value="none">暂不提供</Radio>
              </Radio.Group>
              {source === "round" ? (
                <select name="roundId" aria-label="调查轮次">
                  {choices.rounds.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.label}
                    </option>
                  ))}
                </select>
              ) : null}
              {source === "manual" ? (
                <Space wrap>
                  <Input name="manualScore" type="number" min={0} max={100} step={0.1} addonAfter="%" placeholder="如 88.6" aria-label="社会认可度" style={{ width: 180 }} />
                  <Input name="manualNote" placeholder="来源（如：2025年省级社会认可度调查报告）" style={{ width: 360 }} aria-label="来源说明" />
                </Space>
              ) : null}
              {choices.rounds.length === 0 ? <Typography.Text type="secondary">本旗县区还没有已结束的调查轮次。</Typography.Text> : null}
            </Space>
          </Descriptions.Item>
        </Descriptions>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="run-assessment">
          {busy ? "正在评估…" : "运行评估"}
        </Button>
      </Space>
    </Form>
  );
}

export default function AssessmentPage() {
  const { county, canWrite, assessment, history, choices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {county.name} · 优质均衡督导评估
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        <Link to={`/admin/counties/${county.code}/statistics`}>统计数据与快照</Link> · <Link to="/admin/policy">政策配置</Link> · <Link to="/admin/assessment">全市评估</Link>
      </Typography.Paragraph>
      {canWrite ? (
        <Card size="small" title="运行评估">
          <RunForm choices={choices} busy={busy} />
        </Card>
      ) : null}
      {result && !result.ok ? <Alert type="error" showIcon message={<span data-testid="run-error">{result.message}</span>} /> : null}
      {assessment ? (
        <VerdictView stored={assessment.result} meta={{ id: assessment.id, createdAt: String(assessment.createdAt), createdByLogin: assessment.createdByLogin, verdict: assessment.verdict }} />
      ) : (
        <Alert type="info" showIcon message="尚未运行评估。" description={canWrite ? "导入统计数据后点击“运行评估”；缺少的数据按“数据缺失”处理，不会视为达标。" : "旗县区管理员运行评估后可在此查看结果。"} />
      )}
      {history.length ? (
        <Card size="small" title="评估记录">
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={history}
            columns={[
              { title: "时间", dataIndex: "createdAt", render: (d: string, h) => <Link to={`?id=${h.id}`}>{formatDateTime(d)}</Link> },
              { title: "结论", dataIndex: "verdict", render: (v: VerdictCode) => <Tag style={TONES[v === "pass" ? "green" : v === "fail" ? "red" : "orange"]}>{VERDICT_LABELS[v] ?? v}</Tag> },
              { title: "政策配置", dataIndex: "policy" },
              { title: "运行人", dataIndex: "createdByLogin" },
            ]}
          />
        </Card>
      ) : null}
    </Space>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
