import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Card, Typography } from "antd";
import { fieldErrors, SchoolFormSchema } from "#app/domain/school";
import { createSchool, SchoolInputError } from "#app/models/schools.server";
import { requireCounty } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { badRequest, readForm } from "#app/utils/http.server";
import { SchoolForm } from "#app/components/school-form";
import { ErrorPage } from "#app/components/error-page";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const { county } = await requireCounty(actor, params.code, "write");
  return { county: { code: county.code, name: county.name } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const { county } = await requireCounty(actor, params.code, "write");
  const form = Object.fromEntries(await readForm(request));
  const parsed = SchoolFormSchema.safeParse(form);
  if (!parsed.success) return badRequest({ fieldErrors: fieldErrors(parsed.error), values: form as Record<string, string> });
  try {
    await createSchool(county.id, parsed.data, actor);
  } catch (e) {
    if (e instanceof SchoolInputError) return badRequest({ fieldErrors: { [e.field]: e.message }, values: form as Record<string, string> });
    throw e;
  }
  throw redirect(`/admin/counties/${county.code}`);
}

export default function NewSchool() {
  const { county } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const v = result?.values;
  return (
    <Card title={<Typography.Text strong>{county.name} · 新增学校</Typography.Text>} extra={<Link to={`/admin/counties/${county.code}`}>返回</Link>}>
      <SchoolForm
        codeEditable
        submitLabel="保存"
        errors={result?.fieldErrors}
        values={v ? { ...v, boarding: v.boarding === "on", enrolment: v.enrolment ? Number(v.enrolment) : null } : {}}
      />
    </Card>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
