import crypto from "node:crypto";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, Button, Card, Space, Table, Typography } from "antd";
import { classifyRosterSchools, ROSTER_COLUMNS, ROSTER_MAX_ROWS, ROSTER_SHEET_NAME, validateRoster, type RosterError } from "#app/domain/roster/roster-import";
import { applyRoster, listAllSchoolCodes } from "#app/models/schools.server";
import { requireCounty } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { isWorkbookError, readSheetRows } from "#app/utils/workbook.server";
import { ErrorPage } from "#app/components/error-page";
import { readUploadForm } from "#app/utils/upload.server";

const MAX_FILE_BYTES = 5 * 1024 * 1024;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const { county } = await requireCounty(actor, params.code, "write");
  return { county: { code: county.code, name: county.name }, columns: ROSTER_COLUMNS.map((c) => ({ header: c.header, note: c.note })) };
}

type Result =
  | { ok: false; message: string; errors?: RosterError[]; totalErrors?: number }
  | { ok: true; dryRun: boolean; created: number; updated: number; absent: string[]; fileName: string };

const fail = (message: string, status = 400, extra: Partial<Extract<Result, { ok: false }>> = {}) => data<Result>({ ok: false, message, ...extra }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const { county } = await requireCounty(actor, params.code, "write");
  const upload = await readUploadForm(request, MAX_FILE_BYTES);
  if (!upload.ok) return fail(upload.message, upload.status);
  const form = upload.form;
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return fail("请选择要导入的学校名册文件（.xlsx 或 .csv）。");
  const buffer = Buffer.from(await file.arrayBuffer());
  let sheet;
  try {
    sheet = await readSheetRows(buffer, { fileName: file.name, maxBytes: MAX_FILE_BYTES, maxRows: ROSTER_MAX_ROWS, expectedSheet: ROSTER_SHEET_NAME });
  } catch (e) {
    if (isWorkbookError(e)) return fail(e.message);
    throw e;
  }
  const existing = await listAllSchoolCodes();
  const result = validateRoster(sheet, { existingSchoolCodes: existing, countyCode: county.code });
  if (!result.ok) return fail(`文件中有 ${result.totalErrors} 处错误，未导入任何数据。请按下表修改后重新上传。`, 400, { errors: result.errors, totalErrors: result.totalErrors });
  if (result.schools.length === 0) return fail("文件中没有学校数据（示例行不会导入）。");
  const changes = classifyRosterSchools(result.schools, existing, county.code);
  const dryRun = form.get("intent") === "check";
  if (!dryRun) {
    const sha256 = crypto.createHash("sha256").update(buffer).digest("hex");
    await applyRoster(county.id, changes, { name: file.name, sha256, rows: result.schools.length }, actor);
  }
  return data<Result>({ ok: true, dryRun, created: changes.created.length, updated: changes.updated.length, absent: changes.absentCodes, fileName: file.name });
}

export default function RosterImport() {
  const { county, columns } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {county.name} · 导入学校名册
      </Typography.Title>
      <Card>
        <Typography.Paragraph>
          1. 下载模板：<a href={`/admin/counties/${county.code}/roster-template`}>学校名册导入模板.xlsx</a>（含填写说明和下拉选项）。
          <br />
          2. 按模板填写后上传。整个文件全部正确才会导入；有任何错误时不写入任何数据，并逐格列出错误（工作表、行、列）。
          <br />
          3. 已存在的本旗县区学校（学校标识码相同）会按文件更新；文件中没有的学校保持不变。
        </Typography.Paragraph>
        <Form method="post" encType="multipart/form-data">
          <Space wrap>
            <input type="file" name="file" accept=".xlsx,.csv" aria-label="学校名册文件" required />
            <Button htmlType="submit" name="intent" value="check" disabled={busy}>
              仅检查
            </Button>
            <Button type="primary" htmlType="submit" name="intent" value="import" loading={busy}>
              {busy ? "正在导入…" : "检查并导入"}
            </Button>
          </Space>
        </Form>
      </Card>
      {result && !result.ok ? (
        <Alert
          type="error"
          showIcon
          message={result.message}
          description={
            result.errors?.length ? (
              <Table
                size="small"
                rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                dataSource={result.errors}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                columns={[
                  { title: "工作表", dataIndex: "sheet" },
                  { title: "行", dataIndex: "row" },
                  { title: "列", key: "col", render: (_: unknown, e: RosterError) => (e.column ? `${e.columnLetter ?? ""} ${e.column}` : "—") },
                  { title: "单元格内容", dataIndex: "value" },
                  { title: "问题", dataIndex: "message" },
                ]}
              />
            ) : null
          }
        />
      ) : null}
      {result && result.ok ? (
        <Alert
          type="success"
          showIcon
          message={result.dryRun ? `检查通过：${result.fileName} 可以导入。` : `导入完成：${result.fileName}`}
          description={
            <>
              {result.dryRun ? "将" : "已"}新增 {result.created} 所，更新 {result.updated} 所。
              {result.absent.length ? ` 本旗县区另有 ${result.absent.length} 所学校不在文件中，保持不变：${result.absent.join("、")}。` : ""}{" "}
              <Link to={`/admin/counties/${county.code}`}>返回学校列表</Link>
            </>
          }
        />
      ) : null}
      <Card title="模板列说明" size="small">
        <Table size="small" rowKey="header" pagination={false} dataSource={columns} columns={[{ title: "列", dataIndex: "header" }, { title: "说明", dataIndex: "note" }]} />
      </Card>
    </Space>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
