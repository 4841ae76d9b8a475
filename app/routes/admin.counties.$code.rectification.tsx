import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Alert, Button, Card, Space, Table, Tag, Typography } from "antd";
import { ErrorPage } from "#app/components/error-page";
import { rectificationList, type RectificationItem } from "#app/domain/report/rectification";
import { VERDICT_LABELS } from "#app/domain/statistics/assessment-summary";
import { getAssessment } from "#app/models/assessment.server";
import { requireCounty } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { formatDateTime } from "#app/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.county.name ?? ""} · 整改清单 · 优质均衡督导评估平台` }];

/** 整改清单 of the latest assessment, grouped by 责任科室 (rectificationList over the engine's verdict). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const { county } = await requireCounty(actor, params.code, "read");
  const assessment = await getAssessment(county.id);
  return {
    county: { code: county.code, name: county.name },
    assessment: assessment ? { createdAt: assessment.createdAt, verdict: VERDICT_LABELS[assessment.verdict] } : null,
    groups: assessment ? rectificationList(assessment.result.verdict) : [],
  };
}

const RED = { color: "#cf1322", background: "#fff1f0", borderColor: "#ffa39e" };
const ORANGE = { color: "#d46b08", background: "#fff7e6", borderColor: "#ffd591" };

export default function RectificationPage() {
  const { county, assessment, groups } = useLoaderData<typeof loader>();
  const base = `/admin/counties/${county.code}`;
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {county.name} · 整改清单
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        <Link to={`${base}/assessment`}>评估</Link> · <Link to={`${base}/report`}>报告</Link>
      </Typography.Paragraph>
      {!assessment ? (
        <Alert type="info" showIcon message="尚未运行评估，暂无整改清单。" />
      ) : (
        <>
          <Space wrap>
            <a href={`${base}/rectification/html`} target="_blank" rel="noreferrer" data-testid="rectification-print">
              <Button>打印视图</Button>
            </a>
            <a href={`${base}/rectification/xlsx`} download data-testid="rectification-xlsx">
              <Button>Excel</Button>
            </a>
            <Typography.Text type="secondary">
              依据 {formatDateTime(String(assessment.createdAt))} 的评估（{assessment.verdict}）。同一指标由多个科室负责的，在各科室下分别列出。
            </Typography.Text>
          </Space>
          {groups.length === 0 ? <Alert type="success" showIcon message="所有指标均已达标，无整改任务。" /> : null}
          {groups.map((g) => (
            <Card key={g.section} size="small" title={<span data-testid="rectification-section">{g.section}</span>} extra={`${g.items.length} 项指标`}>
              <Table
                size="small"
                pagination={false}
                rowKey={(i: RectificationItem) => `${i.code}|${i.name}`}
                dataSource={g.items}
                columns={[
                  { title: "指标", key: "item", width: 240, render: (_: unknown, i: RectificationItem) => <span>{i.code} {i.name}<br /><Typography.Text type="secondary">{i.partLabel}</Typography.Text></span> },
                  { title: "结果", dataIndex: "status", width: 90, render: (s: RectificationItem["status"]) => <Tag style={s === "fail" ? RED : ORANGE}>{s === "fail" ? "未达标" : "数据缺失"}</Tag> },
                  {
                    title: "现状与差距",
                    key: "findings",
                    render: (_: unknown, i: RectificationItem) => (
                      <ul style={{ margin: 0, paddingLeft: 18 }}>
                        {i.findings.slice(0, 30).map((f, n) => (
                          <li key={n}>
                            {f.subject}：{f.situation}；{f.gap}
                          </li>
                        ))}
                        {i.findings.length > 30 ? <li>……共 {i.findings.length} 条，见 Excel</li> : null}
                      </ul>
                    ),
                  },
                  { title: "责任清单任务", key: "task", width: 260, render: (_: unknown, i: RectificationItem) => (i.listNo ? `第${i.listNo}项：${i.task}` : "—") },
                ]}
              />
            </Card>
          ))}
        </>
      )}
    </Space>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
