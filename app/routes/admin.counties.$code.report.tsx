import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, Button, Card, Space, Table, Tag, Typography } from "antd";
import { z } from "zod";
import { ErrorPage } from "#app/components/error-page";
import { isCityAdmin } from "#app/domain/access";
import { VERDICT_LABELS, type VerdictCode } from "#app/domain/statistics/assessment-summary";
import { getAssessment } from "#app/models/assessment.server";
import {
  finalizeReport,
  listFinalReports,
  publishFinalReport,
  ReportInputError,
  unpublishFinalReport,
  verifyFinalReport,
  type FinalReportKind,
  type VerifyResult,
} from "#app/models/reports.server";
import { requireCityAdmin, requireCounty } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { badRequest, notFound, readForm } from "#app/utils/http.server";
import { formatDateTime } from "#app/utils/format";

const FINAL_REPORT_KIND_LABELS: Record<FinalReportKind, string> = { county: "自评报告", rectification: "整改清单" };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.county.name ?? ""} · 报告 · 优质均衡督导评估平台` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const { county, access } = await requireCounty(actor, params.code, "read");
  const [assessment, finals] = await Promise.all([getAssessment(county.id), listFinalReports(county.id)]);
  return {
    county: { code: county.code, name: county.name },
    canWrite: access === "write",
    cityAdmin: isCityAdmin(actor),
    assessment: assessment ? { id: assessment.id, createdAt: assessment.createdAt, verdict: assessment.verdict, failing: assessment.result.verdict.failing.length, missing: assessment.result.verdict.missing.length } : null,
    finals,
  };
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("finalize"), kind: z.enum(["county", "rectification"]).default("county") }),
  z.object({ intent: z.literal("verify"), id: z.string().min(1).max(40) }),
  z.object({ intent: z.literal("publish"), id: z.string().min(1).max(40) }),
  z.object({ intent: z.literal("unpublish"), id: z.string().min(1).max(40) }),
]);

type ActionResult = { ok: true; message: string; verify?: VerifyResult & { id: string } } | { ok: false; formError: string };

/** 定稿 (write access), 校验 (read), 公开/撤回公开 (city admin). */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const parsed = ActionSchema.safeParse(Object.fromEntries(await readForm(request)));
  const need = parsed.success && parsed.data.intent === "verify" ? "read" : "write";
  const { county } = await requireCounty(actor, params.code, need);
  if (!parsed.success) return badRequest({ ok: false as const, formError: "请求参数不正确。" });
  const input = parsed.data;
  try {
    switch (input.intent) {
      case "finalize": {
        const row = await finalizeReport(county, input.kind as FinalReportKind, actor);
        return data<ActionResult>({ ok: true, message: `已定稿${FINAL_REPORT_KIND_LABELS[input.kind as FinalReportKind]}，内容摘要 ${row.contentHash}。` });
      }
      case "verify": {
        const result = await verifyFinalReport(county, input.id);
        if (!result) notFound("未找到该定稿报告。");
        return data<ActionResult>({ ok: true, message: result.unchanged ? "校验通过：报告内容未改变。" : "校验未通过：报告内容与定稿时不一致。", verify: { ...result, id: input.id } });
      }
      case "publish": {
        requireCityAdmin(actor);
        if (!(await publishFinalReport(county, input.id, actor))) notFound("未找到该定稿报告。");
        return data<ActionResult>({ ok: true, message: `已公开${county.name}的督导评估结果。` });
      }
      case "unpublish": {
        requireCityAdmin(actor);
        if (!(await unpublishFinalReport(county, input.id, actor))) notFound("未找到该定稿报告。");
        return data<ActionResult>({ ok: true, message: `已撤回公开${county.name}的督导评估结果。` });
      }
    }
  } catch (e) {
    if (e instanceof ReportInputError) return badRequest({ ok: false as const, formError: e.message });
    throw e;
  }
}

const TAG = { pass: { color: "#389e0d", background: "#f6ffed", borderColor: "#b7eb8f" }, fail: { color: "#cf1322", background: "#fff1f0", borderColor: "#ffa39e" }, warn: { color: "#d46b08", background: "#fff7e6", borderColor: "#ffd591" } };

export default function ReportPage() {
  const { county, canWrite, cityAdmin, assessment, finals } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const base = `/admin/counties/${county.code}`;
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {county.name} · 督导评估报告
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        <Link to={`${base}/assessment`}>评估</Link> · <Link to={`${base}/rectification`}>整改清单</Link> · <Link to="/admin/reports">全市推进情况</Link>
      </Typography.Paragraph>
      {result ? result.ok ? <Alert type={result.verify && !result.verify.unchanged ? "error" : "success"} showIcon message={<span data-testid="action-message">{result.message}</span>} /> : <Alert type="error" showIcon message={<span data-testid="action-error">{result.formError}</span>} /> : null}
      {result?.ok && result.verify ? (
        <Card size="small" title="校验结果" data-testid="verify-result">
          <ul style={{ margin: 0 }}>
            <li>存储的报告内容与内容摘要一致：{result.verify.storedIntact ? "是" : "否"}</li>
            <li>以定稿时的输入重新生成，内容摘要相同：{result.verify.rebuiltSame ? "是" : `否（现为 ${result.verify.rebuiltHash ?? "无法生成"}）`}</li>
            {(["html", "docx", "xlsx"] as const).map((f) => (
              <li key={f}>
                {f.toUpperCase()} 文件与定稿时逐字节相同：{result.verify!.files[f] === null ? "未记录" : result.verify!.files[f] ? "是" : "否"}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {assessment ? (
        <Card
          size="small"
          title={
            <span>
              当前报告（依据 {formatDateTime(String(assessment.createdAt))} 的评估）：
              <Tag data-testid="report-verdict" style={assessment.verdict === "pass" ? TAG.pass : assessment.verdict === "fail" ? TAG.fail : TAG.warn}>
                {VERDICT_LABELS[assessment.verdict as VerdictCode]}
              </Tag>
            </span>
          }
        >
          <Space wrap>
            <a href={`${base}/report/docx`} download data-testid="download-docx">
              <Button>Word</Button>
            </a>
            <a href={`${base}/report/xlsx`} download data-testid="download-xlsx">
              <Button>Excel 附表</Button>
            </a>
            <a href={`${base}/report/pdf`} download data-testid="download-pdf">
              <Button>PDF</Button>
            </a>
            <a href={`${base}/report/html`} target="_blank" rel="noreferrer" data-testid="print-view">
              <Button>打印视图</Button>
            </a>
            {canWrite ? (
              <Form method="post" style={{ display: "inline" }}>
                <input type="hidden" name="intent" value="finalize" />
                <input type="hidden" name="kind" value="county" />
                <Button type="primary" htmlType="submit" loading={busy} data-testid="finalize">
                  定稿
                </Button>
              </Form>
            ) : null}
          </Space>
          <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }}>
            未达标 {assessment.failing} 项，数据缺失 {assessment.missing} 项。定稿会冻结报告内容及其依据的数据快照、调查轮次和政策配置，并记录内容摘要（SHA-256），以后可校验报告未被改变。
          </Typography.Paragraph>
          <iframe title="报告预览" src={`${base}/report/html`} style={{ width: "100%", height: 720, border: "1px solid #eee", marginTop: 12, background: "#fff" }} data-testid="report-frame" />
        </Card>
      ) : (
        <Alert type="info" showIcon message="尚未运行评估，暂无报告。" description={<Link to={`${base}/assessment`}>前往评估页面</Link>} />
      )}
      <Card size="small" title="定稿报告">
        <Table
          data-testid="final-reports"
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={finals}
          locale={{ emptyText: "尚无定稿报告。" }}
          columns={[
            { title: "定稿时间", dataIndex: "finalizedAt", render: (d: string) => formatDateTime(d) },
            { title: "类型", dataIndex: "kind", render: (k: FinalReportKind) => FINAL_REPORT_KIND_LABELS[k] },
            { title: "定稿人", dataIndex: "finalizedByLogin" },
            { title: "内容摘要（SHA-256）", dataIndex: "contentHash", render: (h: string) => <code title={h}>{h.slice(0, 16)}…</code> },
            { title: "公开", dataIndex: "publishedAt", render: (p: string | null) => (p ? <Tag style={TAG.pass}>已公开 {formatDateTime(p)}</Tag> : "未公开") },
            {
              title: "操作",
              key: "ops",
              render: (_: unknown, f: (typeof finals)[number]) => {
                const fileBase = f.kind === "county" ? `${base}/report` : `${base}/rectification`;
                return (
                  <Space wrap size="small">
                    {f.kind === "county" ? (
                      <>
                        <a href={`${fileBase}/docx?final=${f.id}`}>Word</a>
                        <a href={`${fileBase}/xlsx?final=${f.id}`}>Excel</a>
                        <a href={`${fileBase}/pdf?final=${f.id}`}>PDF</a>
                      </>
                    ) : (
                      <a href={`${fileBase}/xlsx?final=${f.id}`}>Excel</a>
                    )}
                    <a href={`${fileBase}/html?final=${f.id}`} target="_blank" rel="noreferrer">
                      查看
                    </a>
                    <Form method="post" style={{ display: "inline" }}>
                      <input type="hidden" name="intent" value="verify" />
                      <input type="hidden" name="id" value={f.id} />
                      <Button size="small" htmlType="submit" data-testid="verify">
                        校验
                      </Button>
                    </Form>
                    {cityAdmin && f.kind === "county" ? (
                      <Form method="post" style={{ display: "inline" }}>
                        <input type="hidden" name="intent" value={f.publishedAt ? "unpublish" : "publish"} />
                        <input type="hidden" name="id" value={f.id} />
                        <Button size="small" htmlType="submit" danger={Boolean(f.publishedAt)} data-testid={f.publishedAt ? "unpublish" : "publish"}>
                          {f.publishedAt ? "撤回公开" : "公开"}
                        </Button>
                      </Form>
                    ) : null}
                  </Space>
                );
              },
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }}>
          公开后，<a href={`/public/${county.code}`}>公开页面</a>只显示评估结论、各方面达标情况和社会认可度（含样本量），不含学校层面的调查结果。
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
