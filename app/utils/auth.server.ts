import crypto from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import type { Actor } from "#app/domain/access";
import { lockMessage } from "#app/domain/login-throttle";
import { writeAudit } from "#app/models/audit.server";
import { countLoginAttempt, getLoginLock, recordLoginSuccess } from "#app/models/login-throttle.server";
import { createSession, deleteSession, findUserForLogin, getActorBySession, normalizeLogin } from "#app/models/users.server";
import { getEnv } from "./env.server";
import { verifyPassword } from "./password.server";

const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

let cookie: ReturnType<typeof createCookie> | null = null;
/** The signed session cookie. It holds only the session id; everything else is on the server. */
function sessionCookie() {
  if (cookie) return cookie;
  const env = getEnv();
  cookie = createCookie("yz_session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env.COOKIE_SECURE === "true",
    secrets: [env.sessionSecret],
    maxAge: SESSION_TTL_MS / 1000,
  });
  return cookie;
}

async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The signed-in user, or null. */
export async function getActor(request: Request): Promise<Actor | null> {
  const id = await readSessionId(request);
  return id ? getActorBySession(id) : null;
}

/** The signed-in user; otherwise a redirect to the login page (remembering where the user was going). */
export async function requireActor(request: Request): Promise<Actor> {
  const actor = await getActor(request);
  if (actor) return actor;
  const url = new URL(request.url);
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** One message for wrong password, unknown user and disabled user: nothing tells them apart. */
export const LOGIN_FAILED_MESSAGE = "登录名或密码错误，或账号已停用。";

export type LoginResult = { ok: true; setCookie: string; actor: Actor } | { ok: false; message: string };

/**
 * Checks a login attempt with throttling per account and per client, audits it, and on success
 * opens a new session (a fresh id each login: session rotation).
 */
export async function login(loginName: string, password: string, client: string): Promise<LoginResult> {
  const login = normalizeLogin(loginName).slice(0, 64);
  const throttled = async (wait: number): Promise<LoginResult> => {
    await writeAudit({ actorLogin: login, action: "login.throttled", summary: `登录被限制：${login}`, client });
    return { ok: false, message: lockMessage(wait) };
  };
  // A locked key is refused without counting (the lock is not prolonged by further tries).
  const wait = await getLoginLock(login, client);
  if (wait > 0) return throttled(wait);
  // Counted before the slow password check: of a burst of parallel attempts, only as many as the allowance leaves
  // have their password checked (checked first and counted after, the whole burst passed the lock check above).
  const countedAt = Date.now();
  const over = await countLoginAttempt(login, client, countedAt);
  if (over > 0) return throttled(over);
  const user = await findUserForLogin(login);
  const usable = user && !user.disabledAt ? user : null;
  const ok = await verifyPassword(usable?.passwordHash ?? null, password);
  if (!ok || !usable) {
    await writeAudit({ actorId: user?.id ?? null, actorLogin: login, action: "login.failure", summary: `登录失败：${login}`, client });
    return { ok: false, message: LOGIN_FAILED_MESSAGE };
  }
  await recordLoginSuccess(login, client, countedAt);
  const sessionId = crypto.randomBytes(32).toString("base64url");
  await createSession(usable.id, sessionId, new Date(Date.now() + SESSION_TTL_MS));
  await writeAudit({ actorId: usable.id, actorLogin: usable.login, action: "login.success", summary: `登录成功：${usable.login}`, client, countyId: usable.countyId });
  const actor = await getActorBySession(sessionId);
  return { ok: true, setCookie: await sessionCookie().serialize(sessionId), actor: actor! };
}

/** Ends the session and returns the Set-Cookie header that clears the cookie. */
export async function logout(request: Request): Promise<string> {
  const id = await readSessionId(request);
  if (id) {
    const actor = await getActorBySession(id);
    await deleteSession(id);
    if (actor) await writeAudit({ actorId: actor.id, actorLogin: actor.login, action: "logout", summary: `退出登录：${actor.login}` });
  }
  return sessionCookie().serialize("", { maxAge: 0 });
}

/** Only same-site relative paths are followed after login (no open redirect). */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/admin"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
