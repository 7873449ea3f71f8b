/**
 * The one place where the outbox's channels and the events' fan-outs are registered (issue 17), imported by
 * the server's start (app/server/http-server.server.ts). Each channel adds its lines here: its sender
 * (registerChannel) and its fan-out (registerEventFanOut); and the periodic tasks that produce events.
 */
import { getEnv } from "../../lib/env.server";
import { registerEmailChannel } from "../email/channel.server";
import { queueWeeklyDigests } from "../email/digest.server";
import { type PeriodicTask, registerChannel } from "../outbox/outbox.server";
import { webhookFanOut, webhookSender } from "../webhooks/delivery.server";
import { detectEvents } from "./detect.server";
import { registerEventFanOut } from "./events.server";

/** How often the worker looks for events that happen by time or by answers, and whether a digest is due. */
const DETECT_EVERY_MS = 10 * 60 * 1000;
const DIGEST_EVERY_MS = 15 * 60 * 1000;

let tasks: PeriodicTask[] | undefined;

/** Registers every channel's sender and fan-out (once per process); the periodic tasks that produce events. */
export function registerNotifyChannels(): PeriodicTask[] {
  if (tasks) return tasks;
  const env = getEnv();
  tasks = [{ name: "detect events", everyMs: DETECT_EVERY_MS, run: async (db, now) => void (await detectEvents(db, now, env.PUBLIC_URL)) }];
  // E-mail: only with SMTP settings (without them, e-mail is off and the admin pages say so).
  if (env.SMTP) {
    registerEmailChannel(env.SMTP, env.PUBLIC_URL);
    tasks.push({ name: "weekly digest", everyMs: DIGEST_EVERY_MS, run: async (db, now) => void (await queueWeeklyDigests(db, now, env.PUBLIC_URL)) });
  }
  // Webhooks (app/services/webhooks/): every active webhook subscribed to the event's type; the signed POST.
  registerEventFanOut("webhooks", webhookFanOut);
  registerChannel("webhook", webhookSender());
  return tasks;
}
