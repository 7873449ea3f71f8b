/**
 * `framework list` and `framework confirm` (issue 13): every framework folder of the installation with
 * whether its data calls it provisional (ITA-METHOD §6) and whether the installation's operator confirmed
 * it against the year's NACC manual (migration 0013; app/services/framework-status.server.ts decides from
 * both what the pages show).
 */
import { join } from "node:path";
import type { Db } from "../../../db/client.server";
import { confirmFramework, listFrameworkConfirmations } from "../../../db/queries/framework-confirmation";
import { readFrameworkFolder } from "../../lib/framework-files.server";
import { bangkokDate } from "../../text/dates";
import { checkFramework, FrameworkKitRefusal, listFrameworkLocations, readJsonFile } from "./folders.server";

export interface FrameworkListing {
  id: string;
  fiscalYear: number | null;
  folder: string;
  shipped: boolean;
  /** The data says `"provisional": true`. */
  provisional: boolean;
  /** The operator confirmed it (`framework confirm`): its pages no longer say provisional. */
  confirmed: boolean;
  confirmedOn: string | null;
  /** How many problems `framework check` finds (the server does not start while any has one). */
  problems: number;
}

export async function listFrameworkStatus(db: Db): Promise<FrameworkListing[]> {
  const confirmations = new Map((await listFrameworkConfirmations(db)).map((c) => [c.framework_id, c]));
  return listFrameworkLocations().map((location) => {
    const check = checkFramework(location.folder);
    let raw: { fiscalYear?: unknown; provisional?: unknown } = {};
    try {
      raw = readJsonFile(join(location.folder, "framework.json")) as typeof raw;
    } catch {
      // Counted among its problems.
    }
    const confirmation = confirmations.get(location.id);
    return {
      id: location.id,
      fiscalYear: typeof raw.fiscalYear === "number" ? raw.fiscalYear : null,
      folder: location.folder,
      shipped: location.shipped,
      provisional: raw.provisional === true,
      confirmed: confirmation !== undefined,
      confirmedOn: confirmation?.confirmed_on ?? null,
      problems: check?.problems.length ?? 0,
    };
  });
}

export interface Confirmation {
  id: string;
  confirmedOn: string;
  note: string;
  /** Whether the data calls it provisional (a confirmation of one that is not changes nothing shown). */
  provisional: boolean;
}

/**
 * Records that the operator checked framework `id` against the year's NACC manual, today (Bangkok).
 *
 * @throws FrameworkKitRefusal for an unknown framework, or one with problems (check and fix it first).
 */
export async function confirmFrameworkToday(db: Db, id: string, note: string, now: Date): Promise<Confirmation> {
  const location = listFrameworkLocations().find((l) => l.id === id);
  if (!location) throw new FrameworkKitRefusal({ th: `ไม่พบกรอบการประเมิน ${id}`, en: `no framework ${id}` });
  const { bundle, problems } = readFrameworkFolder(location.folder);
  if (!bundle) {
    throw new FrameworkKitRefusal({
      th: `${id} ยังมีปัญหา ${problems.length} ข้อ แก้ก่อนยืนยัน (npm run cli -- framework check ${id}):\n${problems.join("\n")}`,
      en: `${id} has ${problems.length} problem(s); fix them before confirming (npm run cli -- framework check ${id}):\n${problems.join("\n")}`,
    });
  }
  const confirmedOn = bangkokDate(now);
  await confirmFramework(db, id, confirmedOn, note);
  return { id, confirmedOn, note, provisional: bundle.framework.provisional === true };
}
