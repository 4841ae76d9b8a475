import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { Alert, Button, Card, Progress, Space, Table, Typography } from "antd";
import { useEffect, useState } from "react";
import { z } from "zod";
import { ErrorPage } from "#app/components/error-page";
import { COUNTY_STAGES, type CountyStage } from "#app/domain/county-stage";
import { getCity, listCountiesForActor } from "#app/models/counties.server";
import { startBatchJob } from "#app/models/reports.server";
import { requireActor } from "#app/utils/auth.server";
import { badRequest, notFound, readForm } from "#app/utils/http.server";

export const meta: MetaFunction = () => [{ title: "报告 · 优质均衡督导评估平台" }];

// Who sees what: every signed-in role gets the city progress report and the batch download over the counties it may
// read (city admin: all; county admin: its own; inspector: its assigned ones). Generating files writes nothing, so
// the read-only inspector may run it too.
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const city = await getCity(actor.cityId);
  if (!city) notFound("未找到本市。");
  const counties = await listCountiesForActor(actor);
  return { city: city.name, counties: counties.map((c) => ({ code: c.code, name: c.name, targetYear: c.targetYear, stage: c.stage as CountyStage })) };
}

const ActionSchema = z.object({ intent: z.literal("batch") });

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  if (!ActionSchema.safeParse(Object.fromEntries(await readForm(request))).success) return badRequest({ formError: "请求参数不正确。" });
  const city = await getCity(actor.cityId);
  if (!city) notFound("未找到本市。");
  const counties = await listCountiesForActor(actor);
  if (!counties.length) return badRequest({ formError: "没有可生成报告的旗县区。" });
  const job = await startBatchJob(city, counties, actor);
  return data({ jobId: job.id, total: job.total });
}

type Progress = { state: "running" | "done" | "failed"; done: number; total: number; current: string | null; error: string | null; skipped: string[] };

function BatchCard() {
  const start = useFetcher<{ jobId?: string; total?: number; formError?: string }>();
  const poll = useFetcher<Progress>();
  const jobId = start.data?.jobId ?? null;
  const [tick, setTick] = useState(0);
  const progress = poll.data;
  const running = Boolean(jobId) && progress?.state !== "done" && progress?.state !== "failed";
  useEffect(() => {
    if (!jobId || !running) return;
    poll.load(`/admin/reports/progress?job=${jobId}`);
    const t = setTimeout(() => setTick((n) => n + 1), 800);
    return () => clearTimeout(t);
  }, [jobId, running, tick]);
  const total = progress?.total ?? start.data?.total ?? 1;
  const done = progress?.done ?? 0;
  return (
    <Card size="small" title="批量生成各旗县区报告">
      <Space direction="vertical" style={{ width: "100%" }}>
        <Typography.Text type="secondary">为每个旗县区生成自评报告（Word + Excel 附表），连同全市推进情况报告打包为一个 zip 文件。</Typography.Text>
        <start.Form method="post">
          <input type="hidden" name="intent" value="batch" />
          <Button type="primary" htmlType="submit" loading={start.state !== "idle" || running} data-testid="batch-start">
            生成全部报告
          </Button>
        </start.Form>
        {start.data?.formError ? <Alert type="error" showIcon message={start.data.formError} /> : null}
        {jobId ? (
          <div data-testid="batch-progress">
            <Progress percent={Math.round((100 * done) / Math.max(1, total))} status={progress?.state === "failed" ? "exception" : progress?.state === "done" ? "success" : "active"} />
            <Typography.Text>
              已完成 {done} / {total}
              {progress?.current ? `，正在生成：${progress.current}` : ""}
            </Typography.Text>
            {progress?.skipped.length ? <div>尚未运行评估、未生成报告：{progress.skipped.join("、")}</div> : null}
            {progress?.state === "done" ? (
              <div style={{ marginTop: 8 }}>
                <a href={`/admin/reports/zip?job=${jobId}`} download data-testid="batch-download">
                  <Button type="primary">下载 zip</Button>
                </a>
              </div>
            ) : null}
            {progress?.state === "failed" ? <Alert type="error" showIcon message={progress.error ?? "生成失败"} /> : null}
          </div>
        ) : null}
      </Space>
    </Card>
  );
}

export default function ReportsPage() {
  const { city, counties } = useLoaderData<typeof loader>();
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {city} · 报告
      </Typography.Title>
      <Card size="small" title="全市推进情况报告（规划目标、各旗县区进度、图表）">
        <Space wrap style={{ marginBottom: 12 }}>
          <a href="/admin/reports/docx" download>
            <Button>Word</Button>
          </a>
          <a href="/admin/reports/xlsx" download>
            <Button>Excel</Button>
          </a>
          <a href="/admin/reports/pdf" download>
            <Button>PDF</Button>
          </a>
          <a href="/admin/reports/html" target="_blank" rel="noreferrer">
            <Button>打印视图</Button>
          </a>
        </Space>
        <iframe title="全市推进情况报告" src="/admin/reports/html?embed=1" style={{ width: "100%", height: 720, border: "1px solid #eee", background: "#fff" }} data-testid="city-report-frame" />
      </Card>
      <BatchCard />
      <Card size="small" title="各旗县区报告">
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={counties}
          columns={[
            { title: "旗县区", dataIndex: "name" },
            { title: "规划年度", dataIndex: "targetYear" },
            { title: "评估阶段", dataIndex: "stage", render: (s: CountyStage) => COUNTY_STAGES[s] ?? s },
            { title: "报告", key: "report", render: (_: unknown, c: (typeof counties)[number]) => <Link to={`/admin/counties/${c.code}/report`}>自评报告</Link> },
            { title: "整改清单", key: "rect", render: (_: unknown, c: (typeof counties)[number]) => <Link to={`/admin/counties/${c.code}/rectification`}>整改清单</Link> },
          ]}
        />
      </Card>
    </Space>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
