import { pingDatabase } from "../../../db/queries/health";
import { getDb } from "../../lib/db.server";

/**
 * A database that hangs (a PostgreSQL server that accepts but does not answer) must not hang the
 * check: a load balancer takes the process out of rotation on a slow answer too.
 */
const PING_TIMEOUT_MS = 2_000;

/** Liveness and database reachability for load balancers and the operator: 200, or 503 when the database does not answer. */
export async function loader() {
  const headers = { "Cache-Control": "no-store" };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("database ping timed out")), PING_TIMEOUT_MS);
  });
  try {
    await Promise.race([pingDatabase(getDb()), timeout]);
    return Response.json({ status: "ok" }, { headers });
  } catch {
    return Response.json({ status: "database unavailable" }, { status: 503, headers });
  } finally {
    clearTimeout(timer);
  }
}
