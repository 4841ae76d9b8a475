import crypto from "node:crypto";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, Button, Card, Progress, Radio, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useEffect } from "react";
import { z } from "zod";
import { ErrorPage } from "#app/components/error-page";
import { readUploadForm } from "#app/utils/upload.server";
import type { StatisticsError } from "#app/domain/statistics/errors";
import { IMPORT_PHASE_LABELS, isStatisticsKind, STATISTICS_KIND_LABELS, type ImportProgress, STATISTICS_KINDS, STATISTICS_LIMITS, STATISTICS_MAX_FILE_BYTES, STATISTICS_TEMPLATE_FILE_NAMES, type StatisticsKind } from "#app/domain/statistics/kinds";
import { previewTable, type PreviewTable } from "#app/domain/statistics/preview";
import { validateStatisticsSheet } from "#app/domain/statistics/validate";
import { getImportProgress, recordImportProgress } from "#app/models/jobs.server";
import { auditStatisticsCheck, commitSnapshot, getSnapshot, listSchoolRefs, listSnapshots } from "#app/models/statistics.server";
import { ConcurrentWriteError } from "#app/models/unique-violation.server";
import { requireCounty } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { formatDateTime } from "#app/utils/format";
import { readStatisticsFile } from "#app/utils/statistics-workbook.server";
import { isWorkbookError } from "#app/utils/workbook.server";

export const meta: MetaFunction = () => [{ title: "统计数据 · 优质均衡督导评估平台" }];

const PAGE_SIZE = 50;
const KIND_HINTS: Record<StatisticsKind, string> = {
  school_base: `每所学校一行（在校生、班额、专任教师、校舍、装备、专用教室、经费、持证、章程等），最多 ${STATISTICS_LIMITS.school_base.maxRows} 行`,
  county_indicators: "G1–G15、Q1–Q8 的县级数值或达标判定，附佐证说明",
  monitoring: "各科目学业水平等级（Ⅰ–Ⅳ）与校际差异率",
  vetoes: "一票否决核查结论与申请认定条件（基本均衡认定年度）",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const { county, access } = await requireCounty(actor, params.code, "read");
  const url = new URL(request.url);
  const job = url.searchParams.get("progress");
  if (job !== null) return { kind: "progress" as const, progress: await getImportProgress(job, actor.id) };
  const snapshots = await listSnapshots(county.id);
  const snapshotId = url.searchParams.get("snapshot");
  const page = Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1);
  let selected = null;
  if (snapshotId) {
    const snap = await getSnapshot(county.id, snapshotId);
    if (!snap) throw data({ message: "未找到该数据快照。" }, { status: 404 });
    const { data: rows, ...meta } = snap;
    selected = { ...meta, page, table: previewTable(snap.kind, rows, (page - 1) * PAGE_SIZE, PAGE_SIZE) };
  }
  return {
    kind: "page" as const,
    county: { code: county.code, name: county.name },
    canWrite: access === "write",
    snapshots,
    selected,
  };
}

type ActionResult =
  | { ok: false; message: string; errors?: StatisticsError[]; totalErrors?: number }
  | { ok: true; committed: boolean; kind: StatisticsKind; fileName: string; sha256: string; year: number; rowCount: number; version: number | null; warnings: string[]; table: PreviewTable };

const fail = (message: string, status = 400, extra: Partial<Extract<ActionResult, { ok: false }>> = {}) => data<ActionResult>({ ok: false, message, ...extra }, { status });

const KIND_MESSAGE = "请选择数据类型（学校基础数据、县级指标、质量监测或一票否决与申请条件）。";
const FormSchema = z.object({
  intent: z.enum(["check", "import"], { errorMap: () => ({ message: "请选择“仅检查”或“检查并导入”。" }) }),
  kind: z.string({ errorMap: () => ({ message: KIND_MESSAGE }) }).refine(isStatisticsKind, KIND_MESSAGE),
  jobId: z.string().max(64, "导入进度编号无效，请刷新页面后重新上传。").optional(),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const { county } = await requireCounty(actor, params.code, "write");
  const upload = await readUploadForm(request, STATISTICS_MAX_FILE_BYTES);
  if (!upload.ok) return fail(upload.message, upload.status);
  const form = upload.form;
  const parsed = FormSchema.safeParse({ intent: form.get("intent") ?? undefined, kind: form.get("kind") ?? undefined, jobId: form.get("jobId") || undefined });
  if (!parsed.success) return fail(parsed.error.issues[0]!.message);
  const kind = parsed.data.kind as StatisticsKind;
  const committing = parsed.data.intent === "import";
  const jobId = parsed.data.jobId;
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return fail(`请选择要导入的${STATISTICS_KIND_LABELS[kind]}文件（.xlsx 或 .csv）。`);

  const buffer = Buffer.from(await file.arrayBuffer());
  const sha256 = crypto.createHash("sha256").update(buffer).digest("hex");
  await recordImportProgress(jobId, actor.id, "reading", 10);
  let sheet;
  try {
    sheet = await readStatisticsFile(kind, buffer, file.name);
  } catch (e) {
    // Any failure ends the job as failed (an unexpected one is rethrown after): a poll never shows it running forever.
    await recordImportProgress(jobId, actor.id, "failed", 100);
    if (!isWorkbookError(e)) throw e;
    await auditStatisticsCheck(county.id, kind, { name: file.name, sha256 }, { ok: false, message: e.message, committing }, actor);
    return fail(e.message);
  }
  await recordImportProgress(jobId, actor.id, "validating", 60, sheet.rows.length);
  const result = validateStatisticsSheet(kind, sheet, { schools: await listSchoolRefs(county.id) });
  if (!result.ok) {
    await recordImportProgress(jobId, actor.id, "failed", 100, sheet.rows.length);
    await auditStatisticsCheck(county.id, kind, { name: file.name, sha256 }, { ok: false, totalErrors: result.totalErrors, committing }, actor);
    return fail(`文件中有 ${result.totalErrors} 处错误，未导入任何数据。请按下表修改后重新上传。`, 400, { errors: result.errors, totalErrors: result.totalErrors });
  }
  let version: number | null = null;
  if (committing) {
    await recordImportProgress(jobId, actor.id, "saving", 85, result.rowCount);
    let snapshot;
    try {
      snapshot = await commitSnapshot({ countyId: county.id, kind, year: result.data.year, fileName: file.name, sha256, rowCount: result.rowCount, data: result.data }, actor);
    } catch (e) {
      await recordImportProgress(jobId, actor.id, "failed", 100, result.rowCount);
      if (!(e instanceof ConcurrentWriteError)) throw e;
      return fail(e.message, 409);
    }
    version = snapshot.version;
  } else {
    await auditStatisticsCheck(county.id, kind, { name: file.name, sha256 }, { ok: true, rows: result.rowCount, committing }, actor);
  }
  await recordImportProgress(jobId, actor.id, "done", 100, result.rowCount);
  return data<ActionResult>({
    ok: true,
    committed: committing,
    kind,
    fileName: file.name,
    sha256,
    year: result.data.year,
    rowCount: result.rowCount,
    version,
    warnings: result.warnings,
    table: previewTable(kind, result.data, 0, 20),
  });
}

function newJobId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}

function ImportProgressBar({ code, jobId }: { code: string; jobId: string }) {
  const poller = useFetcher<{ kind: "progress"; progress: ImportProgress | null }>();
  useEffect(() => {
    const timer = setInterval(() => poller.load(`/admin/counties/${code}/statistics?progress=${jobId}`), 600);
    return () => clearInterval(timer);
  }, [code, jobId]);
  const p = poller.data?.kind === "progress" ? poller.data.progress : null;
  return (
    <div data-testid="import-progress" style={{ maxWidth: 480 }}>
      <Progress percent={p?.percent ?? 5} status="active" />
      <Typography.Text type="secondary">
        {p?.message ?? (p ? `${IMPORT_PHASE_LABELS[p.phase]}${p.rows ? `（${p.rows} 行）` : ""}…` : "正在上传文件…（大文件需要一点时间，请勿关闭页面）")}
      </Typography.Text>
    </div>
  );
}

function TablePreview({ table, testId }: { table: PreviewTable; testId?: string }) {
  return (
    <Table
      data-testid={testId}
      size="small"
      rowKey={(r) => r.join("|")}
      dataSource={table.rows}
      pagination={false}
      scroll={{ x: "max-content" }}
      columns={table.columns.map((title, i) => ({ title, key: String(i), render: (_: unknown, row: string[]) => row[i], ellipsis: false }))}
    />
  );
}

function ErrorTable({ errors }: { errors: StatisticsError[] }) {
  return (
    <Table
      data-testid="import-errors"
      size="small"
      rowKey={(e) => `${e.sheet}-${e.row}-${e.column}-${e.message}`}
      dataSource={errors}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      columns={[
        { title: "工作表", dataIndex: "sheet" },
        { title: "行", dataIndex: "row" },
        { title: "列", key: "col", render: (_: unknown, e: StatisticsError) => (e.column ? `${e.columnLetter ?? ""} ${e.column}` : "—") },
        { title: "单元格内容", dataIndex: "value" },
        { title: "问题", dataIndex: "message" },
      ]}
    />
  );
}

export default function StatisticsPage() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  if (loaded.kind !== "page") return null;
  const { county, canWrite, snapshots, selected } = loaded;
  const busy = navigation.state === "submitting" && navigation.formMethod?.toUpperCase() === "POST";
  const jobId = busy ? String(navigation.formData?.get("jobId") ?? "") : "";
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {county.name} · 统计数据
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        四类数据分别导入：每次导入的整份文件保存为一个带版本号的数据快照（上传人、时间、文件名、SHA-256），以前的快照仍可查看；评估时注明所用的快照。
        <Link to={`/admin/counties/${county.code}/assessment`}>前往评估 →</Link>
      </Typography.Paragraph>
      <Card title="1. 下载模板" size="small">
        <Table
          size="small"
          rowKey="kind"
          pagination={false}
          dataSource={STATISTICS_KINDS.map((kind) => ({ kind }))}
          columns={[
            { title: "数据类型", key: "label", render: (_: unknown, r: { kind: StatisticsKind }) => STATISTICS_KIND_LABELS[r.kind] },
            { title: "内容", key: "hint", render: (_: unknown, r: { kind: StatisticsKind }) => KIND_HINTS[r.kind] },
            {
              title: "模板",
              key: "link",
              render: (_: unknown, r: { kind: StatisticsKind }) => (
                <a href={`/admin/counties/${county.code}/statistics-template/${r.kind}`} data-testid={`template-${r.kind}`}>
                  {STATISTICS_TEMPLATE_FILE_NAMES[r.kind]}
                </a>
              ),
            },
          ]}
        />
      </Card>
      {canWrite ? (
        <Card title="2. 上传并检查" size="small">
          <Form
            method="post"
            encType="multipart/form-data"
            onSubmit={(e) => {
              const input = e.currentTarget.elements.namedItem("jobId");
              if (input instanceof HTMLInputElement) input.value = newJobId();
            }}
          >
            <Space direction="vertical" style={{ width: "100%" }}>
              <Radio.Group name="kind" defaultValue="school_base" optionType="button" options={STATISTICS_KINDS.map((k) => ({ label: STATISTICS_KIND_LABELS[k], value: k }))} />
              <Space wrap>
                <input type="file" name="file" accept=".xlsx,.csv" aria-label="统计数据文件" required />
                <input type="hidden" name="jobId" defaultValue="" />
                <Button htmlType="submit" name="intent" value="check" disabled={busy}>
                  仅检查（预览）
                </Button>
                <Button type="primary" htmlType="submit" name="intent" value="import" loading={busy}>
                  {busy ? "正在处理…" : "检查并导入"}
                </Button>
              </Space>
              <Typography.Text type="secondary">
                整个文件全部正确才会导入；有任何错误时不写入任何数据，并逐格列出错误（工作表、行、列）。支持 .xlsx 和 UTF-8 编码的 .csv，文件不超过 {STATISTICS_MAX_FILE_BYTES / 1024 / 1024} MB。
              </Typography.Text>
              {busy && jobId ? <ImportProgressBar code={county.code} jobId={jobId} /> : null}
            </Space>
          </Form>
        </Card>
      ) : (
        <Alert type="info" showIcon message="督学账号为只读：可以下载模板、查看数据快照，不能导入。" />
      )}
      {result && !result.ok ? (
        <Alert type="error" showIcon message={<span data-testid="import-message">{result.message}</span>} description={result.errors?.length ? <ErrorTable errors={result.errors} /> : null} />
      ) : null}
      {result && result.ok ? (
        <Alert
          type="success"
          showIcon
          message={
            <span data-testid="import-message">
              {result.committed
                ? `导入完成：${STATISTICS_KIND_LABELS[result.kind]} 第 ${result.version} 版（${result.fileName}，${result.year} 年，${result.rowCount} 行）。`
                : `检查通过：${result.fileName} 可以导入（${STATISTICS_KIND_LABELS[result.kind]}，${result.year} 年，${result.rowCount} 行）。`}
            </span>
          }
          description={
            <Space direction="vertical" style={{ width: "100%" }}>
              <Typography.Text type="secondary">SHA-256：{result.sha256}</Typography.Text>
              {result.warnings.map((w) => (
                <Alert key={w} type="warning" showIcon message={w} />
              ))}
              <Typography.Text strong>{result.committed ? "已导入的数据（前 20 行）" : "预览（前 20 行）"}</Typography.Text>
              <TablePreview table={result.table} testId="import-preview" />
            </Space>
          }
        />
      ) : null}
      <Card title="数据快照" size="small">
        <Table
          data-testid="snapshot-history"
          size="small"
          rowKey="id"
          dataSource={snapshots}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: "尚未导入任何统计数据" }}
          columns={[
            { title: "数据类型", dataIndex: "kind", render: (k: StatisticsKind) => STATISTICS_KIND_LABELS[k] },
            { title: "版本", dataIndex: "version", render: (v: number) => `第 ${v} 版` },
            { title: "年度", dataIndex: "year" },
            { title: "文件名", dataIndex: "fileName" },
            { title: "行数", dataIndex: "rowCount", align: "right" },
            {
              title: "SHA-256",
              dataIndex: "sha256",
              render: (h: string) => (
                <Tooltip title={h}>
                  <code>{h.slice(0, 12)}…</code>
                </Tooltip>
              ),
            },
            { title: "上传人", dataIndex: "createdByLogin" },
            { title: "时间", dataIndex: "createdAt", render: (d: string) => formatDateTime(d) },
            { title: "", key: "view", render: (_: unknown, s: { id: string }) => <Link to={`?snapshot=${s.id}`}>查看</Link> },
          ]}
        />
      </Card>
      {selected ? (
        <Card
          size="small"
          title={
            <span data-testid="snapshot-title">
              {STATISTICS_KIND_LABELS[selected.kind]} 第 {selected.version} 版 · {selected.fileName}
            </span>
          }
          extra={<Tag>{selected.year} 年 · {selected.rowCount} 行</Tag>}
        >
          <Typography.Paragraph type="secondary">
            上传人 {selected.createdByLogin}，{formatDateTime(selected.createdAt)}；SHA-256 {selected.sha256}。“—”表示数据缺失。
          </Typography.Paragraph>
          <TablePreview table={selected.table} testId="snapshot-rows" />
          {selected.table.total > PAGE_SIZE ? (
            <Space style={{ marginTop: 8 }}>
              {selected.page > 1 ? <Link to={`?snapshot=${selected.id}&page=${selected.page - 1}`}>上一页</Link> : null}
              <span>
                第 {selected.page} / {Math.ceil(selected.table.total / PAGE_SIZE)} 页
              </span>
              {selected.page * PAGE_SIZE < selected.table.total ? <Link to={`?snapshot=${selected.id}&page=${selected.page + 1}`}>下一页</Link> : null}
            </Space>
          ) : null}
        </Card>
      ) : null}
    </Space>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
