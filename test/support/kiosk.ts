/**
 * An enrolled kiosk tablet for tests that send a counter's answers from one address, as a kiosk does
 * (docs/decisions/kiosk-enrolment.md): enrolled through the service a manager's press on the counters
 * page calls, so the server knows it by its cookie. Returns the Cookie header the tablet sends.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "../../db/client.server";
import { enrolKioskDevice } from "../../app/services/kiosk/devices.server";
import { createTestUser } from "./accounts";

export async function enrolTestKiosk(db: Db, linkToken: string, label = "แท็บเล็ตทดสอบ"): Promise<string> {
  const link = await db
    .selectFrom("link")
    .innerJoin("round", "round.id", "link.round_id")
    .where("link.token", "=", linkToken)
    .select(["link.counter_id as counterId", "round.organization_id as organizationId"])
    .executeTakeFirstOrThrow();
  if (link.counterId === null) throw new Error(`${linkToken} is no counter's link: a kiosk is enrolled for a counter`);
  const userId = await createTestUser(db, link.organizationId, `kiosk-enroller-${randomBytes(4).toString("hex")}`, "manager");
  const { cookie } = await enrolKioskDevice(db, { organizationId: link.organizationId, userId }, { counterId: link.counterId, label }, new Date());
  return cookie.split(";")[0]!;
}
