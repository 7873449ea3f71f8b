/**
 * The order in which the server's one Chromium prints PDFs (app/services/pdf.server.ts; why:
 * docs/decisions/report-pdf-by-chromium.md). One render at a time per process, as before; what changed
 * (issue 14) is who waits:
 *
 * - One PDF per user at a time: a user's second request while their first is waiting or printing is
 *   refused at once ("yours": the route says politely that their PDF is being made), not queued behind
 *   it, so nobody can fill the queue alone or keep the renderer for themselves by clicking again.
 * - Agencies take turns: each agency has its own queue, and the next render is the oldest request of
 *   the agency next in the rotation (round-robin), not of the whole process; the agency just served goes
 *   to the back. An agency with three requests waiting and one that just asked alternate.
 * - At most `maxWaiting` requests wait in all (the old queue of six), and at most `maxWaitingPerAgency`
 *   of them from one agency, so that a busy agency leaves room for others to queue ("busy" otherwise).
 * - A request whose client has gone (its signal aborted) leaves the queue and frees its user's turn.
 *
 * No I/O here: the render is a function given to `submit`, which the tests replace with a fake.
 */

export interface PdfOwner {
  userId: number;
  organizationId: number;
}

export type PdfQueueRefusal = "busy" | "yours";

export class PdfQueueRefused extends Error {
  constructor(readonly reason: PdfQueueRefusal) {
    super(reason === "yours" ? "this user's PDF is still being made" : "too many PDF renders are waiting");
    this.name = "PdfQueueRefused";
  }
}

interface Waiting {
  owner: PdfOwner;
  start: () => void;
  /** Takes the request out of the queue without running it (its client has gone). */
  cancel: () => void;
}

export interface PdfQueueOptions {
  /** Requests that may wait behind the running render, in all. */
  maxWaiting: number;
  /** Of those, how many may come from one agency. */
  maxWaitingPerAgency: number;
  /** Called whenever the last render ends and nothing waits (pdf.server.ts then closes Chromium later). */
  onIdle?: () => void;
}

export interface PdfQueue {
  /**
   * Runs `render` in the owner's agency's turn. Rejects at once with PdfQueueRefused ("yours" when the
   * user already has a PDF waiting or printing, "busy" when the queue is full), or with the signal's
   * reason when the client goes away while waiting.
   */
  submit<T>(owner: PdfOwner, render: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Whose render is running, and how many wait. */
  state(): { running: PdfOwner | null; waiting: number };
}

export function createPdfQueue(options: PdfQueueOptions): PdfQueue {
  /** Each agency's waiting requests, oldest first. */
  const queues = new Map<number, Waiting[]>();
  /**
   * The agencies whose turn comes, next first: those with requests waiting, except the agency printing
   * now, which goes to the back when its render ends. So an agency that asks while another prints comes
   * before that agency's next request, whichever was asked first.
   */
  const rotation: number[] = [];
  /** Users with a request waiting or running. */
  const users = new Set<number>();
  let running: PdfOwner | null = null;
  let waitingCount = 0;

  const startNext = () => {
    if (running) return;
    const organizationId = rotation.shift();
    if (organizationId === undefined) {
      options.onIdle?.();
      return;
    }
    const waiting = queues.get(organizationId)!;
    const job = waiting.shift()!;
    if (waiting.length === 0) queues.delete(organizationId);
    waitingCount -= 1;
    running = job.owner;
    job.start();
  };

  const finished = (owner: PdfOwner) => {
    users.delete(owner.userId);
    running = null;
    if (queues.has(owner.organizationId)) rotation.push(owner.organizationId);
    startNext();
  };

  return {
    submit<T>(owner: PdfOwner, render: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (users.has(owner.userId)) return Promise.reject(new PdfQueueRefused("yours"));
      const agencyWaiting = queues.get(owner.organizationId)?.length ?? 0;
      if (running && (waitingCount >= options.maxWaiting || agencyWaiting >= options.maxWaitingPerAgency)) {
        return Promise.reject(new PdfQueueRefused("busy"));
      }
      users.add(owner.userId);
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => job.cancel();
        const job: Waiting = {
          owner,
          start: () => {
            signal?.removeEventListener("abort", onAbort);
            // A render that throws before its promise counts as a failed one, and the next starts.
            Promise.resolve()
              .then(render)
              .then(resolve, reject)
              .finally(() => finished(owner));
          },
          cancel: () => {
            const waiting = queues.get(owner.organizationId);
            const at = waiting?.indexOf(job) ?? -1;
            if (at === -1) return;
            waiting!.splice(at, 1);
            if (waiting!.length === 0) {
              queues.delete(owner.organizationId);
              const turn = rotation.indexOf(owner.organizationId);
              if (turn !== -1) rotation.splice(turn, 1);
            }
            waitingCount -= 1;
            users.delete(owner.userId);
            reject(signal?.reason);
          },
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        const waiting = queues.get(owner.organizationId);
        if (waiting) waiting.push(job);
        else {
          queues.set(owner.organizationId, [job]);
          if (running?.organizationId !== owner.organizationId) rotation.push(owner.organizationId);
        }
        waitingCount += 1;
        startNext();
      });
    },
    state() {
      return { running, waiting: waitingCount };
    },
  };
}
