/**
 * The published complaint statistics of a fiscal year (issue 16, item 3; ITA-METHOD §3 o31, §6 O18; the
 * reference document's measure ๓: "all complaints, finished, in progress — and report none when there
 * were none"). Pure: counts of the cases received in the year, by their status today.
 *
 * A case counts in the fiscal year of the day it was received (1 October – 30 September, named by its
 * Buddhist Era year, ITA-METHOD §5); "finished" is a case closed whatever its outcome (upheld, not upheld,
 * referred, withdrawn), "in progress" any other (received, under review, in progress), so that
 * received = finished + in progress in every row. The statistics keep counting a case whose contact
 * details retention has erased: the case stays, only the details go.
 */
import type { ComplaintOutcome, ComplaintStatus } from "../../../db/schema";
import { listMonths } from "../../text/months";
import { COMPLAINT_KINDS, COMPLAINT_OUTCOMES } from "./kinds";

export interface Counts {
  received: number;
  finished: number;
  inProgress: number;
}

export interface ComplaintStatistics extends Counts {
  fiscalYear: number;
  startsOn: string;
  endsOn: string;
  /** True when the year had no complaint: the page says so in words, as the OIT item asks. */
  none: boolean;
  byKind: ({ code: string } & Counts)[];
  byMonth: ({ month: string } & Counts)[];
  /** The finished cases by outcome. */
  byOutcome: { code: ComplaintOutcome; count: number }[];
}

function zero(): Counts {
  return { received: 0, finished: 0, inProgress: 0 };
}

function add(counts: Counts, status: ComplaintStatus): void {
  counts.received += 1;
  if (status === "closed") counts.finished += 1;
  else counts.inProgress += 1;
}

export function computeComplaintStatistics(
  rows: readonly { kind: string; status: ComplaintStatus; outcome: ComplaintOutcome | null; receivedOn: string }[],
  range: { fiscalYear: number; startsOn: string; endsOn: string },
): ComplaintStatistics {
  const total = zero();
  const byKind = new Map<string, Counts>(COMPLAINT_KINDS.map((k) => [k.code, zero()]));
  const byMonth = new Map<string, Counts>(listMonths(range.startsOn, range.endsOn).map((m) => [m, zero()]));
  const byOutcome = new Map<ComplaintOutcome, number>(COMPLAINT_OUTCOMES.map((o) => [o, 0]));
  for (const row of rows) {
    if (row.receivedOn < range.startsOn || row.receivedOn > range.endsOn) continue;
    add(total, row.status);
    if (!byKind.has(row.kind)) byKind.set(row.kind, zero());
    add(byKind.get(row.kind)!, row.status);
    add(byMonth.get(row.receivedOn.slice(0, 7))!, row.status);
    if (row.status === "closed" && row.outcome) byOutcome.set(row.outcome, (byOutcome.get(row.outcome) ?? 0) + 1);
  }
  return {
    ...range,
    ...total,
    none: total.received === 0,
    byKind: [...byKind].map(([code, counts]) => ({ code, ...counts })),
    byMonth: [...byMonth].map(([month, counts]) => ({ month, ...counts })),
    byOutcome: [...byOutcome].map(([code, count]) => ({ code, count })),
  };
}
