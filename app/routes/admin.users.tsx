import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, Card, Input, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { ROLE_CODES, type Role } from "#app/domain/access";
import { passwordProblems } from "#app/domain/password-policy";
import { fieldErrors } from "#app/domain/school";
import { label, roleLabels } from "#app/i18n/zh-CN";
import { listCityCounties } from "#app/models/counties.server";
import { createUser, DuplicateLoginError, listUsers, NewUserSchema } from "#app/models/users.server";
import { requireCityAdmin } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { readForm } from "#app/utils/http.server";
import { formatDateTime } from "#app/utils/format";
import { SelectField } from "#app/components/select-field";
import { ErrorPage } from "#app/components/error-page";

export const meta: MetaFunction = () => [{ title: "用户管理 · 优质均衡督导评估平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  requireCityAdmin(actor);
  const [users, counties] = await Promise.all([listUsers(actor.cityId), listCityCounties(actor.cityId)]);
  return { users, counties };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  requireCityAdmin(actor);
  const form = await readForm(request);
  const input = {
    login: String(form.get("login") ?? ""),
    displayName: String(form.get("displayName") ?? ""),
    role: String(form.get("role") ?? ""),
    countyId: form.get("countyId") ? String(form.get("countyId")) : undefined,
    inspectorCountyIds: form.getAll("inspectorCountyIds").map(String),
  };
  const password = String(form.get("password") ?? "");
  const parsed = NewUserSchema.safeParse(input);
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  const pwProblems = passwordProblems(password, { login: input.login });
  if (pwProblems.length) errors.password = pwProblems.join("；");
  if (!parsed.success || pwProblems.length) return data({ ok: false as const, fieldErrors: errors }, { status: 400 });
  try {
    await createUser({ ...parsed.data, password, cityId: actor.cityId }, actor);
  } catch (e) {
    if (e instanceof DuplicateLoginError) return data({ ok: false as const, fieldErrors: { login: e.message } }, { status: 400 });
    if (e instanceof Error && e.message === "所选旗县区不存在") return data({ ok: false as const, fieldErrors: { countyId: e.message } }, { status: 400 });
    throw e;
  }
  return { ok: true as const, message: `已创建用户 ${parsed.data.login}。`, fieldErrors: {} as Record<string, string> };
}

function Err({ msg }: { msg?: string }) {
  return msg ? (
    <span role="alert" style={{ color: "#c0392b", fontSize: 13 }}>
      {msg}
    </span>
  ) : null;
}

export default function Users() {
  const { users, counties } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [role, setRole] = useState<string>("county_admin");
  const errs: Record<string, string> = result?.fieldErrors ?? {};
  const countyOptions = counties.map((c) => ({ value: c.id, label: c.name }));
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        用户管理
      </Typography.Title>
      <Card>
        <Table
          rowKey="id"
          size="small"
          dataSource={users}
          pagination={false}
          columns={[
            { title: "登录名", dataIndex: "login", render: (l: string, u) => <Link to={`/admin/users/${u.id}`}>{l}</Link> },
            { title: "姓名", dataIndex: "displayName" },
            { title: "角色", dataIndex: "role", render: (r: string) => label(roleLabels, r) },
            {
              title: "范围",
              key: "scope",
              render: (_: unknown, u) => (u.role === "city_admin" ? "全市" : u.county?.name ?? u.inspectorCounties.map((i) => i.county.name).join("、")),
            },
            { title: "状态", dataIndex: "disabledAt", render: (d: string | null) => (d ? <Tag>已停用</Tag> : <Tag color="green">正常</Tag>) },
            { title: "创建时间", dataIndex: "createdAt", render: (d: string) => formatDateTime(d) },
          ]}
        />
      </Card>
      <Card title="新建用户">
        <Form method="post">
          <Space direction="vertical" style={{ maxWidth: 480, width: "100%" }}>
            {result?.ok ? <Alert type="success" showIcon message={result.message} /> : null}
            <label htmlFor="login">登录名</label>
            <Input id="login" name="login" maxLength={32} autoComplete="off" />
            <Err msg={errs.login} />
            <label htmlFor="displayName">姓名</label>
            <Input id="displayName" name="displayName" maxLength={40} />
            <Err msg={errs.displayName} />
            <label>角色</label>
            <SelectField name="role" defaultValue="county_admin" onChange={(v) => setRole(String(v))} options={ROLE_CODES.map((r) => ({ value: r, label: roleLabels[r as Role] }))} />
            <Err msg={errs.role} />
            {role === "county_admin" ? (
              <>
                <label>所属旗县区</label>
                <SelectField name="countyId" options={countyOptions} placeholder="请选择" />
                <Err msg={errs.countyId} />
              </>
            ) : null}
            {role === "inspector" ? (
              <>
                <label>负责的旗县区（可多选）</label>
                <SelectField name="inspectorCountyIds" mode="multiple" options={countyOptions} placeholder="请选择" />
                <Err msg={errs.inspectorCountyIds} />
              </>
            ) : null}
            <label htmlFor="password">初始密码</label>
            <Input.Password id="password" name="password" autoComplete="new-password" maxLength={128} />
            <Typography.Text type="secondary">至少 10 个字符，包含至少两类字符（字母、数字、符号或汉字），不含登录名。</Typography.Text>
            <Err msg={errs.password} />
            <Button type="primary" htmlType="submit">
              创建
            </Button>
          </Space>
        </Form>
      </Card>
    </Space>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
