import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, App, Button, Card, Descriptions, Input, Space, Table, Tag, Typography } from "antd";
import { GROUP_LABELS } from "#app/domain/recognition/types";
import { linkStatus, type LinkStatus } from "#app/domain/survey/link-status";
import type { Family, GroupCode } from "#app/domain/survey/questionnaire";
import { FAMILY_LABELS } from "#app/domain/survey/registry";
import {
  allowedTransitions,
  linkAudience,
  linkScopeName,
  LINK_STATUS_LABELS,
  parseRoundAction,
  questionnaireLabel,
  QUOTA_FIELD_PREFIX,
  roundStateLabel,
  toShanghaiInput,
  wechatMessage,
} from "#app/domain/survey/round-form";
import { COUNTY_GROUPS, COUNTY_SCOPE, enrolmentByArea, SCHOOL_GROUPS, STUDENT_SURVEY_KINDS, summarizePlan } from "#app/domain/survey/round-plan";
import { computeSampleTotal } from "#app/domain/survey/sampling-plan";
import { label, schoolKindLabels, urbanRuralLabels } from "#app/i18n/zh-CN";
import { createLinks, getRound, listLinks, revokeLink, RoundError, setLinkLimits, setRoundState, updateQuotas, updateRoundWindow } from "#app/models/survey-rounds.server";
import { requireCounty } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { formatDateTime, formatInt } from "#app/utils/format";
import { notFound, readForm } from "#app/utils/http.server";
import { publicBaseUrl, surveyLinkUrl } from "#app/utils/public-url.server";
import { ErrorPage } from "#app/components/error-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.round.name ?? "调查轮次"} · ${data?.county.name ?? ""} · 优质均衡督导评估平台` }];

const ALL_GROUPS: GroupCode[] = [...SCHOOL_GROUPS, ...COUNTY_GROUPS];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const { county, access } = await requireCounty(actor, params.code, "read");
  const round = await getRound(county.id, params.roundId ?? "");
  if (!round) notFound("未找到该调查轮次。");
  const links = await listLinks(round.id);
  const base = publicBaseUrl(request);
  const now = new Date();

  // Plan table: the county row, then one row per school, each with its cells by group.
  type Cell = { id: string; planned: number; edited: boolean };
  type Row = { key: string; scope: string; code: string | null; kind: string | null; urbanRural: string | null; enrolment: number | null; cells: Partial<Record<GroupCode, Cell>> };
  const rows = new Map<string, Row>();
  for (const q of round.quotas) {
    const key = q.schoolId ?? COUNTY_SCOPE;
    if (!rows.has(key)) {
      rows.set(key, { key, scope: q.school ? q.school.name : `${county.name}（全旗县区，县级链接）`, code: q.school?.code ?? null, kind: q.school?.kind ?? null, urbanRural: q.school?.urbanRural ?? null, enrolment: q.school?.enrolment ?? null, cells: {} });
    }
    rows.get(key)!.cells[q.group as GroupCode] = { id: q.id, planned: q.planned, edited: q.edited };
  }
  const planSchools = [...rows.values()].filter((r) => r.code !== null).map((r) => ({ urbanRural: r.urbanRural ?? "", enrolment: r.enrolment }));
  const summary = summarizePlan(
    round.quotas.map((q) => ({ group: q.group, planned: q.planned, area: q.school?.urbanRural ?? null })),
    round.samplingRule,
  );
  const rule = round.samplingRule;
  const exact = (county.residentPopulation * rule.ratePerMille) / 1000;

  return {
    county: { code: county.code, name: county.name, residentPopulation: county.residentPopulation },
    canWrite: access === "write",
    round: {
      id: round.id,
      name: round.name,
      state: round.state,
      opensAt: round.opensAt,
      closesAt: round.closesAt,
      openedAt: round.openedAt,
      closedAt: round.closedAt,
      onePerDevice: round.onePerDevice,
      questionnaires: round.questionnaires,
      rule,
      opensInput: toShanghaiInput(round.opensAt),
      closesInput: toShanghaiInput(round.closesAt),
    },
    transitions: allowedTransitions(round.state),
    plan: {
      rows: [...rows.values()],
      summary,
      ruleTotal: computeSampleTotal(county.residentPopulation, rule),
      exact,
      enrolmentByArea: enrolmentByArea(planSchools),
      editedCount: round.quotas.filter((q) => q.edited).length,
    },
    links: links.map((l) => {
      const family = l.family as Family;
      const url = surveyLinkUrl(base, l.token);
      const status: LinkStatus = linkStatus({ round, link: l }, now);
      return {
        id: l.id,
        token: l.token,
        url,
        scope: linkScopeName(county.name, l.school?.name ?? null),
        family,
        familyTitle: FAMILY_LABELS[family]?.title ?? l.family,
        questionnaire: l.questionnaire,
        cap: l.cap,
        expiresAt: l.expiresAt,
        expiresInput: l.expiresAt ? toShanghaiInput(l.expiresAt) : "",
        revoked: !!l.revokedAt,
        responseCount: l.responseCount,
        status,
        message: wechatMessage({ countyName: county.name, schoolName: l.school?.name ?? null, familyTitle: FAMILY_LABELS[family]?.title ?? l.family, audience: linkAudience(family, !l.school), url, closesAt: round.closesAt }),
      };
    }),
  };
}

type ActionResult = { ok: true; message: string } | { ok: false; formError?: string; fieldErrors: Record<string, string>; intent?: string; linkId?: string };

const fail = (status: number, body: Omit<Extract<ActionResult, { ok: false }>, "ok">) => data<ActionResult>({ ok: false, ...body }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const { county } = await requireCounty(actor, params.code, "write");
  const roundId = params.roundId ?? "";
  const form = Object.fromEntries(await readForm(request));
  const parsed = parseRoundAction(form);
  const intent = typeof form.intent === "string" ? form.intent : undefined;
  const linkId = typeof form.linkId === "string" ? form.linkId : undefined;
  if (!parsed.ok) return fail(400, { formError: parsed.formError, fieldErrors: parsed.fieldErrors, intent, linkId });
  const a = parsed.value;
  try {
    switch (a.intent) {
      case "open":
      case "close":
        await setRoundState(county.id, roundId, a.intent, {}, actor);
        return data<ActionResult>({ ok: true, message: a.intent === "open" ? "调查已开始。" : "调查已结束，链接不再接受答卷。" });
      case "reopen":
        await setRoundState(county.id, roundId, "reopen", { reason: a.reason, closesAt: a.closesAt }, actor);
        return data<ActionResult>({ ok: true, message: "调查已重新开放，原因已记入审计日志。" });
      case "window":
        await updateRoundWindow(county.id, roundId, a, actor);
        return data<ActionResult>({ ok: true, message: "已保存名称和调查时间。" });
      case "createLinks": {
        const n = await createLinks(county.id, roundId, actor);
        return data<ActionResult>({ ok: true, message: n ? `已生成 ${n} 个二维码链接。` : "每所学校的链接都已生成，没有新增。" });
      }
      case "revoke":
        await revokeLink(county.id, roundId, a.linkId, actor);
        return data<ActionResult>({ ok: true, message: "链接已停用。如需新的二维码，请点击“生成二维码链接”。" });
      case "limits":
        await setLinkLimits(county.id, roundId, a.linkId, { cap: a.cap, expiresAt: a.expiresAt }, actor);
        return data<ActionResult>({ ok: true, message: "已保存链接的名额上限和有效期。" });
      case "quotas": {
        const n = await updateQuotas(county.id, roundId, a.changes, actor);
        return data<ActionResult>({ ok: true, message: n ? `已保存抽样方案：修改了 ${n} 个单元格。` : "抽样方案没有变化。" });
      }
    }
  } catch (e) {
    if (e instanceof RoundError) return fail(e.status, { formError: e.message, fieldErrors: e.field ? { [e.field]: e.message } : {}, intent, linkId });
    throw e;
  }
}

const stateColor: Record<string, string> = { draft: "default", open: "green", closed: "red" };
const statusColor: Record<LinkStatus, string> = { open: "green", not_open: "default", closed: "red", revoked: "default", expired: "orange", cap_reached: "blue" };
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function CopyButton({ text, targetId }: { text: string; targetId: string }) {
  const { message } = App.useApp();
  const fallback = () => {
    // navigator.clipboard needs HTTPS; an intranet server on plain HTTP falls back to selecting the textarea.
    const el = document.getElementById(targetId) as HTMLTextAreaElement | null;
    el?.select();
    const ok = document.execCommand?.("copy");
    if (ok) message.success("已复制");
    else message.info("请按 Ctrl+C 复制已选中的文字");
  };
  return (
    <Button
      size="small"
      onClick={() => {
        if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(() => message.success("已复制"), fallback);
        else fallback();
      }}
    >
      复制文案
    </Button>
  );
}

function ErrorText({ text }: { text?: string }) {
  return text ? (
    <span role="alert" style={{ color: "#c0392b", fontSize: 13 }}>
      {text}
    </span>
  ) : null;
}

export default function RoundPage() {
  const { county, canWrite, round, transitions, plan, links } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const base = `/admin/counties/${county.code}/rounds/${round.id}`;
  const errors = result && !result.ok ? result.fieldErrors : {};
  const editable = canWrite && round.state !== "closed";
  const activeLinks = links.filter((l) => !l.revoked);
  const { summary, enrolmentByArea: areaBasis } = plan;
  const areaTotal = areaBasis.urban + areaBasis.town + areaBasis.rural;
  const schoolPlanned = summary.byArea.urban + summary.byArea.town + summary.byArea.rural;

  const groupColumn = (g: GroupCode) => ({
    title: GROUP_LABELS[g],
    key: g,
    align: "right" as const,
    render: (_: unknown, r: (typeof plan.rows)[number]) => {
      const cell = r.cells[g];
      if (!cell) return <span style={{ color: "#bbb" }}>—</span>;
      const name = `${QUOTA_FIELD_PREFIX}${cell.id}`;
      return editable ? (
        <span style={{ display: "inline-flex", flexDirection: "column", alignItems: "flex-end" }}>
          <input
            key={`${cell.id}-${cell.planned}`}
            type="number"
            name={name}
            min={0}
            step={1}
            defaultValue={cell.planned}
            aria-label={`${r.scope} ${GROUP_LABELS[g]} 计划数`}
            title={cell.edited ? "已手工调整" : "按规则计算"}
            style={{ width: 72, textAlign: "right", border: `1px solid ${cell.edited ? "#fa8c16" : "#d9d9d9"}`, borderRadius: 4, padding: "2px 4px" }}
          />
          <ErrorText text={errors[name]} />
        </span>
      ) : (
        <span title={cell.edited ? "已手工调整" : undefined} style={cell.edited ? { color: "#d46b08" } : undefined}>
          {cell.planned}
          {cell.edited ? "*" : ""}
        </span>
      );
    },
  });

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Space align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="round-title">
          {round.name}
        </Typography.Title>
        <Tag color={stateColor[round.state]} data-testid="round-state">
          {roundStateLabel(round.state)}
        </Tag>
        <Link to={`/admin/counties/${county.code}/rounds`}>返回{county.name}调查轮次</Link>
        <Link to="dashboard">覆盖情况与认可度</Link>
        <Link to="review">答卷复核</Link>
        <Link to="chain">哈希链校验</Link>
      </Space>
      {result ? (
        <Alert type={result.ok ? "success" : "error"} showIcon message={result.ok ? result.message : result.formError} data-testid="action-result" />
      ) : null}

      <Card title="调查时间与状态">
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="调查时间（北京时间）">
            {formatDateTime(round.opensAt)} 至 {formatDateTime(round.closesAt)}
          </Descriptions.Item>
          <Descriptions.Item label="问卷">{round.questionnaires.map(questionnaireLabel).join("、")}</Descriptions.Item>
          <Descriptions.Item label="每台设备限答一次">{round.onePerDevice ? "是" : "否（重复作答标记待审核）"}</Descriptions.Item>
          <Descriptions.Item label="实际开始 / 结束">
            {round.openedAt ? formatDateTime(round.openedAt) : "未开始"} / {round.closedAt ? formatDateTime(round.closedAt) : "—"}
          </Descriptions.Item>
        </Descriptions>
        {canWrite ? (
          <Space direction="vertical" style={{ width: "100%", marginTop: 8 }}>
            {transitions.map((t) =>
              t.needsReason ? (
                <Form method="post" key={t.action}>
                  <input type="hidden" name="intent" value={t.action} />
                  <Space wrap align="start">
                    <span style={{ display: "inline-flex", flexDirection: "column" }}>
                      <Input name="reason" placeholder="重新开放的原因（必填，记入审计日志）" maxLength={200} style={{ width: 360 }} aria-label="重新开放原因" />
                      <ErrorText text={result && !result.ok && result.intent === "reopen" ? errors.reason : undefined} />
                    </span>
                    <span style={{ display: "inline-flex", flexDirection: "column" }}>
                      <Input name="closesAt" type="datetime-local" style={{ width: 220 }} aria-label="新的结束时间" title="新的结束时间（原定时间已过时必填）" />
                      <span style={{ color: "#888", fontSize: 12 }}>新的结束时间（原定时间已过时必填）</span>
                      <ErrorText text={result && !result.ok && result.intent === "reopen" ? errors.closesAt : undefined} />
                    </span>
                    <Button htmlType="submit" loading={busy}>
                      {t.label}
                    </Button>
                  </Space>
                </Form>
              ) : (
                <Form method="post" key={t.action}>
                  <Button
                    type={t.action === "open" ? "primary" : "default"}
                    danger={t.action === "close"}
                    htmlType="submit"
                    name="intent"
                    value={t.action}
                    loading={busy}
                    onClick={(e) => {
                      if (t.action === "close" && !window.confirm("结束后所有链接都不再接受答卷（可重新开放，须填写原因）。确定结束调查？")) e.preventDefault();
                    }}
                  >
                    {t.label}
                  </Button>
                  {t.action === "open" && activeLinks.length === 0 ? <Typography.Text type="warning"> 尚未生成二维码链接。</Typography.Text> : null}
                </Form>
              ),
            )}
            {editable ? (
              <details>
                <summary style={{ cursor: "pointer" }}>修改名称和调查时间</summary>
                <Form method="post" style={{ marginTop: 12 }}>
                  <input type="hidden" name="intent" value="window" />
                  <Space wrap align="start">
                    <span style={{ display: "inline-flex", flexDirection: "column" }}>
                      <Input name="name" defaultValue={round.name} maxLength={60} style={{ width: 260 }} aria-label="轮次名称" />
                      <ErrorText text={errors.name} />
                    </span>
                    <span style={{ display: "inline-flex", flexDirection: "column" }}>
                      <Input name="opensAt" type="datetime-local" defaultValue={round.opensInput} style={{ width: 220 }} aria-label="开始时间" />
                      <ErrorText text={errors.opensAt} />
                    </span>
                    <span style={{ display: "inline-flex", flexDirection: "column" }}>
                      <Input name="closesAt" type="datetime-local" defaultValue={round.closesInput} style={{ width: 220 }} aria-label="结束时间" />
                      <ErrorText text={result && !result.ok && result.intent === "window" ? errors.closesAt : undefined} />
                    </span>
                    <Button htmlType="submit">保存</Button>
                  </Space>
                </Form>
              </details>
            ) : null}
          </Space>
        ) : null}
      </Card>

      <Card title="抽样方案" data-testid="sampling-plan">
        <Typography.Paragraph data-testid="plan-rule">
          按国家规则，样本量为常住人口的 {round.rule.ratePerMille}‰：{formatInt(county.residentPopulation)} × {round.rule.ratePerMille}‰ = {plan.exact.toLocaleString("zh-CN", { maximumFractionDigits: 4 })}，向上取整为{" "}
          <strong>{formatInt(plan.ruleTotal)}</strong> 人{round.rule.minimumTotal ? `（本轮最低样本量 ${formatInt(round.rule.minimumTotal)} 人）` : ""}。家长原则上不低于 {pct(round.rule.parentShare)}，其他各类调查对象数量大体相当。
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          家长、教师、校长按各校在校生数分配；学生只分配到发放学生卷的学校（{STUDENT_SURVEY_KINDS.map((k) => label(schoolKindLabels, k)).join("、")}；教学点和特殊教育学校不发学生卷）；人大代表、政协委员、其他群众为全旗县区名额，通过县级社会卷链接填写。
          城区/镇区/乡村的常住人口分布暂无数据，<strong>以各校在校生数的城乡分布代替</strong>：城区 {formatInt(areaBasis.urban)} 人、镇区 {formatInt(areaBasis.town)} 人、乡村 {formatInt(areaBasis.rural)} 人。
          每个单元格都可以按实际情况调整（如学校的校长、教师人数较少），调整过的单元格以橙色标出。
        </Typography.Paragraph>
        <Space wrap size="large" style={{ marginBottom: 12 }}>
          <span data-testid="plan-total">
            计划合计：<strong>{formatInt(summary.total)}</strong> 人{summary.total !== plan.ruleTotal ? `（规则样本量 ${formatInt(plan.ruleTotal)}）` : ""}
          </span>
          <span data-testid="parent-share">
            家长：{formatInt(summary.byGroup.parent)} 人，占 {pct(summary.parentShare)}{" "}
            {summary.parentShareMet ? <Tag color="green">达到 {pct(round.rule.parentShare)}</Tag> : <Tag color="red">低于 {pct(round.rule.parentShare)}</Tag>}
          </span>
          {areaTotal > 0 && schoolPlanned > 0
            ? (["urban", "town", "rural"] as const).map((a) => (
                <span key={a}>
                  {urbanRuralLabels[a]}：{formatInt(summary.byArea[a])} 人（{pct(summary.byArea[a] / schoolPlanned)}，在校生 {pct(areaBasis[a] / areaTotal)}）
                </span>
              ))
            : null}
          {plan.editedCount ? <Tag color="orange">已手工调整 {plan.editedCount} 格</Tag> : null}
        </Space>
        <Form method="post">
          <input type="hidden" name="intent" value="quotas" />
          <Table
            rowKey="key"
            size="small"
            bordered
            pagination={false}
            scroll={{ x: "max-content" }}
            dataSource={plan.rows}
            columns={[
              { title: "学校 / 范围", dataIndex: "scope", fixed: "left" },
              { title: "类型", dataIndex: "kind", render: (k: string | null) => (k ? label(schoolKindLabels, k) : "县级") },
              { title: "城乡", dataIndex: "urbanRural", render: (a: string | null) => (a ? label(urbanRuralLabels, a) : "—") },
              { title: "在校生", dataIndex: "enrolment", align: "right", render: (n: number | null, r) => (r.code ? formatInt(n) : "") },
              ...ALL_GROUPS.map(groupColumn),
              { title: "合计", key: "sum", align: "right", render: (_: unknown, r) => formatInt(Object.values(r.cells).reduce((n, c) => n + (c?.planned ?? 0), 0)) },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={4}>
                  <strong>合计</strong>
                </Table.Summary.Cell>
                {ALL_GROUPS.map((g, i) => (
                  <Table.Summary.Cell key={g} index={4 + i} align="right">
                    <strong>{formatInt(summary.byGroup[g])}</strong>
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={4 + ALL_GROUPS.length} align="right">
                  <strong>{formatInt(summary.total)}</strong>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
          {editable ? (
            <Button htmlType="submit" type="primary" style={{ marginTop: 12 }} loading={busy}>
              保存抽样方案
            </Button>
          ) : null}
        </Form>
      </Card>

      <Card
        title="二维码链接与海报"
        extra={
          <Space wrap>
            {canWrite && round.state !== "closed" ? (
              <Form method="post">
                <Button type="primary" htmlType="submit" name="intent" value="createLinks" loading={busy}>
                  生成二维码链接
                </Button>
              </Form>
            ) : null}
            <a href={`${base}/posters`} target="_blank" rel="noreferrer">
              <Button disabled={activeLinks.length === 0}>打印全部海报</Button>
            </a>
            <a href={`${base}/posters-pdf`}>
              <Button disabled={activeLinks.length === 0}>下载全部海报 PDF</Button>
            </a>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          每所学校一个社会卷（家长）和校长教师卷链接，有三年级及以上学生的学校另有学生卷链接；全旗县区另有一个社会卷链接，供人大代表、政协委员和其他群众填写。链接是不可猜测的短地址，可设名额上限和有效期；停用后不能恢复，可再点“生成二维码链接”补发新链接。
          共 {activeLinks.length} 个有效链接{links.length > activeLinks.length ? `，${links.length - activeLinks.length} 个已停用` : ""}。
        </Typography.Paragraph>
        <Table
          rowKey="id"
          size="small"
          dataSource={links}
          pagination={{ pageSize: 60, hideOnSinglePage: true }}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: canWrite ? "还没有链接，请点击“生成二维码链接”。" : "还没有链接。" }}
          expandable={{
            rowExpandable: (l) => !l.revoked,
            expandedRowRender: (l) => (
              <Space align="start" wrap size="large">
                <div>
                  <div style={{ fontWeight: 500, marginBottom: 4 }}>微信群文案</div>
                  <textarea id={`msg-${l.id}`} readOnly value={l.message} rows={7} style={{ width: 460, maxWidth: "100%", fontSize: 13 }} aria-label={`${l.scope} ${l.familyTitle} 微信群文案`} />
                  <div>
                    <CopyButton text={l.message} targetId={`msg-${l.id}`} />
                  </div>
                </div>
                {canWrite ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="limits" />
                    <input type="hidden" name="linkId" value={l.id} />
                    <div style={{ fontWeight: 500, marginBottom: 4 }}>名额上限与有效期</div>
                    <Space direction="vertical">
                      <Input name="cap" type="number" min={1} step={1} defaultValue={l.cap ?? ""} placeholder="名额上限（留空不限）" style={{ width: 220 }} aria-label="名额上限" />
                      <Input name="expiresAt" type="datetime-local" defaultValue={l.expiresInput} style={{ width: 220 }} aria-label="有效期至" title="有效期至（北京时间，留空不限）" />
                      {result && !result.ok && result.intent === "limits" && result.linkId === l.id ? <ErrorText text={result.formError} /> : null}
                      <Button htmlType="submit" size="small">
                        保存
                      </Button>
                    </Space>
                  </Form>
                ) : null}
              </Space>
            ),
          }}
          columns={[
            { title: "学校 / 范围", dataIndex: "scope" },
            { title: "问卷", dataIndex: "familyTitle", render: (_: string, l) => questionnaireLabel(l.questionnaire) },
            {
              title: "短链接",
              dataIndex: "url",
              render: (u: string, l) =>
                l.revoked ? (
                  <Typography.Text delete type="secondary">
                    {u}
                  </Typography.Text>
                ) : (
                  <Typography.Text copyable={{ text: u, tooltips: ["复制链接", "已复制"] }} code>
                    {u}
                  </Typography.Text>
                ),
            },
            { title: "已收答卷", dataIndex: "responseCount", align: "right" },
            { title: "名额上限", dataIndex: "cap", align: "right", render: (c: number | null) => (c == null ? "不限" : formatInt(c)) },
            { title: "有效期至", dataIndex: "expiresAt", render: (d: string | null) => (d ? formatDateTime(d) : "随调查结束") },
            { title: "状态", dataIndex: "status", render: (s: LinkStatus) => <Tag color={statusColor[s]}>{LINK_STATUS_LABELS[s]}</Tag> },
            {
              title: "海报与二维码",
              key: "files",
              render: (_: unknown, l) =>
                l.revoked ? null : (
                  <Space size="small" wrap>
                    <a href={`${base}/posters?link=${l.id}`} target="_blank" rel="noreferrer">
                      海报
                    </a>
                    <a href={`${base}/qr/${l.id}?format=png`}>PNG</a>
                    <a href={`${base}/qr/${l.id}?format=svg`}>SVG</a>
                    <a href={`${base}/posters-pdf?link=${l.id}`}>PDF</a>
                  </Space>
                ),
            },
            ...(canWrite
              ? [
                  {
                    title: "操作",
                    key: "revoke",
                    render: (_: unknown, l: (typeof links)[number]) =>
                      l.revoked ? null : (
                        <Form method="post">
                          <input type="hidden" name="linkId" value={l.id} />
                          <Button
                            size="small"
                            danger
                            htmlType="submit"
                            name="intent"
                            value="revoke"
                            onClick={(e) => {
                              if (!window.confirm(`停用后“${l.scope} ${l.familyTitle}”的二维码将不能再填写，且不能恢复。确定停用？`)) e.preventDefault();
                            }}
                          >
                            停用
                          </Button>
                        </Form>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </Space>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
