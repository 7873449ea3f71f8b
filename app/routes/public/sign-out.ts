import { redirect } from "react-router";
import { getDb } from "../../lib/db.server";
import { HttpError, readFormData } from "../../lib/http";
import { requireCsrf, requireUser } from "../../auth/session.server";
import { signOut } from "../../auth/sign-in.server";
import type { Route } from "./+types/sign-out";

/** POST only, with the anti-forgery token: a link on another site cannot sign anyone out. */
export async function action({ request }: Route.ActionArgs) {
  const db = getDb();
  const user = await requireUser(db, request);
  const form = await readFormData(request);
  if (!form) throw new HttpError(400, "อ่านข้อมูลในแบบฟอร์มที่ส่งมาไม่ได้", "The form that was sent cannot be read.").toResponse();
  requireCsrf(user, form);
  throw redirect("/sign-in", { headers: { "Set-Cookie": await signOut(db, user, request, new Date()) } });
}

/** A GET (a bookmark, a typed URL) signs nobody out; it leads back to the admin pages or to sign-in. */
export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(getDb(), request);
  throw redirect("/admin");
}
