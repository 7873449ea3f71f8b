/**
 * The outbox's worker in this app process (issue 17; docs/decisions/outbox.md): a pass of
 * deliverDueMessages once at start, then every OUTBOX_POLL_SECONDS, and soon after this process queued
 * something; besides, the periodic tasks that produce messages (event detection, the weekly digest) at
 * their own pace. Several processes may each run one: the claims keep them from sending a message twice.
 * The graceful shutdown stops it and waits for the pass in flight before the database closes.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "../../db/client.server";
import { deliverDueMessages, onMessagesQueued, type PeriodicTask } from "../services/outbox/outbox.server";

export interface OutboxWorker {
  processId: string;
  /** Stops the timers and waits for the pass in flight. */
  stop: () => Promise<void>;
}

/** After a message is queued here, the pass waits this long: the queueing transaction has committed by then. */
const WAKE_DELAY_MS = 200;

export function startOutboxWorker(options: { getDb: () => Db; pollMs: number; tasks: PeriodicTask[] }): OutboxWorker {
  const processId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  const timers: NodeJS.Timeout[] = [];

  const log = (event: string, detail: Record<string, unknown>) =>
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event, ...detail })}\n`);

  // One pass at a time in this process; a wake during a pass runs one more after it.
  const deliver = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          const counts = await deliverDueMessages(options.getDb(), { now: new Date(), processId });
          if (counts.sent + counts.retried + counts.failed > 0) log("outbox: delivered", counts);
          // A full batch: more may be due.
          if (counts.sent + counts.retried + counts.failed >= 50) again = true;
        } catch (error) {
          console.error(error);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
  };

  const taskRuns = new Map<string, Promise<void>>();
  const runTask = (task: PeriodicTask) => {
    if (stopped || taskRuns.has(task.name)) return;
    const run = task
      .run(options.getDb(), new Date())
      .catch((error: unknown) => console.error(error))
      .finally(() => taskRuns.delete(task.name));
    taskRuns.set(task.name, run);
  };

  const unlisten = onMessagesQueued(() => {
    if (!stopped) setTimeout(deliver, WAKE_DELAY_MS).unref();
  });
  timers.push(setTimeout(deliver, 0), setInterval(deliver, options.pollMs));
  for (const task of options.tasks) timers.push(setTimeout(() => runTask(task), 1_000), setInterval(() => runTask(task), task.everyMs));
  for (const timer of timers) timer.unref();

  return {
    processId,
    stop: async () => {
      stopped = true;
      unlisten();
      for (const timer of timers) clearTimeout(timer);
      await Promise.allSettled([running, ...taskRuns.values()]);
    },
  };
}
