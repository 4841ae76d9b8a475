// 哈希链校验 — verifies a round's hash chain on demand and names the first broken link (app/domain/survey/hash-chain.ts).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { Alert, Button, Card, Descriptions, Space, Typography } from "antd";
import { BREAK_REASON_LABELS } from "#app/domain/survey/hash-chain";
import { verifyRoundChain } from "#app/models/survey-chain.server";
import { requireCounty } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { formatDateTime } from "#app/utils/format";
import { notFound } from "#app/utils/http.server";
import { ErrorPage } from "#app/components/error-page";
import { ZhLocale } from "#app/components/zh-locale";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `哈希链校验 · ${data?.report.round.name ?? "调查轮次"} · 优质均衡督导评估平台` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const { county } = await requireCounty(actor, params.code, "read");
  const report = await verifyRoundChain(params.roundId ?? "", { countyId: county.id });
  if (!report) notFound("未找到该调查轮次。");
  return { county: { code: county.code, name: county.name }, report };
}

export default function ChainPage() {
  const { county, report } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const busy = revalidator.state !== "idle" || navigation.state !== "idle";
  const b = report.firstBreak;
  return (
    <ZhLocale>
      <Space direction="vertical" size="large" style={{ width: "100%" }}>
        <Space align="center" wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            哈希链校验 · {report.round.name}
          </Typography.Title>
          <Link to={`/admin/counties/${county.code}/rounds/${report.round.id}`}>返回轮次</Link>
          <Button onClick={() => revalidator.revalidate()} loading={busy}>
            重新校验
          </Button>
        </Space>
        {report.ok ? (
          <Alert
            type="success"
            showIcon
            data-testid="chain-result"
            message={`哈希链完整：${report.verified} 份答卷，自收到以来未被改动、删除或插入。`}
            description={
              [
                report.legacy > 0 ? `其中 ${report.legacy} 份是启用哈希链之前收到的答卷，没有哈希值，不受保护。` : "",
                report.arrivedDuringCheck > 0 ? `校验期间又收到 ${report.arrivedDuringCheck} 份答卷，下次校验时纳入。` : "",
              ]
                .filter(Boolean)
                .join("") || undefined
            }
          />
        ) : (
          <Alert
            type="error"
            showIcon
            data-testid="chain-result"
            message={`哈希链在第 ${b!.seq} 环断开：${BREAK_REASON_LABELS[b!.reason]}`}
            description={`${b!.responseId ? `断点答卷编号：${b!.responseId}。` : ""}此前 ${report.verified} 环完好。请保留现场并联系系统管理员核查数据库操作记录。`}
          />
        )}
        <Card title="校验结果">
          <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
            <Descriptions.Item label="库中答卷">{report.stored} 份</Descriptions.Item>
            <Descriptions.Item label="轮次记录的链长">{report.expectedLength} 环</Descriptions.Item>
            <Descriptions.Item label="校验通过">{report.verified} 环</Descriptions.Item>
            <Descriptions.Item label="启用哈希链前的答卷（无哈希）">{report.legacy} 份</Descriptions.Item>
            <Descriptions.Item label="校验期间新收到">{report.arrivedDuringCheck} 份</Descriptions.Item>
            <Descriptions.Item label="链尾哈希">
              <Typography.Text code copyable={report.round.chainHead ? { text: report.round.chainHead } : false}>
                {report.round.chainHead ? `${report.round.chainHead.slice(0, 16)}…` : "（尚无答卷）"}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="校验时间">{formatDateTime(report.checkedAt)}</Descriptions.Item>
            <Descriptions.Item label="用时">{report.durationMs} 毫秒</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title="说明">
          <Typography.Paragraph>
            每份答卷在收到时即写入本轮次的哈希链：它的哈希值（SHA-256）由上一份答卷的哈希值和本答卷收到时的全部内容（链接、学校、问卷、身份、区域、答案、用时、质量标记、收到时间）算出。此后任何人直接改动、删除、插入或调换数据库中的答卷，链条都会在该处断开，本页即指出第一个断点。答卷的有效/剔除状态须与其质量标记和复核记录一致，被直接改动的状态同样会被指出。
          </Typography.Paragraph>
          <Typography.Paragraph>
            复核中的“剔除/恢复”不改变答卷内容，不影响哈希链；这些操作另有复核记录和操作日志。调查进行中也可校验：校验覆盖开始时的链条，期间新收到的答卷计入下次。可把链尾哈希抄录存档：日后链尾不同，说明链条被整体重写。命令行校验：
            <Typography.Text code>npm run chain:verify -- {report.round.id}</Typography.Text>
          </Typography.Paragraph>
        </Card>
      </Space>
    </ZhLocale>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
