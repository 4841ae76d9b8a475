import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

/** Status → what the user reads. Never shows a stack trace or an internal message. */
function describe(error: unknown): { title: string; message: string; status: number } {
  if (isRouteErrorResponse(error)) {
    const fromData = typeof error.data === "object" && error.data && "message" in error.data ? String((error.data as { message: unknown }).message) : null;
    const titles: Record<number, string> = { 400: "请求有误", 401: "请先登录", 403: "无权限", 404: "未找到", 405: "不支持的操作", 413: "文件过大" };
    return { status: error.status, title: titles[error.status] ?? "出错了", message: fromData ?? (error.status === 404 ? "未找到该页面或记录。" : "请求无法完成。") };
  }
  return { status: 500, title: "系统出错了", message: "服务器处理请求时出错，请稍后再试。如果问题持续，请联系系统管理员。" };
}

/** The one error view every route's ErrorBoundary renders. */
export function ErrorPage() {
  const error = useRouteError();
  const { title, message, status } = describe(error);
  return (
    <main className="error-page" style={{ maxWidth: 560, margin: "64px auto", padding: "0 16px", fontFamily: "system-ui, sans-serif" }}>
      <p style={{ color: "#888", margin: 0 }}>{status}</p>
      <h1 style={{ fontSize: 24 }}>{title}</h1>
      <p data-testid="error-message">{message}</p>
      <p>
        <Link to="/admin">返回首页</Link>
      </p>
    </main>
  );
}
