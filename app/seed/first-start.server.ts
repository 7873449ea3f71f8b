/**
 * What `npm start` does to a migrated database before serving (app/server/index.ts): with DEMO_AGENCY=on
 * (the default, so that a newcomer's first command shows the product) the demo agency in an empty
 * database, printing its admin's password once; with DEMO_AGENCY=off (a real installation) nothing, and,
 * while the database has no agency, how to create the first agency or host operator.
 */
import type { Db } from "../../db/client.server";
import { countOrganizations } from "../../db/queries/organizations";
import { printAdminPassword, printFirstAgencyHelp } from "../cli-output";
import { seedDemo } from "./demo-agency.server";

export type FirstStart = "demo-created" | "empty" | "has-agencies";

export async function prepareFirstStart(db: Db, options: { demoAgency: "on" | "off"; now: Date; log?: (line: string) => void }): Promise<FirstStart> {
  if (options.demoAgency === "off") {
    if ((await countOrganizations(db)) > 0) return "has-agencies";
    printFirstAgencyHelp();
    return "empty";
  }
  const seeded = await seedDemo(db, { now: options.now, log: options.log });
  if (!seeded.created) return "has-agencies";
  printAdminPassword(seeded.adminUsername!, seeded.adminPassword!);
  return "demo-created";
}
