import { redirect } from "react-router";
import { destroyOperatorSession, requireOperator, requireOperatorCsrf } from "../../auth/operator-session.server";
import { getDb } from "../../lib/db.server";
import { HttpError, readFormData } from "../../lib/http";
import type { Route } from "./+types/sign-out";

/** POST only, with the anti-forgery token, as the agency users' sign-out. */
export async function action({ request }: Route.ActionArgs) {
  const db = getDb();
  const operator = await requireOperator(db, request);
  const form = await readFormData(request);
  if (!form) throw new HttpError(400, "อ่านข้อมูลในแบบฟอร์มที่ส่งมาไม่ได้", "The form that was sent cannot be read.").toResponse();
  requireOperatorCsrf(operator, form);
  throw redirect("/operator/sign-in", { headers: { "Set-Cookie": await destroyOperatorSession(db, request) } });
}

export async function loader({ request }: Route.LoaderArgs) {
  await requireOperator(getDb(), request);
  throw redirect("/operator");
}
