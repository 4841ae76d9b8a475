import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, Card, Descriptions, Input, Space, Tag } from "antd";
import { passwordProblems } from "#app/domain/password-policy";
import { label, roleLabels } from "#app/i18n/zh-CN";
import { getUserInCity, resetPassword, setUserDisabled } from "#app/models/users.server";
import { requireCityAdmin } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { forbidden, notFound, readForm } from "#app/utils/http.server";
import { ErrorPage } from "#app/components/error-page";

async function load(request: Request, id: string | undefined) {
  const actor = await requireActor(request);
  requireCityAdmin(actor);
  const user = id ? await getUserInCity(id, actor.cityId) : null;
  if (!user) notFound("未找到该用户。");
  return { actor, user };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor } = await load(request, params.id);
  return { user, isSelf: user.id === actor.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, user } = await load(request, params.id);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "disable" || intent === "enable") {
    if (user.id === actor.id) forbidden("不能停用自己的账号。");
    await setUserDisabled(user.id, intent === "disable", actor);
    return { ok: true as const, message: intent === "disable" ? "已停用该用户，其登录会话已结束。" : "已启用该用户。" };
  }
  if (intent === "reset") {
    const password = String(form.get("password") ?? "");
    const problems = passwordProblems(password, { login: user.login });
    if (problems.length) return data({ ok: false as const, message: problems.join("；") }, { status: 400 });
    await resetPassword(user.id, password, actor);
    return { ok: true as const, message: "密码已重置，该用户需要用新密码重新登录。" };
  }
  return data({ ok: false as const, message: "未知操作。" }, { status: 400 });
}

export default function UserPage() {
  const { user, isSelf } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Card title={`用户 ${user.login}`} extra={<Link to="/admin/users">返回用户列表</Link>}>
        {result ? <Alert type={result.ok ? "success" : "error"} showIcon message={result.message} style={{ marginBottom: 16 }} /> : null}
        <Descriptions column={1}>
          <Descriptions.Item label="姓名">{user.displayName}</Descriptions.Item>
          <Descriptions.Item label="角色">{label(roleLabels, user.role)}</Descriptions.Item>
          <Descriptions.Item label="状态">{user.disabledAt ? <Tag>已停用</Tag> : <Tag color="green">正常</Tag>}</Descriptions.Item>
        </Descriptions>
        {!isSelf ? (
          <Form method="post">
            <Button danger={!user.disabledAt} htmlType="submit" name="intent" value={user.disabledAt ? "enable" : "disable"}>
              {user.disabledAt ? "启用该用户" : "停用该用户"}
            </Button>
          </Form>
        ) : null}
      </Card>
      <Card title="重置密码">
        <Form method="post">
          <Space direction="vertical" style={{ maxWidth: 400, width: "100%" }}>
            <label htmlFor="password">新密码</label>
            <Input.Password id="password" name="password" autoComplete="new-password" maxLength={128} />
            <Button htmlType="submit" name="intent" value="reset">
              重置密码
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
