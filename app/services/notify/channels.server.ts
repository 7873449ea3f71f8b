/**
 * The one place where the outbox's channels and the events' fan-outs are registered (issue 17), imported by
 * the server's start (app/server/http-server.server.ts) and by the tests that send. Each channel adds its
 * lines here: its sender (registerChannel) and its fan-out (registerEventFanOut).
 */
import { type PeriodicTask, registerChannel } from "../outbox/outbox.server";
import { webhookFanOut, webhookSender } from "../webhooks/delivery.server";
import { registerEventFanOut } from "./events.server";

let registered = false;

/** Registers every channel's sender and fan-out (once per process); the periodic tasks that produce events. */
export function registerNotifyChannels(): PeriodicTask[] {
  const tasks: PeriodicTask[] = [];
  if (registered) return tasks;
  registered = true;
  // Webhooks (app/services/webhooks/): every active webhook subscribed to the event's type; the signed POST.
  registerEventFanOut("webhooks", webhookFanOut);
  registerChannel("webhook", webhookSender());
  return tasks;
}
