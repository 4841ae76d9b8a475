import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Button, Card, Descriptions, Space, Statistic, Table, Tag, Typography } from "antd";
import { SCHOOL_KIND_CODES, type SchoolKind } from "#app/domain/school-kinds";
import { label, ownershipLabels, schoolKindLabels, stageLabels, urbanRuralLabels } from "#app/i18n/zh-CN";
import { listSchools } from "#app/models/schools.server";
import { listRounds } from "#app/models/survey-rounds.server";
import { roundStateLabel } from "#app/domain/survey/round-form";
import { requireCounty } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { formatDateTime, formatInt } from "#app/utils/format";
import { ErrorPage } from "#app/components/error-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.county.name ?? "旗县区"} · 优质均衡督导评估平台` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const { county, access } = await requireCounty(actor, params.code, "read");
  const [schools, rounds] = await Promise.all([listSchools(county.id), listRounds(county.id)]);
  const active = schools.filter((s) => !s.disabledAt);
  const byKind = SCHOOL_KIND_CODES.map((kind) => ({ kind, count: active.filter((s) => s.kind === kind).length }));
  return { county, canWrite: access === "write", schools, byKind, students: active.reduce((n, s) => n + (s.enrolment ?? 0), 0), rounds: rounds.map((r) => ({ id: r.id, name: r.name, state: r.state, opensAt: r.opensAt, closesAt: r.closesAt, plannedTotal: r.plannedTotal, linkCount: r.linkCount })) };
}

export default function CountyPage() {
  const { county, canWrite, schools, byKind, students, rounds } = useLoaderData<typeof loader>();
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="county-title">
        {county.name}
      </Typography.Title>
      <Card>
        <Descriptions column={{ xs: 1, md: 4 }}>
          <Descriptions.Item label="行政区划代码">{county.code}</Descriptions.Item>
          <Descriptions.Item label="常住人口">{formatInt(county.residentPopulation)}</Descriptions.Item>
          <Descriptions.Item label="规划年度">{county.targetYear}</Descriptions.Item>
          <Descriptions.Item label="评估阶段">{label(stageLabels, county.stage)}</Descriptions.Item>
        </Descriptions>
        <Space wrap size="large">
          <Statistic title="学校（在用）" value={schools.filter((s) => !s.disabledAt).length} />
          <Statistic title="在校生（名册）" value={students} />
          {byKind
            .filter((k) => k.count > 0)
            .map((k) => (
              <Statistic key={k.kind} title={schoolKindLabels[k.kind as SchoolKind]} value={k.count} />
            ))}
        </Space>
      </Card>
      <Card
        title="调查轮次（社会认可度）"
        extra={
          <Space>
            <Link to="rounds">全部调查轮次</Link>
            {canWrite ? (
              <Link to="rounds">
                <Button type="primary">新建调查轮次</Button>
              </Link>
            ) : null}
          </Space>
        }
      >
        <Table
          rowKey="id"
          size="small"
          dataSource={rounds}
          pagination={false}
          locale={{ emptyText: "还没有调查轮次" }}
          columns={[
            { title: "名称", dataIndex: "name", render: (name: string, r) => <Link to={`rounds/${r.id}`}>{name}</Link> },
            { title: "状态", dataIndex: "state", render: (s: string) => <Tag color={s === "open" ? "green" : s === "closed" ? "red" : "default"}>{roundStateLabel(s)}</Tag> },
            { title: "调查时间（北京时间）", key: "window", render: (_: unknown, r) => `${formatDateTime(r.opensAt)} 至 ${formatDateTime(r.closesAt)}` },
            { title: "计划样本", dataIndex: "plannedTotal", align: "right", render: (n: number) => formatInt(n) },
            { title: "有效链接", dataIndex: "linkCount", align: "right" },
          ]}
        />
      </Card>
      <Card title="统计数据与评估" size="small" data-testid="assessment-card">
        <Space wrap>
          <Link to="statistics">
            <Button>统计数据（模板下载、导入、快照）</Button>
          </Link>
          <Link to="assessment">
            <Button type="primary">评估</Button>
          </Link>
          <Link to="report">
            <Button>报告</Button>
          </Link>
          <Link to="rectification">
            <Button>整改清单</Button>
          </Link>
        </Space>
      </Card>
      <Card
        data-testid="schools-card"
        title="学校"
        extra={
          canWrite ? (
            <Space>
              <Link to="schools/new">
                <Button type="primary">新增学校</Button>
              </Link>
              <Link to="roster">
                <Button>导入学校名册</Button>
              </Link>
            </Space>
          ) : (
            <Tag>只读</Tag>
          )
        }
      >
        <Table
          rowKey="code"
          size="small"
          dataSource={schools}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: "学校标识码", dataIndex: "code" },
            { title: "学校名称", dataIndex: "name", render: (name: string, s) => <Link to={`schools/${s.code}`}>{name}</Link> },
            { title: "类型", dataIndex: "kind", render: (k: string) => label(schoolKindLabels, k) },
            { title: "城乡分类", dataIndex: "urbanRural", render: (k: string) => label(urbanRuralLabels, k) },
            { title: "办学性质", dataIndex: "ownership", render: (k: string) => label(ownershipLabels, k) },
            { title: "寄宿制", dataIndex: "boarding", render: (b: boolean) => (b ? "是" : "否") },
            { title: "在校生", dataIndex: "enrolment", align: "right", render: (n: number | null) => formatInt(n) },
            { title: "中心校", dataIndex: "centralSchool", render: (c: { name: string } | null) => c?.name ?? "" },
            { title: "状态", dataIndex: "disabledAt", render: (d: string | null) => (d ? <Tag>已停用</Tag> : <Tag color="green">在用</Tag>) },
          ]}
        />
      </Card>
    </Space>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
