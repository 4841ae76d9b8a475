import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { App as AntApp, Button, ConfigProvider, Layout, Menu } from "antd";
import { adminTheme } from "#app/components/admin-theme";
import { zhCN } from "#app/components/zh-locale";
import { ErrorPage } from "#app/components/error-page";
import { roleLabels } from "#app/i18n/zh-CN";
import { getCity, listCountiesForActor } from "#app/models/counties.server";
import { requireActor } from "#app/utils/auth.server";


// The static antd CSS exported at build time (scripts/extract-antd-css.tsx); absent in unit tests.
const antdCss = Object.values(import.meta.glob<{ href: string }>("../generated/antd-css.json", { eager: true, import: "default" }))[0];
export const links: LinksFunction = () => (antdCss ? [{ rel: "stylesheet", href: antdCss.href }] : []);

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const [city, counties] = await Promise.all([getCity(actor.cityId), listCountiesForActor(actor)]);
  return {
    actor: { login: actor.login, displayName: actor.displayName, role: actor.role },
    cityName: city?.name ?? "",
    counties: counties.map((c) => ({ code: c.code, name: c.name })),
  };
}

export default function AdminLayout() {
  const { actor, cityName, counties } = useLoaderData<typeof loader>();
  const location = useLocation();
  const items = [
    { key: "/admin", label: <Link to="/admin">{actor.role === "city_admin" || actor.role === "inspector" ? "全市总览" : "总览"}</Link> },
    {
      key: "counties",
      label: "旗县区",
      children: counties.map((c) => ({ key: `/admin/counties/${c.code}`, label: <Link to={`/admin/counties/${c.code}`}>{c.name}</Link> })),
    },
    { key: "/admin/recognition", label: <Link to="/admin/recognition">社会认可度</Link> },
    { key: "/admin/assessment", label: <Link to="/admin/assessment">评估</Link> }, { key: "/admin/policy", label: <Link to="/admin/policy">政策配置</Link> },
    { key: "/admin/reports", label: <Link to="/admin/reports">报告</Link> },
    ...(actor.role === "city_admin"
      ? [
          { key: "/admin/users", label: <Link to="/admin/users">用户管理</Link> },
          { key: "/admin/audit", label: <Link to="/admin/audit">审计日志</Link> },
        ]
      : []),
  ];
  const selected = items
    .flatMap((i) => ("children" in i && i.children ? i.children : [i]))
    .map((i) => i.key)
    .filter((k) => location.pathname === k || location.pathname.startsWith(k + "/"))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  return (
    <ConfigProvider locale={zhCN} theme={adminTheme}>
      <AntApp>
        <Layout style={{ minHeight: "100vh" }}>
          <Layout.Header style={{ display: "flex", alignItems: "center", gap: 16, color: "#fff" }}>
            <Link to="/admin" style={{ color: "#fff", fontSize: 17, fontWeight: 600 }}>
              {cityName} · 优质均衡督导评估平台
            </Link>
            <span style={{ marginLeft: "auto" }} data-testid="current-user">
              {actor.displayName}（{roleLabels[actor.role]}）
            </span>
            <Form method="post" action="/logout">
              <Button htmlType="submit" size="small">
                退出
              </Button>
            </Form>
          </Layout.Header>
          <Layout>
            <Layout.Sider width={200} theme="light" style={{ flex: "0 0 200px", minWidth: 200, maxWidth: 200 }}>
              <Menu mode="inline" selectedKeys={selected} defaultOpenKeys={["counties"]} items={items} style={{ height: "100%" }} />
            </Layout.Sider>
            <Layout.Content style={{ padding: 24 }}>
              <Outlet />
            </Layout.Content>
          </Layout>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
