/**
 * Whether a framework's scores must be shown as provisional (issue 13): its data says it is
 * (`"provisional": true`, parts unconfirmed by the year's NACC manual, ITA-METHOD §6) and the
 * installation's operator has not confirmed it (`npm run cli -- framework confirm ID`).
 */
import type { Db } from "../../db/client.server";
import { isFrameworkConfirmed } from "../../db/queries/framework-confirmation";
import { getFramework } from "../lib/frameworks.server";

export async function isFrameworkProvisional(db: Db, frameworkId: string): Promise<boolean> {
  return getFramework(frameworkId).provisional === true && !(await isFrameworkConfirmed(db, frameworkId));
}
