import { z } from "zod";
import { prisma } from "#app/utils/db.server";
import { hashPassword } from "#app/utils/password.server";
import { ROLE_CODES, type Actor, type Role } from "#app/domain/access";
import { writeAudit } from "./audit.server";
import { isUniqueViolation } from "./unique-violation.server";
import { ROLES } from "#app/domain/access";

const actorSelect = {
  id: true,
  login: true,
  displayName: true,
  role: true,
  cityId: true,
  countyId: true,
  disabledAt: true,
  inspectorCounties: { select: { countyId: true } },
} as const;

function toActor(u: { id: string; login: string; displayName: string; role: string; cityId: string; countyId: string | null; inspectorCounties: { countyId: string }[] }): Actor {
  return {
    id: u.id,
    login: u.login,
    displayName: u.displayName,
    role: z.enum(ROLE_CODES as [Role, ...Role[]]).parse(u.role),
    cityId: u.cityId,
    countyId: u.countyId,
    inspectorCountyIds: u.inspectorCounties.map((c) => c.countyId),
  };
}

/** Normalises a typed login (trimmed, lower-case). */
export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

/** The user for a login attempt (enabled or not) with the hash, or null. */
export async function findUserForLogin(login: string) {
  return prisma.user.findUnique({ where: { login: normalizeLogin(login) }, select: { ...actorSelect, passwordHash: true } });
}

/** The actor behind a session id, or null when the session is unknown, expired or the user disabled. */
export async function getActorBySession(sessionId: string, now = new Date()): Promise<Actor | null> {
  const s = await prisma.session.findUnique({ where: { id: sessionId }, select: { expiresAt: true, user: { select: actorSelect } } });
  if (!s || s.expiresAt <= now || s.user.disabledAt) return null;
  return toActor(s.user);
}

export async function createSession(userId: string, id: string, expiresAt: Date) {
  await prisma.session.create({ data: { id, userId, expiresAt } });
}

export async function deleteSession(id: string) {
  await prisma.session.deleteMany({ where: { id } });
}

export const NewUserSchema = z
  .object({
    login: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, "登录名为 3–32 位小写字母、数字、点、下划线或连字符，以字母或数字开头"),
    displayName: z.string().trim().min(1, "请填写姓名").max(40, "姓名不超过 40 个字符"),
    role: z.enum(ROLE_CODES as [Role, ...Role[]], { errorMap: () => ({ message: "请选择角色" }) }),
    countyId: z.string().optional(),
    inspectorCountyIds: z.preprocess((v) => (Array.isArray(v) ? v.filter((x) => x !== "") : v), z.array(z.string().min(1)).default([])),
  })
  .superRefine((u, ctx) => {
    if (u.role === "county_admin" && !u.countyId) ctx.addIssue({ code: "custom", path: ["countyId"], message: "旗县区管理员须选择所属旗县区" });
    if (u.role === "inspector" && u.inspectorCountyIds.length === 0)
      ctx.addIssue({ code: "custom", path: ["inspectorCountyIds"], message: "督学须至少分配一个旗县区" });
  });
export type NewUser = z.infer<typeof NewUserSchema>;

export class DuplicateLoginError extends Error {
  code = "duplicate_login";
}

/**
 * Creates a user of the actor's city (county ids are checked against that city). Audited. A taken login is a
 * DuplicateLoginError — also one a parallel request took between the check and the insert (P2002 on PostgreSQL;
 * the transaction, audit entry included, rolled back).
 */
export async function createUser(input: NewUser & { password: string; cityId: string }, by: Pick<Actor, "id" | "login"> | null) {
  const countyIds = [input.countyId, ...input.inspectorCountyIds].filter((x): x is string => !!x);
  const known = await prisma.county.count({ where: { id: { in: countyIds }, cityId: input.cityId } });
  if (known !== new Set(countyIds).size) throw new Error("所选旗县区不存在");
  const passwordHash = await hashPassword(input.password);
  try {
    return await insertUser(input, passwordHash, by);
  } catch (e) {
    throw isUniqueViolation(e) ? new DuplicateLoginError("该登录名已被使用") : e;
  }
}

function insertUser(input: NewUser & { cityId: string }, passwordHash: string, by: Pick<Actor, "id" | "login"> | null) {
  return prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { login: input.login }, select: { id: true } })) throw new DuplicateLoginError("该登录名已被使用");
    const user = await tx.user.create({
      data: {
        login: input.login,
        displayName: input.displayName,
        role: input.role,
        cityId: input.cityId,
        countyId: input.role === "county_admin" ? input.countyId! : null,
        passwordHash,
        inspectorCounties: input.role === "inspector" ? { create: input.inspectorCountyIds.map((countyId) => ({ countyId })) } : undefined,
      },
      select: { id: true, login: true },
    });
    await writeAudit(
      {
        actorId: by?.id,
        actorLogin: by?.login ?? "(命令行)",
        action: "user.create",
        entityType: "user",
        entityId: user.id,
        countyId: input.role === "county_admin" ? input.countyId : null,
        summary: `创建用户 ${user.login}（${ROLES[input.role]}）`,
        details: { login: user.login, role: input.role, countyId: input.countyId ?? null, inspectorCountyIds: input.inspectorCountyIds },
      },
      tx,
    );
    return user;
  });
}

/** Users of a city for the user administration page. */
export async function listUsers(cityId: string) {
  return prisma.user.findMany({
    where: { cityId },
    orderBy: [{ role: "asc" }, { login: "asc" }],
    select: {
      id: true,
      login: true,
      displayName: true,
      role: true,
      disabledAt: true,
      createdAt: true,
      county: { select: { name: true } },
      inspectorCounties: { select: { county: { select: { name: true } } } },
    },
  });
}

/** One user of the city (null when not in this city). */
export async function getUserInCity(id: string, cityId: string) {
  return prisma.user.findFirst({ where: { id, cityId }, select: { id: true, login: true, displayName: true, role: true, disabledAt: true } });
}

/** Disables or re-enables a user; disabling ends their sessions. Audited. */
export async function setUserDisabled(id: string, disabled: boolean, by: Pick<Actor, "id" | "login">) {
  await prisma.$transaction(async (tx) => {
    const u = await tx.user.update({ where: { id }, data: { disabledAt: disabled ? new Date() : null }, select: { login: true, countyId: true } });
    if (disabled) await tx.session.deleteMany({ where: { userId: id } });
    await writeAudit(
      { actorId: by.id, actorLogin: by.login, action: disabled ? "user.disable" : "user.enable", entityType: "user", entityId: id, countyId: u.countyId, summary: `${disabled ? "停用" : "启用"}用户 ${u.login}` },
      tx,
    );
  });
}

/** Sets a new password and ends the user's sessions. Audited (without the password). */
export async function resetPassword(id: string, password: string, by: Pick<Actor, "id" | "login"> | null) {
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    const u = await tx.user.update({ where: { id }, data: { passwordHash, passwordChangedAt: new Date() }, select: { login: true, countyId: true } });
    await tx.session.deleteMany({ where: { userId: id } });
    await writeAudit(
      { actorId: by?.id, actorLogin: by?.login ?? "(命令行)", action: "user.password_reset", entityType: "user", entityId: id, countyId: u.countyId, summary: `重置用户 ${u.login} 的密码` },
      tx,
    );
  });
}

/** True when no user exists yet (a fresh real install). */
export async function hasNoUsers() {
  return (await prisma.user.count()) === 0;
}
