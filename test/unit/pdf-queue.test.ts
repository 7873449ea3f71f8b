/**
 * The order of the server's PDF renders (app/services/pdf-queue.ts), with fake renders that finish when
 * the test says: one render at a time; a user's second request while the first waits or prints is
 * refused as theirs; agencies take turns instead of first come, first served; the queue's limits in all
 * and per agency; a client that goes away leaves the queue.
 */
import { describe, expect, it } from "vitest";
import { createPdfQueue, type PdfOwner, PdfQueueRefused } from "../../app/services/pdf-queue";

/** A fake render per request: records when it starts, and ends when the test calls `finish`. */
function fakeRenders() {
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const render = (name: string) => () =>
    new Promise<string>((resolve) => {
      started.push(name);
      finishers.set(name, () => resolve(name));
    });
  /** Ends the running render and lets the queue start the next. */
  const finish = async (name: string) => {
    const end = finishers.get(name);
    if (!end) throw new Error(`${name} is not running (started: ${started.join(", ")})`);
    end();
    // The queue starts the next render in the settled render's callbacks: let them run.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { started, render, finish };
}

const A = 1;
const B = 2;
const C = 3;
const user = (userId: number, organizationId: number): PdfOwner => ({ userId, organizationId });
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof PdfQueueRefused)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error.reason;
}

describe("the PDF queue", () => {
  it("runs one render at a time", async () => {
    const queue = createPdfQueue({ maxWaiting: 6, maxWaitingPerAgency: 6 });
    const { started, render, finish } = fakeRenders();
    const done = [queue.submit(user(1, A), render("a1")), queue.submit(user(2, B), render("b1")), queue.submit(user(3, C), render("c1"))];
    await flush();
    expect(started).toEqual(["a1"]);
    expect(queue.state()).toEqual({ running: user(1, A), waiting: 2 });
    await finish("a1");
    expect(started).toEqual(["a1", "b1"]);
    await finish("b1");
    await finish("c1");
    expect(await Promise.all(done)).toEqual(["a1", "b1", "c1"]);
    expect(queue.state()).toEqual({ running: null, waiting: 0 });
  });

  it("refuses a user's second request while the first prints or waits, and takes it once the first is done", async () => {
    const queue = createPdfQueue({ maxWaiting: 6, maxWaitingPerAgency: 6 });
    const { started, render, finish } = fakeRenders();
    const first = queue.submit(user(1, A), render("first"));
    await flush();
    // Printing: the same user is refused, at once, and nothing of theirs is queued.
    expect(await refusal(queue.submit(user(1, A), render("again")))).toBe("yours");
    // Waiting behind another agency's render: refused too.
    const waiting = queue.submit(user(7, B), render("b-waiting"));
    expect(await refusal(queue.submit(user(7, B), render("b-again")))).toBe("yours");
    // Another user of the same agency is not held back by it.
    const colleague = queue.submit(user(2, A), render("colleague"));
    expect(queue.state().waiting).toBe(2);
    await finish("first");
    await finish("b-waiting");
    await finish("colleague");
    await Promise.all([first, waiting, colleague]);
    expect(started).toEqual(["first", "b-waiting", "colleague"]);
    // Done: the user may ask again.
    const next = queue.submit(user(1, A), render("next"));
    await flush();
    await finish("next");
    expect(await next).toBe("next");
  });

  it("serves agencies in turn: an agency that asks later is not left behind another's queue", async () => {
    const queue = createPdfQueue({ maxWaiting: 6, maxWaitingPerAgency: 6 });
    const { started, render, finish } = fakeRenders();
    // Agency A's four users ask first; agency B's two ask just after; C's one after them.
    const all = [
      queue.submit(user(1, A), render("a1")),
      queue.submit(user(2, A), render("a2")),
      queue.submit(user(3, A), render("a3")),
      queue.submit(user(4, A), render("a4")),
      queue.submit(user(11, B), render("b1")),
      queue.submit(user(12, B), render("b2")),
      queue.submit(user(21, C), render("c1")),
    ];
    await flush();
    for (const name of ["a1", "b1", "c1", "a2", "b2", "a3", "a4"]) await finish(name);
    await Promise.all(all);
    // First come, first served would have been a1 a2 a3 a4 b1 b2 c1.
    expect(started).toEqual(["a1", "b1", "c1", "a2", "b2", "a3", "a4"]);
  });

  it("alternates two agencies' requests as they keep coming", async () => {
    const queue = createPdfQueue({ maxWaiting: 6, maxWaitingPerAgency: 6 });
    const { started, render, finish } = fakeRenders();
    const all = [queue.submit(user(1, A), render("a1")), queue.submit(user(2, A), render("a2")), queue.submit(user(3, A), render("a3"))];
    await flush();
    // B asks after A's two waiting requests, while A prints: B is next all the same.
    all.push(queue.submit(user(11, B), render("b1")), queue.submit(user(12, B), render("b2")));
    await finish("a1");
    await finish("b1");
    // A request of B that comes while A prints waits behind B's own, and after A's turn.
    all.push(queue.submit(user(13, B), render("b3")));
    for (const name of ["a2", "b2", "a3", "b3"]) await finish(name);
    await Promise.all(all);
    expect(started).toEqual(["a1", "b1", "a2", "b2", "a3", "b3"]);
  });

  it("refuses as busy past the queue's limit in all, and past an agency's share of it", async () => {
    const queue = createPdfQueue({ maxWaiting: 3, maxWaitingPerAgency: 2 });
    const { started, render, finish } = fakeRenders();
    const running = queue.submit(user(1, A), render("a1"));
    const waiting = [queue.submit(user(2, A), render("a2")), queue.submit(user(3, A), render("a3"))];
    // A has two waiting: its third is refused, while B still finds room.
    expect(await refusal(queue.submit(user(4, A), render("a4")))).toBe("busy");
    waiting.push(queue.submit(user(11, B), render("b1")));
    // Three waiting in all: C is refused too.
    expect(await refusal(queue.submit(user(21, C), render("c1")))).toBe("busy");
    expect(queue.state().waiting).toBe(3);
    await flush();
    for (const name of ["a1", "b1", "a2", "a3"]) await finish(name);
    await Promise.all([running, ...waiting]);
    expect(started).toEqual(["a1", "b1", "a2", "a3"]);
  });

  it("takes a request whose client has gone out of the queue, and frees its user's turn", async () => {
    const idle: number[] = [];
    const queue = createPdfQueue({ maxWaiting: 6, maxWaitingPerAgency: 6, onIdle: () => idle.push(Date.now()) });
    const { started, render, finish } = fakeRenders();
    const first = queue.submit(user(1, A), render("a1"));
    const client = new AbortController();
    const gone = queue.submit(user(11, B), render("b1"), client.signal).catch((e: unknown) => e);
    const other = queue.submit(user(21, C), render("c1"));
    client.abort();
    expect(((await gone) as Error).name).toBe("AbortError");
    expect(queue.state().waiting).toBe(1);
    // The user whose client went away may ask again at once.
    const again = queue.submit(user(11, B), render("b1-again"));
    await flush();
    for (const name of ["a1", "c1", "b1-again"]) await finish(name);
    await Promise.all([first, other, again]);
    expect(started).toEqual(["a1", "c1", "b1-again"]);
    expect(idle).toHaveLength(1);
  });

  it("goes on after a render fails, and passes its error on", async () => {
    const queue = createPdfQueue({ maxWaiting: 6, maxWaitingPerAgency: 6 });
    const failing = queue.submit(user(1, A), () => Promise.reject(new Error("Chromium crashed")));
    const thrown = queue.submit(user(2, B), () => {
      throw new Error("thrown before a promise");
    });
    const next = queue.submit(user(3, C), () => Promise.resolve("ok"));
    await expect(failing).rejects.toThrow("Chromium crashed");
    await expect(thrown).rejects.toThrow("thrown before a promise");
    expect(await next).toBe("ok");
    expect(queue.state()).toEqual({ running: null, waiting: 0 });
  });
});
