import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getActor } from "#app/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  throw redirect((await getActor(request)) ? "/admin" : "/login");
}
