/** An agency's webhooks and their delivery log (migration 0025). Every admin query is scoped by organization. */
import type { Db } from "../client.server";
import type { NewWebhook, NewWebhookDelivery, WebhookUpdate } from "../schema";

export async function insertWebhook(db: Db, webhook: NewWebhook): Promise<number> {
  const row = await db.insertInto("webhook").values(webhook).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/** The agency's webhooks as the admin page lists them: never the sealed secret. */
export async function listWebhooks(db: Db, organizationId: number) {
  return db
    .selectFrom("webhook")
    .where("organization_id", "=", organizationId)
    .select(["id", "url", "events", "status", "created_at as createdAt", "secret_rotated_at as secretRotatedAt"])
    .orderBy("id")
    .execute();
}

export async function countWebhooks(db: Db, organizationId: number): Promise<number> {
  const row = await db
    .selectFrom("webhook")
    .where("organization_id", "=", organizationId)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One of the agency's webhooks, or undefined (another agency's is the same as none). */
export async function getWebhook(db: Db, organizationId: number, webhookId: number) {
  return db
    .selectFrom("webhook")
    .where("organization_id", "=", organizationId)
    .where("id", "=", webhookId)
    .select(["id", "url", "events", "status"])
    .executeTakeFirst();
}

/** What a delivery needs: the URL, the state and the sealed secret. */
export async function getWebhookForDelivery(db: Db, webhookId: number) {
  return db
    .selectFrom("webhook")
    .where("id", "=", webhookId)
    .select(["id", "organization_id as organizationId", "url", "status", "secret_sealed as secretSealed"])
    .executeTakeFirst();
}

/** The agency's active webhooks with the events they receive (few per agency: filtered by the caller). */
export async function listActiveWebhooks(db: Db, organizationId: number) {
  return db
    .selectFrom("webhook")
    .where("organization_id", "=", organizationId)
    .where("status", "=", "active")
    .select(["id", "events"])
    .orderBy("id")
    .execute();
}

export async function updateWebhook(db: Db, organizationId: number, webhookId: number, change: WebhookUpdate): Promise<number> {
  const result = await db.updateTable("webhook").set(change).where("organization_id", "=", organizationId).where("id", "=", webhookId).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteWebhook(db: Db, organizationId: number, webhookId: number): Promise<number> {
  const result = await db.deleteFrom("webhook").where("organization_id", "=", organizationId).where("id", "=", webhookId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertWebhookDelivery(db: Db, delivery: NewWebhookDelivery): Promise<void> {
  await db.insertInto("webhook_delivery").values(delivery).execute();
}

/** Drops a webhook's log entries older than `before` (ISO): the log is for a recent look, not an archive. */
export async function deleteWebhookDeliveriesBefore(db: Db, webhookId: number, before: string): Promise<void> {
  await db.deleteFrom("webhook_delivery").where("webhook_id", "=", webhookId).where("attempted_at", "<", before).execute();
}

/** The agency as a webhook's body names it: its slug and Thai name. */
export async function getOrganizationForWebhooks(db: Db, organizationId: number) {
  return db.selectFrom("organization").where("id", "=", organizationId).select(["slug", "name_th as name"]).executeTakeFirst();
}

/**
 * The agency's latest delivery attempts, newest first, with the webhook's URL and, for the message's
 * latest attempt while it waits to be tried again, when the outbox will try (outbox_message.next_attempt_at).
 */
export async function listWebhookDeliveries(db: Db, organizationId: number, limit: number) {
  return db
    .selectFrom("webhook_delivery")
    .innerJoin("webhook", "webhook.id", "webhook_delivery.webhook_id")
    .leftJoin("outbox_message", (join) =>
      join
        .onRef("outbox_message.id", "=", "webhook_delivery.message_id")
        .onRef("outbox_message.attempts", "=", "webhook_delivery.attempt")
        .on("outbox_message.status", "=", "pending")
        .on("webhook_delivery.outcome", "=", "retry"),
    )
    .where("webhook_delivery.organization_id", "=", organizationId)
    .select([
      "webhook_delivery.id as id",
      "webhook_delivery.webhook_id as webhookId",
      "webhook.url as url",
      "webhook_delivery.message_id as messageId",
      "webhook_delivery.event_id as eventId",
      "webhook_delivery.event_type as eventType",
      "webhook_delivery.attempt as attempt",
      "webhook_delivery.attempted_at as attemptedAt",
      "webhook_delivery.outcome as outcome",
      "webhook_delivery.http_status as httpStatus",
      "webhook_delivery.error as error",
      "outbox_message.next_attempt_at as nextAttemptAt",
    ])
    .orderBy("webhook_delivery.id", "desc")
    .limit(limit)
    .execute();
}
