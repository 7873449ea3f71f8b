import { getDb } from "../../lib/db.server";
import { requireUser } from "../../lib/session.server";
import type { Route } from "./+types/export-xlsx";

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(getDb(), request);
  return new Response("", { status: 404 });
}
