import { getDb } from "../../lib/db.server";
import { requireUser } from "../../lib/session.server";
import type { Route } from "./+types/posters";

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(getDb(), request);
  return null;
}

export default function Page() {
  return <main className="page" />;
}
