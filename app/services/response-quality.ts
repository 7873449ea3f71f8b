/**
 * Whether a response looks like noise (ARCHITECTURE.md §4; the thresholds are framework data):
 * flagged responses are kept, left out of the tallies, and an admin can put them back. Pure.
 */
import type { Framework, InstrumentCode } from "../scoring/framework";
import type { ResponseFlag } from "../../db/schema";
import { listInstrumentFields } from "./validate-answers";

export interface QualitySignals {
  /**
   * Seconds from the survey's start to its arrival, as the server measured them (a signed start stamp,
   * app/services/start-stamp.server.ts; or an enrolled kiosk's own measure when it had none), or null
   * when unknown. Unknown counts as too fast: the page always asks for a stamp, so an answer set without
   * one did not come the way a person answers (docs/decisions/kiosk-enrolment.md).
   */
  durationSeconds: number | null;
  /** Submissions from the same address in the framework's burst window, this one included. */
  recentFromAddress: number;
  /**
   * "kiosk": a tablet an admin enrolled for the link's counter (app/services/kiosk/devices.server.ts), one
   * device for many visitors by design. A client's own claim to be a kiosk makes it a "phone".
   */
  channel: "phone" | "kiosk";
}

export function detectNoise(
  framework: Framework,
  instrument: InstrumentCode,
  answers: Record<string, number>,
  signals: QualitySignals,
): ResponseFlag | null {
  const rules = framework.respondentQuality;
  const fields = listInstrumentFields(framework, instrument);
  // A burst only means something for visitors' own phones: staff answer the IIT from one office
  // network (and codes guard it), and a kiosk is one device for many visitors.
  const burstApplies = instrument === "eit" && signals.channel === "phone";
  if (burstApplies && signals.recentFromAddress > rules.burstMaximumPerAddress) return "burst";
  if (signals.durationSeconds === null || signals.durationSeconds < rules.minimumSecondsPerField * fields.length) {
    return "too-fast";
  }
  if (fields.length >= rules.identicalAnswersMinimumFields) {
    const positions = new Set(
      fields.map((field) => framework.scales[field.scale]!.options.findIndex((o) => o.value === answers[field.name])),
    );
    if (positions.size === 1) return "identical";
  }
  return null;
}
