import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Card, Descriptions, Space, Tag, Typography } from "antd";
import { fieldErrors, SchoolFormSchema } from "#app/domain/school";
import { label, ownershipLabels, schoolKindLabels, urbanRuralLabels } from "#app/i18n/zh-CN";
import { SchoolInputError, setSchoolDisabled, updateSchool } from "#app/models/schools.server";
import { requireSchool } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { formatInt } from "#app/utils/format";
import { badRequest, readForm } from "#app/utils/http.server";
import { SchoolForm } from "#app/components/school-form";
import { ErrorPage } from "#app/components/error-page";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const { county, school, access } = await requireSchool(actor, params.code, params.schoolCode, "read");
  return { county: { code: county.code, name: county.name }, school, canWrite: access === "write" };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const { county, school } = await requireSchool(actor, params.code, params.schoolCode, "write");
  const form = Object.fromEntries(await readForm(request));
  if (form.intent === "disable" || form.intent === "enable") {
    await setSchoolDisabled(school.id, form.intent === "disable", actor);
    throw redirect(`/admin/counties/${county.code}/schools/${school.code}`);
  }
  // The code is the school's identity: it is taken from the stored record, never from the form.
  const parsed = SchoolFormSchema.safeParse({ ...form, code: school.code });
  if (!parsed.success) return badRequest({ fieldErrors: fieldErrors(parsed.error) });
  try {
    await updateSchool(school.id, parsed.data, actor);
  } catch (e) {
    if (e instanceof SchoolInputError) return badRequest({ fieldErrors: { [e.field]: e.message } });
    throw e;
  }
  throw redirect(`/admin/counties/${county.code}`);
}

export default function SchoolPage() {
  const { county, school, canWrite } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const back = <Link to={`/admin/counties/${county.code}`}>返回{county.name}</Link>;
  if (!canWrite) {
    return (
      <Card title={school.name} extra={back}>
        <Descriptions column={1}>
          <Descriptions.Item label="学校标识码">{school.code}</Descriptions.Item>
          <Descriptions.Item label="类型">{label(schoolKindLabels, school.kind)}</Descriptions.Item>
          <Descriptions.Item label="城乡分类">{label(urbanRuralLabels, school.urbanRural)}</Descriptions.Item>
          <Descriptions.Item label="办学性质">{label(ownershipLabels, school.ownership)}</Descriptions.Item>
          <Descriptions.Item label="寄宿制">{school.boarding ? "是" : "否"}</Descriptions.Item>
          <Descriptions.Item label="在校生">{formatInt(school.enrolment)}</Descriptions.Item>
          <Descriptions.Item label="中心校">{school.centralSchool?.name ?? "—"}</Descriptions.Item>
        </Descriptions>
      </Card>
    );
  }
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Card
        title={
          <Typography.Text strong>
            {school.name} {school.disabledAt ? <Tag>已停用</Tag> : null}
          </Typography.Text>
        }
        extra={back}
      >
        <SchoolForm
          codeEditable={false}
          submitLabel="保存修改"
          errors={result?.fieldErrors}
          values={{ ...school, centralSchoolCode: school.centralSchool?.code ?? null }}
        />
      </Card>
      <Card title={school.disabledAt ? "启用学校" : "停用学校"}>
        <Form method="post">
          <Typography.Paragraph type="secondary">停用的学校保留历史数据，但不再进入新的调查轮次和评估。</Typography.Paragraph>
          <Button danger={!school.disabledAt} htmlType="submit" name="intent" value={school.disabledAt ? "enable" : "disable"}>
            {school.disabledAt ? "启用该学校" : "停用该学校"}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
