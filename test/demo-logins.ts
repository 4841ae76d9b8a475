import { DEMO_USERS } from "#app/../prisma/demo-data";
import { cookieFor } from "./route-helpers";

/** Cookie of a demo account by login. */
export function demoCookie(login: string) {
  const u = DEMO_USERS.find((x) => x.login === login);
  if (!u) throw new Error(`no demo user ${login}`);
  return cookieFor(u.login, u.password);
}
