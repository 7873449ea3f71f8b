import { pingDatabase } from "../../../db/queries/health";
import { getDb } from "../../lib/db.server";

/** Liveness and database reachability for load balancers and the operator. */
export async function loader() {
  const headers = { "Cache-Control": "no-store" };
  try {
    await pingDatabase(getDb());
    return Response.json({ status: "ok" }, { headers });
  } catch {
    return Response.json({ status: "database unavailable" }, { status: 503, headers });
  }
}
