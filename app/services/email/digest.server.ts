/**
 * The weekly digest (issue 17): on Monday from 08:00 Bangkok time, each user who asked for it gets one
 * e-mail about their agency's open round: the total and rating, the instruments, the sample, the EIT
 * indicators that moved most between the last two months shown, the unread suggestions and the overdue
 * measures. Its figures come from the round dashboard (app/services/dashboard.server.ts), so the
 * small-group thresholds hold as on the page: a month with fewer than k answers is never compared. The
 * dedupe key is the week: queued once per user per week however many passes or processes run.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../../../db/client.server";
import { getOrganizationNames, listDigestRecipients, listOpenRoundsOn, summarizeUnreadSuggestions } from "../../../db/queries/notifications";
import { bangkokDate, bangkokWeekdayAndHour } from "../../text/dates";
import { getRoundDashboard, type RoundDashboard } from "../dashboard.server";
import { enqueueMessages, type NewOutboxMessage } from "../outbox/outbox.server";
import type { DigestPayload } from "./messages";

/** Monday, 08:00 in Bangkok (UTC+7, no daylight saving): when the week's digest is queued. */
const DIGEST_WEEKDAY = 1;
const DIGEST_HOUR = 8;
/** The latest unread suggestions a digest names (their texts only for those who may read them). */
const DIGEST_SUGGESTIONS = 3;
const DIGEST_CHANGES = 3;
const DIGEST_OVERDUE = 5;

/**
 * The Monday (YYYY-MM-DD) of the digest due at `now`, or null when none is: the digest is queued on Monday
 * from 08:00 to midnight, Bangkok time. (A server down that whole day skips a week rather than send
 * Monday's digest on Thursday.)
 */
export function digestWeekDue(now: Date): string | null {
  const { weekday, hour } = bangkokWeekdayAndHour(now);
  if (weekday !== DIGEST_WEEKDAY || hour < DIGEST_HOUR) return null;
  return bangkokDate(now);
}

/** Queues the digest of the week due at `now` for every user who asked for it; the number newly queued. */
export async function queueWeeklyDigests(db: Db, now: Date, publicUrl: string): Promise<number> {
  const week = digestWeekDue(now);
  if (!week) return 0;
  const recipients = await listDigestRecipients(db);
  const byAgency = new Map<number, typeof recipients>();
  for (const r of recipients) byAgency.set(r.organization_id, [...(byAgency.get(r.organization_id) ?? []), r]);
  let queued = 0;
  for (const [organizationId, users] of byAgency) {
    const payload = await buildDigest(db, organizationId, week, now, publicUrl);
    if (!payload) continue;
    const eventId = randomUUID();
    const messages = users.map(
      (u): NewOutboxMessage => ({ organizationId, channel: "email", recipient: String(u.id), eventId, eventType: "digest.weekly", dedupeKey: `digest.weekly:${week}`, payload }),
    );
    queued += await enqueueMessages(db, messages, now);
  }
  return queued;
}

/** The digest of one agency for the week starting `week`; undefined for an agency that no longer exists. */
export async function buildDigest(db: Db, organizationId: number, week: string, now: Date, publicUrl: string): Promise<DigestPayload | undefined> {
  const names = await getOrganizationNames(db, organizationId);
  if (!names) return undefined;
  const today = bangkokDate(now);
  const [open] = await listOpenRoundsOn(db, organizationId, today);
  const dashboard = open ? await getRoundDashboard(db, open.id, today) : undefined;
  return {
    kind: "digest",
    week,
    agency: { th: names.name_th, en: names.name_en },
    round: dashboard ? await roundDigest(db, dashboard, publicUrl) : null,
    link: `${publicUrl}/admin`,
  };
}

async function roundDigest(db: Db, dashboard: RoundDashboard, publicUrl: string): Promise<NonNullable<DigestPayload["round"]>> {
  const { round, total } = dashboard;
  return {
    title: { th: round.titleTh, en: round.titleEn },
    score: total.score,
    full: total.full,
    rating: total.rating ? { label: total.rating.label, reason: total.rating.reason } : null,
    instruments: dashboard.instruments.map((i) => ({ abbreviation: i.abbreviation, score: i.score, answers: i.answers })),
    samples: [
      { instrument: "iit", answers: dashboard.samples.iit.answers, minimum: dashboard.samples.iit.minimum },
      { instrument: "eit", answers: dashboard.samples.eit.answers, minimum: dashboard.samples.eit.minimum },
    ],
    changes: biggestChanges(dashboard),
    suggestions: await summarizeUnreadSuggestions(db, round.id, DIGEST_SUGGESTIONS),
    overdue: { count: dashboard.overdueMeasures.length, items: dashboard.overdueMeasures.slice(0, DIGEST_OVERDUE).map((m) => ({ title: m.title, dueOn: m.dueOn })) },
    link: `${publicUrl}/admin/rounds/${round.id}`,
  };
}

/**
 * The EIT indicators that moved most between the last two months whose figures are shown (a month hidden
 * for its few answers, or as the complement of one, is skipped as the dashboard skips it).
 */
export function biggestChanges(dashboard: Pick<RoundDashboard, "months" | "eitIndicators">): NonNullable<DigestPayload["round"]>["changes"] {
  const shown = dashboard.months.filter((m) => m.status === "shown");
  const [before, last] = shown.slice(-2);
  if (!before || !last) return [];
  return dashboard.eitIndicators
    .flatMap((indicator) => {
      const from = before.indicators[indicator.code]?.score;
      const to = last.indicators[indicator.code]?.score;
      if (from == null || to == null || from === to) return [];
      return [{ title: indicator.title, from, to, fromMonth: before.label, toMonth: last.label }];
    })
    .sort((a, b) => Math.abs(b.to - b.from) - Math.abs(a.to - a.from))
    .slice(0, DIGEST_CHANGES);
}
