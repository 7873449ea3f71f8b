/**
 * Detection of the events that happen by the passing of time or of answers (issue 17): run by the outbox's
 * worker every few minutes (app/services/notify/channels.server.ts), in every process. Each happening has
 * a stable dedupe key, so a second detection — in the next pass or in another process — queues nothing new.
 * The figures are the round dashboard's (app/services/dashboard.server.ts): a counter's score is looked at
 * only where the dashboard shows it (k answers or more, complements hidden), and an indicator only once its
 * instrument's sample has reached the framework's minimum, so that the first few answers do not raise an
 * alarm a week of answers would take back. The pass mark is the framework's (surveys/, app/scoring).
 *
 * A complaint's event is not detected here: it is published in the transaction that stores the complaint
 * (app/services/complaints/intake.server.ts).
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../../../db/client.server";
import { listAgenciesWithOpenRounds, listOpenRoundsOn } from "../../../db/queries/notifications";
import { bangkokDate, daysBetween } from "../../text/dates";
import { getRoundDashboard } from "../dashboard.server";
import type { AlertData } from "../email/messages";
import { publishEvent, type NotifyEvent } from "./events.server";

/** A round closing within this many days raises round.closing-soon (issue 17: "a round closes in 14 days"). */
export const CLOSING_SOON_DAYS = 14;

/** Detects and publishes the events of every agency with an open round; the number of messages newly queued. */
export async function detectEvents(db: Db, now: Date, publicUrl: string): Promise<number> {
  const today = bangkokDate(now);
  let queued = 0;
  for (const organizationId of await listAgenciesWithOpenRounds(db, today)) {
    for (const event of await detectAgencyEvents(db, organizationId, now, publicUrl)) queued += await publishEvent(db, event);
  }
  return queued;
}

/** The events of one agency's open rounds at `now` (published or not). */
export async function detectAgencyEvents(db: Db, organizationId: number, now: Date, publicUrl: string): Promise<NotifyEvent[]> {
  const today = bangkokDate(now);
  const events: NotifyEvent[] = [];
  const event = (dedupeKey: string, data: AlertData): NotifyEvent => ({
    id: randomUUID(),
    type: data.type,
    organizationId,
    occurredAt: now.toISOString(),
    dedupeKey,
    data: data as unknown as Record<string, unknown>,
  });
  for (const open of await listOpenRoundsOn(db, organizationId, today)) {
    const dashboard = await getRoundDashboard(db, open.id, today);
    if (!dashboard) continue;
    const roundId = dashboard.round.id;
    const roundTitle = { th: dashboard.round.titleTh, en: dashboard.round.titleEn };
    const roundLink = `${publicUrl}/admin/rounds/${roundId}`;
    const sampleReached = { iit: dashboard.samples.iit.minimum > 0 && dashboard.samples.iit.remaining === 0, eit: dashboard.samples.eit.minimum > 0 && dashboard.samples.eit.remaining === 0 };

    for (const indicator of dashboard.indicators) {
      if (indicator.instrument !== "iit" && indicator.instrument !== "eit") continue;
      if (!sampleReached[indicator.instrument] || indicator.score === null || indicator.pass !== false) continue;
      events.push(
        event(`indicator.below-pass-mark:${roundId}:${indicator.code}`, {
          type: "indicator.below-pass-mark",
          roundId,
          roundTitle,
          indicator: indicator.code,
          indicatorTitle: indicator.title,
          score: indicator.score,
          passMark: dashboard.passMark,
          link: roundLink,
        }),
      );
    }
    for (const counter of dashboard.counters) {
      if (counter.status !== "shown" || !counter.eit || counter.eit.score === null || counter.eit.pass !== false) continue;
      events.push(
        event(`counter.below-pass-mark:${roundId}:${counter.counterId}`, {
          type: "counter.below-pass-mark",
          roundId,
          roundTitle,
          counterId: counter.counterId,
          counterName: counter.name,
          score: counter.eit.score,
          passMark: dashboard.passMark,
          link: roundLink,
        }),
      );
    }
    for (const measure of dashboard.overdueMeasures) {
      events.push(
        event(`measure.overdue:${measure.id}:${measure.dueOn}`, {
          type: "measure.overdue",
          roundId,
          measureId: measure.id,
          measureTitle: measure.title,
          dueOn: measure.dueOn,
          link: `${publicUrl}/admin/rounds/${roundId}/measures`,
        }),
      );
    }
    for (const instrument of ["iit", "eit"] as const) {
      if (!sampleReached[instrument]) continue;
      const sample = dashboard.samples[instrument];
      events.push(
        event(`round.minimum-sample-reached:${roundId}:${instrument}`, {
          type: "round.minimum-sample-reached",
          roundId,
          roundTitle,
          instrument,
          answers: sample.answers,
          minimum: sample.minimum,
          link: roundLink,
        }),
      );
    }
    const daysLeft = daysBetween(today, open.ends_on);
    if (daysLeft >= 0 && daysLeft <= CLOSING_SOON_DAYS) {
      events.push(event(`round.closing-soon:${roundId}:${open.ends_on}`, { type: "round.closing-soon", roundId, roundTitle, endsOn: open.ends_on, daysLeft, link: roundLink }));
    }
  }
  return events;
}
