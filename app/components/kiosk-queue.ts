/**
 * The kiosk's outbox: a completed survey is queued in the browser first (localStorage, per link token)
 * and sent from there, so the visitor sees the thank-you screen at once and a dropped network loses
 * nothing. Each entry is sent until the server has it; the server is idempotent on `submissionId`
 * (app/services/submit-response.server.ts), so a retry after a lost reply stores nothing twice.
 *
 * No React and no browser globals here: storage, sending, the clock and "online?" are passed in, so
 * test/unit/kiosk-queue.test.ts runs it in Node.
 */
import { KIOSK_RETRY_FIRST_MS, KIOSK_RETRY_MAX_MS } from "../lib/kiosk-settings";

/** What POST /s/:token/answers takes (app/services/submit-response.server.ts). */
export interface Submission {
  submissionId: string;
  answers: Record<string, unknown>;
  /**
   * The start stamp the server gave at the visitor's first touch (start-stamp.ts): its own measure of how
   * long the survey took. Absent when the kiosk was offline then.
   */
  startStamp?: string;
  /**
   * Seconds from the visitor's first touch to completion, by the tablet's clock: the server uses it only
   * without a start stamp, and only from a tablet enrolled for the counter (docs/decisions/kiosk-enrolment.md).
   */
  durationSeconds?: number;
  /** The IIT access code, in a round run with codes. */
  accessCode?: string;
}

export interface QueuedSubmission extends Submission {
  /** When the visitor completed the survey (ISO, device clock); kept on the device only, never sent. */
  queuedAt: string;
}

/** The part of the Web Storage API the queue uses (window.localStorage in the browser). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** What became of one attempt: stored (or already stored), refused for good, or to be tried again. */
export type SendOutcome = "sent" | "dropped" | "retry";

/**
 * The HTTP statuses of POST /s/:token/answers that say the submission itself is unacceptable (bad JSON,
 * fields or access code: 400; a used access code: 409; too large: 413; not JSON: 415): sending it again
 * can never succeed, so it is dropped. Everything else that is not a 2xx is retried: 5xx, 429 (the
 * flood limit), 408, and 404, which means the link, its round or its counter is paused or closed right
 * now; pausing is reversible (ARCHITECTURE.md §4), so the answers wait rather than vanish. 410 (the
 * round is closed or past its period) is kept too, and staff are shown why
 * (docs/decisions/late-kiosk-answers.md): an admin who reopens the round, or extends its period, lets
 * the same answers through with their own submission ids.
 */
const REFUSED_FOR_GOOD = new Set([400, 409, 413, 415, 422]);

export function outcomeOfStatus(status: number): SendOutcome {
  if (status >= 200 && status < 300) return "sent";
  if (REFUSED_FOR_GOOD.has(status)) return "dropped";
  return "retry";
}

/**
 * Milliseconds to wait after the n-th failure in a row (n ≥ 1): KIOSK_RETRY_FIRST_MS doubled per failure,
 * capped at KIOSK_RETRY_MAX_MS, then scaled by a random factor in [0.5, 1) ("equal jitter").
 */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  const capped = Math.min(KIOSK_RETRY_FIRST_MS * 2 ** exponent, KIOSK_RETRY_MAX_MS);
  return Math.round(capped * (0.5 + random() / 2));
}

/**
 * What is sent of a queued entry: queuedAt stays on the device. No "channel": the server knows an
 * enrolled kiosk by its cookie, not by what the body says (an entry queued before sends its own, ignored).
 */
export function submissionOf(entry: QueuedSubmission): Submission {
  const submission: Submission = { submissionId: entry.submissionId, answers: entry.answers };
  if (entry.startStamp !== undefined) submission.startStamp = entry.startStamp;
  if (entry.durationSeconds !== undefined) submission.durationSeconds = entry.durationSeconds;
  if (entry.accessCode !== undefined) submission.accessCode = entry.accessCode;
  return submission;
}

export function queueStorageKey(token: string): string {
  return `prongsai:kiosk-queue:${token}`;
}

function isQueuedSubmission(value: unknown): value is QueuedSubmission {
  if (!value || typeof value !== "object") return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.submissionId === "string" &&
    entry.submissionId.length > 0 &&
    typeof entry.queuedAt === "string" &&
    !!entry.answers &&
    typeof entry.answers === "object" &&
    !Array.isArray(entry.answers) &&
    (entry.durationSeconds === undefined || typeof entry.durationSeconds === "number") &&
    (entry.startStamp === undefined || typeof entry.startStamp === "string") &&
    (entry.accessCode === undefined || typeof entry.accessCode === "string")
  );
}

/** The entries stored under a key; anything unreadable counts as nothing (never throws). */
export function parseQueue(text: string | null): QueuedSubmission[] {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter(isQueuedSubmission) : [];
  } catch {
    return [];
  }
}

export interface KioskQueueOptions {
  token: string;
  /** null when the browser has no usable storage: the queue then lives in memory only. */
  storage: StorageLike | null;
  /** Posts one submission; resolves to the HTTP status, rejects on a network error. */
  send: (submission: Submission) => Promise<number>;
  /** navigator.onLine: when false, nothing is attempted (and no failed request is logged). */
  isOnline?: () => boolean;
  now?: () => number;
  random?: () => number;
  /** Called after every change of the number of waiting entries or of the retry schedule. */
  onChange?: () => void;
  /** Called when an entry is dropped, with the status only: nothing personal is ever reported. */
  onDrop?: (status: number) => void;
}

export class KioskQueue {
  private readonly key: string;
  private memory: QueuedSubmission[] | null;
  private running: Promise<void> | undefined;
  private failures = 0;
  private nextAttempt = 0;
  private closed = false;

  constructor(private readonly options: KioskQueueOptions) {
    this.key = queueStorageKey(options.token);
    this.memory = options.storage ? null : [];
  }

  /** The waiting entries, oldest first, read afresh from storage. */
  list(): QueuedSubmission[] {
    if (this.memory) return [...this.memory];
    try {
      return parseQueue(this.options.storage?.getItem(this.key) ?? null);
    } catch {
      return [];
    }
  }

  get size(): number {
    return this.list().length;
  }

  /** Epoch ms before which no retry is due (0 when nothing failed). */
  get nextAttemptAt(): number {
    return this.nextAttempt;
  }

  /**
   * True while the last attempt was refused because the round is closed (410): the waiting answers are
   * kept, and the kiosk tells staff they cannot be delivered until the round is open again.
   */
  get roundClosed(): boolean {
    return this.closed && this.size > 0;
  }

  /** True when entries wait and no backoff holds them back. */
  isDue(): boolean {
    return this.size > 0 && this.now() >= this.nextAttempt;
  }

  /** Queues a completed survey (once per submissionId); it is kept until the server has it. */
  add(submission: Submission): void {
    const entries = this.list();
    if (entries.some((e) => e.submissionId === submission.submissionId)) return;
    entries.push({ ...submission, queuedAt: new Date(this.now()).toISOString() });
    this.write(entries);
  }

  /**
   * Sends the waiting entries in order, one at a time, until the queue is empty or an attempt must be
   * retried later (then the backoff is set and the rest wait too: they would fail the same way). Calls
   * made while a flush runs share it, so no entry is ever in flight twice from this page.
   */
  flush(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Flushes now, ignoring the backoff: the browser says the network just came back. */
  flushNow(): Promise<void> {
    this.nextAttempt = 0;
    return this.flush();
  }

  private async run(): Promise<void> {
    for (;;) {
      if (this.options.isOnline && !this.options.isOnline()) return;
      const entry = this.list()[0];
      if (!entry) {
        this.failures = 0;
        this.nextAttempt = 0;
        this.options.onChange?.();
        return;
      }
      let status = 0;
      let outcome: SendOutcome;
      try {
        status = await this.options.send(submissionOf(entry));
        outcome = outcomeOfStatus(status);
      } catch {
        outcome = "retry";
      }
      // A network error (status 0) says nothing about the round: only another answer from the server does.
      if (status !== 0) this.closed = status === 410;
      if (outcome === "retry") {
        this.failures += 1;
        this.nextAttempt = this.now() + retryDelayMs(this.failures, this.options.random);
        this.options.onChange?.();
        return;
      }
      this.failures = 0;
      this.nextAttempt = 0;
      this.remove(entry.submissionId);
      if (outcome === "dropped") this.options.onDrop?.(status);
    }
  }

  private remove(submissionId: string): void {
    this.write(this.list().filter((e) => e.submissionId !== submissionId));
  }

  private write(entries: QueuedSubmission[]): void {
    if (!this.memory && this.options.storage) {
      try {
        this.options.storage.setItem(this.key, JSON.stringify(entries));
        this.options.onChange?.();
        return;
      } catch {
        // Storage full or refused (a private window): keep the answers in memory rather than lose them.
      }
    }
    this.memory = entries;
    this.options.onChange?.();
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
