import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Card, Space, Table, Tag, Tooltip, Typography } from "antd";
import { PACE_TOLERANCE, TRACK_LABELS, type TrackStatus } from "#app/domain/recognition/dashboard";
import { SUPPRESSED_LABEL } from "#app/domain/recognition/suppression";
import { ROUND_STATES } from "#app/domain/survey/link-status";
import { listCountiesForActor } from "#app/models/counties.server";
import { getCityRecognition, type CityCountyRow } from "#app/models/recognition.server";
import { requireActor } from "#app/utils/auth.server";
import { formatDate, formatInt } from "#app/utils/format";
import { ErrorPage } from "#app/components/error-page";
import { ZhLocale } from "#app/components/zh-locale";

export const meta: MetaFunction = () => [{ title: "社会认可度 · 优质均衡督导评估平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const counties = await listCountiesForActor(actor);
  const rows = await getCityRecognition(counties);
  return { rows };
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(1)}%`);
const trackColor: Record<TrackStatus, string> = { on_track: "green", at_risk: "orange", off_track: "red", no_data: "default" };

export default function CityRecognition() {
  const { rows } = useLoaderData<typeof loader>();
  const counted = rows.filter((r) => r.track.status !== "no_data");
  const onTrack = rows.filter((r) => r.track.status === "on_track").length;
  return (
    <ZhLocale>
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        社会认可度 · 各旗县区
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {onTrack} / {rows.length} 个旗县区进展正常（{counted.length} 个已有可判断的调查数据）。每个旗县区取最近一轮（草稿除外）：
        认可率按该轮设置的计算方法、与该轮达标线比较；“未达要求”＝认可率低于达标线，或调查已结束但有效答卷少于计划；
        “需关注”＝认可率达标但 95% 置信区间下限低于达标线，或调查进行中而有效答卷少于“计划 × 已过时间比例”的 {PACE_TOLERANCE * 100}%；
        有效作答人数少于屏蔽阈值时显示“{SUPPRESSED_LABEL}”，不作判断。
      </Typography.Paragraph>
      <Card>
        <Table<CityCountyRow>
          rowKey="code"
          dataSource={rows}
          pagination={false}
          data-testid="city-recognition"
          columns={[
            { title: "旗县区", dataIndex: "name", render: (name: string, r) => <Link to={`/admin/counties/${r.code}`}>{name}</Link> },
            { title: "规划年度", dataIndex: "targetYear" },
            {
              title: "最近一轮",
              key: "round",
              render: (_, r) =>
                r.latest ? (
                  <Space direction="vertical" size={0}>
                    <Link to={`/admin/counties/${r.code}/rounds/${r.latest.id}/dashboard`}>{r.latest.name}</Link>
                    <span>
                      <Tag color={r.latest.state === "open" ? "green" : undefined}>{ROUND_STATES[r.latest.state as keyof typeof ROUND_STATES] ?? r.latest.state}</Tag>
                      {formatDate(r.latest.opensAt)} – {formatDate(r.latest.closesAt)}
                    </span>
                  </Space>
                ) : (
                  "尚未开展"
                ),
            },
            {
              title: "有效 / 计划",
              key: "sample",
              align: "right",
              render: (_, r) =>
                r.latest ? (
                  <Tooltip title={`回收 ${formatInt(r.latest.received)}，待复核 ${formatInt(r.latest.pending)}，剔除 ${formatInt(r.latest.excluded)}`}>
                    {formatInt(r.latest.valid)} / {formatInt(r.latest.planned)}
                    {r.latest.planned > 0 ? `（${Math.round((r.latest.valid / r.latest.planned) * 100)}%）` : ""}
                  </Tooltip>
                ) : (
                  "—"
                ),
            },
            {
              title: "认可率（达标线）",
              key: "score",
              render: (_, r) =>
                !r.latest ? (
                  "—"
                ) : r.latest.error ? (
                  <Tag color="red">{r.latest.error}</Tag>
                ) : r.latest.score ? (
                  <Tooltip title={r.latest.methodDescription}>
                    <span>
                      <b>{pct(r.latest.score.rate)}</b>（{pct(r.latest.score.passBar)}）{" "}
                      {r.latest.score.passes ? <Tag color="green">达标</Tag> : <Tag color="red">未达标</Tag>}
                      <br />
                      <Typography.Text type="secondary">
                        {r.latest.methodName} · 95% 区间 {pct(r.latest.score.low)}–{pct(r.latest.score.high)}
                      </Typography.Text>
                    </span>
                  </Tooltip>
                ) : (
                  <Tag>{SUPPRESSED_LABEL}</Tag>
                ),
            },
            {
              title: "历次",
              key: "trend",
              render: (_, r) =>
                r.trend.length ? (
                  <span>
                    {r.trend.map((t, i) => (
                      <span key={t.roundId}>
                        {i > 0 ? " → " : ""}
                        <Tooltip title={`${t.name}（${formatDate(t.opensAt)}）`}>
                          <span style={{ color: t.passes === null ? undefined : t.passes ? "#389e0d" : "#cf1322" }}>{t.rate === null ? "—" : pct(t.rate)}</span>
                        </Tooltip>
                      </span>
                    ))}
                  </span>
                ) : (
                  "—"
                ),
            },
            {
              title: "是否正常推进",
              key: "track",
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Tag color={trackColor[r.track.status]} data-testid={`track-${r.code}`}>
                    {TRACK_LABELS[r.track.status]}
                  </Tag>
                  {r.track.reasons.map((reason) => (
                    <Typography.Text key={reason} type="secondary">
                      {reason}
                    </Typography.Text>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
    </ZhLocale>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
