import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { getActor, login, safeRedirect } from "#app/utils/auth.server";
import { clientAddress, readForm } from "#app/utils/http.server";
import { ErrorPage } from "#app/components/error-page";

export const meta: MetaFunction = () => [{ title: "登录 · 优质均衡督导评估平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getActor(request)) throw redirect("/admin");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const loginName = String(form.get("login") ?? "");
  const password = String(form.get("password") ?? "");
  if (!loginName.trim() || !password) return data({ message: "请输入登录名和密码。" }, { status: 400 });
  const result = await login(loginName, password.slice(0, 256), clientAddress(context));
  if (!result.ok) return data({ message: result.message }, { status: 401 });
  throw redirect(safeRedirect(form.get("redirectTo")), { headers: { "Set-Cookie": result.setCookie } });
}

// Plain HTML and a few lines of CSS: the login page works before (and without) JavaScript.
export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  return (
    <main className="login">
      <style dangerouslySetInnerHTML={{ __html: loginCss }} />
      <Form method="post" className="login-card">
        <h1>优质均衡督导评估平台</h1>
        <p className="sub">县域义务教育优质均衡发展督导评估 · 社会认可度调查</p>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/admin"} />
        <label>
          登录名
          <input name="login" autoComplete="username" required autoFocus maxLength={64} />
        </label>
        <label>
          密码
          <input name="password" type="password" autoComplete="current-password" required maxLength={256} />
        </label>
        {actionData?.message ? (
          <p className="error" role="alert">
            {actionData.message}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? "正在登录…" : "登录"}
        </button>
      </Form>
    </main>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

const loginCss = `
.login{min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f0f3f7;font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif}
.login-card{background:#fff;padding:32px;border-radius:8px;box-shadow:0 2px 12px rgba(0,0,0,.08);width:min(360px,92vw);display:flex;flex-direction:column;gap:14px}
.login-card h1{font-size:20px;margin:0;color:#1f5fa8}.login-card .sub{margin:0;color:#666;font-size:13px}
.login-card label{display:flex;flex-direction:column;gap:6px;font-size:14px;color:#333}
.login-card input{font-size:16px;padding:9px 10px;border:1px solid #c9d1db;border-radius:4px}
.login-card button{font-size:16px;padding:10px;border:0;border-radius:4px;background:#1f5fa8;color:#fff;cursor:pointer}
.login-card button:disabled{opacity:.7}.login-card .error{color:#c0392b;margin:0;font-size:14px}
`;
