/**
 * Survey submissions over HTTP at a fixed number of keep-alive connections (node:http with an Agent of
 * that many sockets), the way a crowd of phones sends them: every answer is recorded by submission id,
 * so that a test can compare what the server acknowledged with what the database holds.
 */
import { Agent, request } from "node:http";
import { makeAnswers } from "./fixtures";
import { startStampFor } from "./start-stamps";

export interface LoadTarget {
  token: string;
  instrument: "iit" | "eit";
  /**
   * The Cookie header sent with this target's answers: an enrolled kiosk's (test/support/kiosk.ts), so
   * that many answers from one address are no burst. Without it they are a phone's, and past the burst
   * limit flagged (stored, not tallied).
   */
  cookie?: string;
}

export interface LoadOutcome {
  /** Submission ids answered 2xx: the server said they are stored. */
  acknowledged: string[];
  /** Every id sent, in order. */
  sent: string[];
  /** Count per HTTP status; 0 counts requests that got no answer (connection refused or cut). */
  statuses: Record<number, number>;
  seconds: number;
  /** Acknowledged submissions per second. */
  perSecond: number;
}

export interface LoadOptions {
  url: string;
  targets: LoadTarget[];
  /** How many submissions to send (fewer if `stop` says so first). */
  total: number;
  connections: number;
  /** A prefix that makes this run's submission ids unique. */
  runId: string;
  /** Asked before each send: true ends the run (used to stop a load that runs beside something else). */
  stop?: () => boolean;
  /** Called after each answer (or failure), e.g. to kill the server after so many acknowledgements. */
  onAnswer?: (status: number, outcome: LoadOutcome) => void;
  /** Send these ids again instead of new ones (a retry after a crash: idempotent). */
  ids?: string[];
}

/** The id of submission n of a run: 16–64 of [A-Za-z0-9-], as the schema wants. */
export function loadSubmissionId(runId: string, n: number): string {
  return `${runId}-${String(n).padStart(7, "0")}`;
}

/**
 * The body of submission n: a complete, valid set of answers, varied by n so that no two neighbours
 * are alike and none is "identical answers" noise, with a start stamp from long ago (not "too fast").
 */
function bodyOf(id: string, n: number, target: LoadTarget): string {
  return JSON.stringify({
    submissionId: id,
    answers: makeAnswers(target.instrument, (field, options) => (field * 7 + n) % options),
    startStamp: startStampFor(id),
  });
}

function post(agent: Agent, url: URL, path: string, body: string, cookie?: string): Promise<number> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { "content-type": "application/json", "content-length": Buffer.byteLength(body) };
    if (cookie) headers.cookie = cookie;
    const req = request(
      { agent, host: url.hostname, port: url.port, path, method: "POST", headers },
      (res) => {
        res.on("data", () => undefined);
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", () => resolve(0));
      },
    );
    // A connection refused or cut (a killed server) is "no answer": the submission is not acknowledged.
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

export async function runSubmissionLoad(options: LoadOptions): Promise<LoadOutcome> {
  const url = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const outcome: LoadOutcome = { acknowledged: [], sent: [], statuses: {}, seconds: 0, perSecond: 0 };
  const total = options.ids?.length ?? options.total;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      if (options.stop?.()) return;
      const n = next++;
      if (n >= total) return;
      const id = options.ids?.[n] ?? loadSubmissionId(options.runId, n);
      const target = options.targets[n % options.targets.length]!;
      outcome.sent.push(id);
      const status = await post(agent, url, `/s/${target.token}/answers`, bodyOf(id, n, target), target.cookie);
      outcome.statuses[status] = (outcome.statuses[status] ?? 0) + 1;
      if (status >= 200 && status < 300) outcome.acknowledged.push(id);
      options.onAnswer?.(status, outcome);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  agent.destroy();
  outcome.seconds = (performance.now() - started) / 1000;
  outcome.perSecond = outcome.acknowledged.length / outcome.seconds;
  return outcome;
}

/** Statuses of 500 and above. */
export function countServerErrors(statuses: Record<number, number>): number {
  return Object.entries(statuses).reduce((sum, [status, count]) => (Number(status) >= 500 ? sum + count : sum), 0);
}

/** Which of `ids` the database does not hold (read in one query: the response table's submission ids). */
export async function findMissingSubmissions(db: import("../../db/client.server").Db, ids: string[]): Promise<string[]> {
  // Kept: stored as a response, or (IIT) waiting sealed in the pool for its group of five (issue 12).
  const stored = new Set((await db.selectFrom("response").select("submission_id").execute()).map((r) => r.submission_id));
  for (const row of await db.selectFrom("answer_pool").select("submission_id").execute()) stored.add(row.submission_id);
  return ids.filter((id) => !stored.has(id));
}
