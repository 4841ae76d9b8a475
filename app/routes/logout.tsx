import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { logout } from "#app/utils/auth.server";

export async function action({ request }: ActionFunctionArgs) {
  throw redirect("/login", { headers: { "Set-Cookie": await logout(request) } });
}

export async function loader() {
  throw redirect("/admin");
}
