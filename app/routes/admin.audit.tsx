import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { Button, Card, Space, Table, Typography } from "antd";
import { auditActionLabels, label } from "#app/i18n/zh-CN";
import { listAudit } from "#app/models/audit.server";
import { requireCityAdmin } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { formatDateTime } from "#app/utils/format";
import { SelectField } from "#app/components/select-field";
import { ErrorPage } from "#app/components/error-page";

export const meta: MetaFunction = () => [{ title: "审计日志 · 优质均衡督导评估平台" }];
const PAGE = 100;
const FAMILIES = [
  { value: "", label: "全部" },
  { value: "login", label: "登录" },
  { value: "user", label: "用户" },
  { value: "school", label: "学校" },
  { value: "roster", label: "名册导入" },
  { value: "county", label: "评估阶段" },
  { value: "survey", label: "社会认可度调查" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  requireCityAdmin(actor);
  const url = new URL(request.url);
  const action = FAMILIES.some((f) => f.value && f.value === url.searchParams.get("action")) ? url.searchParams.get("action")! : undefined;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const { rows, total } = await listAudit({ action, take: PAGE, skip: (page - 1) * PAGE });
  return { rows, total, page };
}

export default function Audit() {
  const { rows, total, page } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        审计日志
      </Typography.Title>
      <Form method="get">
        <Space>
          <SelectField name="action" defaultValue={params.get("action") ?? ""} options={FAMILIES} />
          <Button htmlType="submit">筛选</Button>
        </Space>
      </Form>
      <Card>
        <Table
          rowKey="id"
          size="small"
          dataSource={rows}
          pagination={{ current: page, pageSize: PAGE, total, onChange: (p) => window.location.assign(`?${new URLSearchParams({ ...Object.fromEntries(params), page: String(p) })}`) }}
          columns={[
            { title: "时间", dataIndex: "at", render: (d: string) => formatDateTime(d), width: 160 },
            { title: "操作人", dataIndex: "actorLogin", render: (l: string | null) => l ?? "—" },
            { title: "操作", dataIndex: "action", render: (a: string) => label(auditActionLabels, a) },
            { title: "内容", dataIndex: "summary" },
            { title: "客户端", dataIndex: "client", render: (c: string | null) => c ?? "" },
            {
              title: "详情",
              dataIndex: "details",
              render: (d: string | null) =>
                d ? (
                  <details>
                    <summary>查看</summary>
                    <pre style={{ whiteSpace: "pre-wrap", maxWidth: 420, fontSize: 12 }}>{JSON.stringify(JSON.parse(d), null, 2)}</pre>
                  </details>
                ) : null,
            },
          ]}
        />
      </Card>
    </Space>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
