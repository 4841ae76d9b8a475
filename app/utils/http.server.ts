import { data } from "@remix-run/node";

/** 404 未找到 — also used for records outside the user's scope, so their existence is not revealed. */
export function notFound(message = "未找到该页面或记录。"): never {
  throw data({ message }, { status: 404, statusText: "Not Found" });
}

/** 403 无权限 — the record is visible to the user but the action is not allowed. */
export function forbidden(message = "您没有执行此操作的权限。"): never {
  throw data({ message }, { status: 403, statusText: "Forbidden" });
}

/** 400 with field errors, for actions. Never thrown: returned so the form can show the errors. */
export function badRequest<T extends { formError?: string; fieldErrors?: Record<string, string> }>(body: T) {
  return data(body, { status: 400 });
}

/** The client address the server saw (for login throttling and the login audit only). */
export function clientAddress(context: unknown): string {
  const addr = (context as { clientAddress?: unknown } | undefined)?.clientAddress;
  return typeof addr === "string" && addr ? addr : "unknown";
}
