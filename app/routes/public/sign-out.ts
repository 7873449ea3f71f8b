import { redirect } from "react-router";
import { getDb } from "../../lib/db.server";
import { destroySession, requireCsrf, requireUser } from "../../lib/session.server";
import type { Route } from "./+types/sign-out";

/** POST only, with the anti-forgery token: a link on another site cannot sign anyone out. */
export async function action({ request }: Route.ActionArgs) {
  const db = getDb();
  const user = await requireUser(db, request);
  requireCsrf(user, await request.formData());
  throw redirect("/sign-in", { headers: { "Set-Cookie": await destroySession(db, request) } });
}

export function loader() {
  throw redirect("/admin");
}
