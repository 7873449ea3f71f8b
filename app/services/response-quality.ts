/**
 * Whether a response looks like noise (ARCHITECTURE.md §4; the thresholds are framework data):
 * flagged responses are kept, left out of the tallies, and an admin can put them back. Pure.
 */
import type { Framework, InstrumentCode } from "../scoring/framework";
import type { ResponseFlag } from "../../db/schema";
import { listInstrumentFields } from "./validate-answers";

export interface QualitySignals {
  /** Seconds from the first page to completion, as the respondent's browser measured it; absent if unknown. */
  durationSeconds?: number;
  /** Submissions from the same address in the framework's burst window, this one included. */
  recentFromAddress: number;
  /** "kiosk": the tablet at the counter, one device for many visitors by design. */
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
  if (signals.durationSeconds !== undefined && signals.durationSeconds < rules.minimumSecondsPerField * fields.length) {
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
