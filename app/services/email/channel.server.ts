/**
 * The e-mail side of the outbox (issue 17): the fan-out that turns an event into one message per user who
 * should hear of it, and the sender that, at sending time, looks the user up again (an address changed, an
 * account disabled, an alert no longer wanted since queueing), writes the message in the user's language
 * and sends it over SMTP. Messages carry the user's id, never the address (docs/decisions/email.md).
 */
import type { Db } from "../../../db/client.server";
import { getEmailRecipient, getNotificationSetting, getSuggestionTexts, listEmailRecipients, type EmailRecipientRow } from "../../../db/queries/notifications";
import { canHandleComplaints, canReadSuggestions } from "../../auth/roles";
import type { SmtpSettings } from "../../lib/env.server";
import { registerChannel, type ChannelSender, type DeliveryOutcome, type NewOutboxMessage } from "../outbox/outbox.server";
import { registerEventFanOut, type EventFanOut } from "../notify/events.server";
import { isEmailAlertType, renderAlert, renderDigest, renderTest, type AlertData, type EmailAlertType, type EmailPayload } from "./messages";
import { sendEmail } from "./transport.server";

/** Registers the e-mail channel's sender and fan-out with these settings (app/services/notify/channels.server.ts). */
export function registerEmailChannel(settings: SmtpSettings, publicUrl: string): void {
  registerChannel("email", createEmailSender(settings, publicUrl));
  registerEventFanOut("email", emailFanOut);
}

/** The alert types a user asked for, from the stored JSON (anything unknown in it is ignored). */
export function chosenAlerts(json: string): EmailAlertType[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter(isEmailAlertType) : [];
  } catch {
    return [];
  }
}

/** The alert types the agency's admin turned on. */
export async function agencyAlerts(db: Db, organizationId: number): Promise<EmailAlertType[]> {
  const setting = await getNotificationSetting(db, organizationId);
  return setting ? chosenAlerts(setting.alerts) : [];
}

/**
 * Whether this user may hear of this alert: a complaint only reaches those who may open it (its unit's
 * handlers and the admins; a complaint not yet given to a unit, the admins); every other alert concerns
 * what any signed-in role reads (scores, measures, rounds).
 */
export function mayReceiveAlert(user: Pick<EmailRecipientRow, "role" | "unit_id">, alert: { type: EmailAlertType; unitId?: number | null }): boolean {
  if (alert.type !== "complaint.received") return true;
  if (!canHandleComplaints(user.role)) return false;
  return user.role === "admin" || (alert.unitId != null && user.unit_id === alert.unitId);
}

export const emailFanOut: EventFanOut = async (db, event) => {
  if (!isEmailAlertType(event.type)) return [];
  const type = event.type;
  if (!(await agencyAlerts(db, event.organizationId)).includes(type)) return [];
  const alert = { ...event.data, type } as AlertData & { unitId?: number | null };
  const users = (await listEmailRecipients(db, event.organizationId)).filter((u) => chosenAlerts(u.email_alerts).includes(type) && mayReceiveAlert(u, alert));
  return users.map(
    (u): NewOutboxMessage => ({
      organizationId: event.organizationId,
      channel: "email",
      recipient: String(u.id),
      eventId: event.id,
      eventType: event.type,
      dedupeKey: event.dedupeKey,
      payload: { kind: "alert", alert } satisfies EmailPayload,
    }),
  );
};

export function createEmailSender(settings: SmtpSettings, publicUrl: string): ChannelSender {
  return async (db, message): Promise<DeliveryOutcome> => {
    const user = await getEmailRecipient(db, Number(message.recipient));
    if (!user || user.organization_id !== message.organizationId || user.status !== "active" || !user.email) {
      return { kind: "give-up", error: "the user has no active account or no e-mail address any more" };
    }
    const payload = message.payload as EmailPayload;
    const context = { lang: user.email_lang, accountLink: `${publicUrl}/admin/account` };
    let content;
    if (payload.kind === "alert") {
      if (!chosenAlerts(user.email_alerts).includes(payload.alert.type) || !mayReceiveAlert(user, payload.alert as { type: EmailAlertType; unitId?: number | null })) {
        return { kind: "give-up", error: "the user no longer receives this alert" };
      }
      content = renderAlert(payload.alert, context);
    } else if (payload.kind === "digest") {
      if (user.weekly_digest !== 1) return { kind: "give-up", error: "the user no longer receives the weekly digest" };
      // A suggestion's text only for a user who may read suggestions (issue 17, item 4); the count for everyone.
      const texts = payload.round && canReadSuggestions(user.role) ? await getSuggestionTexts(db, message.organizationId, payload.round.suggestions.latestIds) : null;
      content = renderDigest(payload, texts, context);
    } else {
      content = renderTest(payload, context);
    }
    return sendEmail(settings, user.email, content);
  };
}
