import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Alert, Button, Card, Descriptions, Empty, Input, Pagination, Space, Table, Tag, Typography } from "antd";
import { z } from "zod";
import { FLAG_LABELS } from "#app/domain/recognition/dashboard";
import { getReviewQueue, listReviewDecisions, reviewResponse, ReviewConflictError, type ReviewTab } from "#app/models/recognition.server";
import { requireCounty } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { formatDateTime } from "#app/utils/format";
import { notFound, readForm } from "#app/utils/http.server";
import { ErrorPage } from "#app/components/error-page";
import { ZhLocale } from "#app/components/zh-locale";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `复核队列 · ${data?.queue.round.name ?? "调查轮次"} · 优质均衡督导评估平台` }];

const QuerySchema = z.object({
  tab: z.enum(["pending", "auto", "excluded"]).catch("pending"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const { county, access } = await requireCounty(actor, params.code, "read");
  const q = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const queue = await getReviewQueue(county, params.roundId ?? "", q.tab as ReviewTab, q.page);
  if (!queue) notFound("未找到该调查轮次。");
  const decisions = await listReviewDecisions(queue.round.id);
  return { county: { code: county.code, name: county.name }, canWrite: access === "write", tab: q.tab, queue, decisions };
}

const DecisionSchema = z.object({
  responseId: z.string({ required_error: "缺少答卷", invalid_type_error: "缺少答卷" }).min(1, "缺少答卷").max(64, "答卷编号无效"),
  decision: z.enum(["exclude", "reinstate"], { errorMap: () => ({ message: "请选择剔除或恢复" }) }),
  reason: z.string({ required_error: "请填写理由（至少 2 个字）", invalid_type_error: "请填写理由（至少 2 个字）" }).trim().min(2, "请填写理由（至少 2 个字）").max(500, "理由最多 500 字"),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const { county } = await requireCounty(actor, params.code, "write");
  const parsed = DecisionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ ok: false as const, message: parsed.error.issues[0]!.message, responseId: null }, { status: 400 });
  try {
    const done = await reviewResponse({ countyId: county.id, roundId: params.roundId ?? "", ...parsed.data, actor });
    if (!done) notFound("未找到该答卷。");
    return { ok: true as const, message: parsed.data.decision === "exclude" ? "已剔除该答卷。" : "已恢复为有效答卷。", responseId: parsed.data.responseId };
  } catch (e) {
    if (e instanceof ReviewConflictError) return data({ ok: false as const, message: e.message, responseId: parsed.data.responseId }, { status: 400 });
    throw e;
  }
}

export default function ReviewQueue() {
  const { county, canWrite, tab, queue, decisions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [, setParams] = useSearchParams();
  const base = `/admin/counties/${county.code}/rounds/${queue.round.id}`;
  return (
    <ZhLocale>
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Space wrap style={{ justifyContent: "space-between", width: "100%" }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          复核队列 · {queue.round.name}
        </Typography.Title>
        <Link to={`${base}/dashboard`}>返回认可度看板</Link>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        可疑答卷在复核前暂计入结果。剔除或恢复都必须填写理由，并记入审计日志。为保护答卷人，这里不显示设备、网络地址和精确时间（只到小时）；
        某校某类调查对象答卷少于 {queue.threshold} 份时不显示学校。
        {queue.rules.flagCodes.length ? `本轮自动剔除规则：${queue.rules.flagCodes.map((c) => FLAG_LABELS[c]).join("、")}。` : "本轮未设置自动剔除规则。"}
      </Typography.Paragraph>
      {result ? <Alert type={result.ok ? "success" : "error"} showIcon message={result.message} /> : null}
      <Space wrap>
        {(
          [
            ["pending", `待复核（${queue.counts.pending}）`],
            ["auto", `自动剔除（${queue.counts.autoExcluded}）`],
            ["excluded", `已剔除（${queue.counts.excluded}）`],
          ] as const
        ).map(([key, label]) => (
          <Link key={key} to={`?tab=${key}`}>
            <Button type={tab === key ? "primary" : "default"}>{label}</Button>
          </Link>
        ))}
      </Space>
      {queue.items.length === 0 ? <Empty description="没有答卷" /> : null}
      {queue.items.map((item) => (
        <Card key={item.id} size="small" title={`答卷 ${item.code} · ${item.questionnaire} · ${item.group}`} data-testid="review-item" extra={<Tag>{item.receivedHour}</Tag>}>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="学校">{item.school}</Descriptions.Item>
            <Descriptions.Item label="地域">{item.area}</Descriptions.Item>
            <Descriptions.Item label="状态">{item.status === "excluded" ? <Tag color="red">已剔除：{item.exclusionReason}</Tag> : item.status === "flagged" ? <Tag color="orange">待复核</Tag> : <Tag color="green">有效</Tag>}</Descriptions.Item>
          </Descriptions>
          <Space wrap style={{ marginBottom: 8 }}>
            {item.flags.map((f) => (
              <Tag key={f.code} color="orange" title={f.reason}>
                {f.label}：{f.reason}
              </Tag>
            ))}
          </Space>
          <Table
            size="small"
            pagination={false}
            rowKey="name"
            dataSource={item.answers}
            columns={[
              { title: "题目", dataIndex: "title" },
              { title: "回答", dataIndex: "answer", width: 200 },
            ]}
          />
          {item.history.length ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              复核记录：{item.history.map((h) => `${formatDateTime(h.at)} ${h.actorLogin} ${h.decision === "exclude" ? "剔除" : "恢复"}（${h.reason}）`).join("；")}
            </Typography.Paragraph>
          ) : null}
          {canWrite ? <DecisionForm responseId={item.id} status={item.status} /> : null}
        </Card>
      ))}
      {queue.total > queue.pageSize ? <Pagination current={queue.page} pageSize={queue.pageSize} total={queue.total} onChange={(page) => setParams({ tab, page: String(page) })} showSizeChanger={false} /> : null}
      <Card title="复核记录（最近 50 条）">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={decisions}
          columns={[
            { title: "时间", dataIndex: "at", render: (v: string) => formatDateTime(v) },
            { title: "复核人", dataIndex: "actorLogin" },
            { title: "答卷", dataIndex: "code" },
            { title: "决定", dataIndex: "decision", render: (v: string) => (v === "exclude" ? <Tag color="red">剔除</Tag> : <Tag color="green">恢复</Tag>) },
            { title: "理由", dataIndex: "reason" },
          ]}
        />
      </Card>
    </Space>
    </ZhLocale>
  );
}

function DecisionForm({ responseId, status }: { responseId: string; status: string }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("responseId") === responseId;
  return (
    <Form method="post" style={{ marginTop: 8 }}>
      <input type="hidden" name="responseId" value={responseId} />
      <Space.Compact style={{ width: "100%" }}>
        <Input name="reason" placeholder="理由（必填）" maxLength={500} required aria-label="理由" />
        {status !== "excluded" ? (
          <Button htmlType="submit" name="decision" value="exclude" danger loading={busy}>
            剔除
          </Button>
        ) : null}
        <Button htmlType="submit" name="decision" value="reinstate" loading={busy}>
          {status === "flagged" ? "确认有效" : "恢复为有效"}
        </Button>
      </Space.Compact>
    </Form>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
