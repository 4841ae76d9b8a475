import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Card, Space, Statistic, Table, Tag, Typography } from "antd";
import type { CSSProperties } from "react";
import { ErrorPage } from "#app/components/error-page";
import { VERDICT_LABELS, type VerdictCode } from "#app/domain/statistics/assessment-summary";
import { STATISTICS_KIND_LABELS, STATISTICS_KINDS, type StatisticsKind } from "#app/domain/statistics/kinds";
import { label, stageLabels } from "#app/i18n/zh-CN";
import { assessmentOverview } from "#app/models/assessment.server";
import { listCountiesForActor } from "#app/models/counties.server";
import { requireActor } from "#app/utils/auth.server";
import { formatDateTime } from "#app/utils/format";

// Inline tag colours: the static antd CSS (scripts/extract-antd-css.tsx) has no preset-colour Tag classes.
const TONES: Record<string, CSSProperties> = {
  green: { color: "#389e0d", background: "#f6ffed", borderColor: "#b7eb8f" },
  red: { color: "#cf1322", background: "#fff1f0", borderColor: "#ffa39e" },
  orange: { color: "#d46b08", background: "#fff7e6", borderColor: "#ffd591" },
  blue: { color: "#0958d9", background: "#e6f4ff", borderColor: "#91caff" },
  default: {},
};

export const meta: MetaFunction = () => [{ title: "全市评估 · 优质均衡督导评估平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const counties = await listCountiesForActor(actor);
  const overview = await assessmentOverview(counties.map((c) => c.id));
  return {
    rows: counties.map((c) => {
      const o = overview.get(c.id)!;
      return {
        code: c.code,
        name: c.name,
        targetYear: c.targetYear,
        stage: c.stage,
        kinds: o.kinds,
        closedRounds: o.closedRounds,
        latest: o.latest,
      };
    }),
  };
}

const VERDICT_COLORS: Record<VerdictCode, string> = { pass: "green", fail: "red", incomplete: "orange" };

export default function CityAssessment() {
  const { rows } = useLoaderData<typeof loader>();
  const assessed = rows.filter((r) => r.latest);
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        各旗县区评估情况
      </Typography.Title>
      <Card size="small">
        <Space size="large" wrap>
          <Statistic title="旗县区" value={rows.length} />
          <Statistic title="已运行评估" value={assessed.length} />
          <Statistic title="达到" value={assessed.filter((r) => r.latest!.verdict === "pass").length} />
          <Statistic title="未达到" value={assessed.filter((r) => r.latest!.verdict === "fail").length} />
          <Statistic title="数据缺失" value={assessed.filter((r) => r.latest!.verdict === "incomplete").length} />
        </Space>
      </Card>
      <Table
        data-testid="city-assessment"
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: "旗县区", dataIndex: "name", render: (n: string, r) => <Link to={`/admin/counties/${r.code}/assessment`}>{n}</Link> },
          { title: "规划年度", dataIndex: "targetYear" },
          { title: "评估阶段", dataIndex: "stage", render: (s: string) => label(stageLabels, s) },
          {
            title: "数据准备",
            key: "kinds",
            render: (_: unknown, r: { kinds: StatisticsKind[] }) => (
              <Space size={4} wrap>
                {STATISTICS_KINDS.map((k) => (
                  <Tag key={k} style={TONES[r.kinds.includes(k) ? "green" : "default"]}>
                    {STATISTICS_KIND_LABELS[k]}
                    {r.kinds.includes(k) ? "" : "（未导入）"}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: "已结束调查", dataIndex: "closedRounds", render: (n: number) => (n ? `${n} 轮` : <Tag>无</Tag>) },
          {
            title: "最近评估",
            key: "latest",
            render: (_: unknown, r: (typeof rows)[number]) =>
              r.latest ? (
                <Space direction="vertical" size={0}>
                  <Tag style={TONES[VERDICT_COLORS[r.latest.verdict]]}>{VERDICT_LABELS[r.latest.verdict] ?? r.latest.verdict}</Tag>
                  <span>
                    未达标 {r.latest.failing} 项 · 数据缺失 {r.latest.missing} 项{r.latest.recognition !== null ? ` · 认可度 ${r.latest.recognition.toFixed(1)}%` : ""}
                  </span>
                  <Typography.Text type="secondary">{formatDateTime(r.latest.createdAt)}</Typography.Text>
                </Space>
              ) : (
                <Tag>尚未评估</Tag>
              ),
          },
        ]}
      />
    </Space>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
