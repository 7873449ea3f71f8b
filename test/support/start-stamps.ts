/**
 * Start stamps for tests (app/services/start-stamp.server.ts). The server measures how long a survey took
 * from the stamp its page fetched when the survey began, and counts answers without one as too fast
 * (docs/decisions/kiosk-enrolment.md). A test that sends answers which a person took their time over
 * signs the stamp itself, with the key the server under test derives it from: vitest.config.ts gives the
 * tests and the servers they start the same ANSWER_POOL_KEY.
 *
 * test/e2e/kiosk-enrolment.test.ts checks the stamps the server issues itself.
 */
import type { BrowserContext, Page } from "playwright-core";
import { issueStartStamp } from "../../app/services/start-stamp.server";

/**
 * Long before any clock a test uses (the fixture rounds start in FY 2569, the shifted servers of the
 * journey test run in 2027): a stamp from then says "this survey took long", whatever the server's now.
 */
export const LONG_AGO = new Date("2020-01-01T00:00:00Z");

/** A valid stamp for `submissionId`, saying the survey started at `startedAt` (by default long ago). */
export function startStampFor(submissionId: string, startedAt: Date = LONG_AGO): string {
  return issueStartStamp(submissionId, startedAt);
}

/** The body fields of a submission a person took their time over: its id, its answers and a stamp from long ago. */
export function unhurried<T extends { submissionId: string }>(submission: T): T & { startStamp: string } {
  return { ...submission, startStamp: startStampFor(submission.submissionId) };
}

/**
 * Answers the page's stamp requests (POST /s/:token/start) with stamps from long ago: the test taps in
 * seconds what a person answers in minutes, and a page's fake clock (page.clock) does not move the
 * server's. Everything else the page sends reaches the server.
 */
export async function answerStartStampsFromLongAgo(target: Page | BrowserContext): Promise<void> {
  await target.route(/\/s\/[^/]+\/start$/, async (route) => {
    const submissionId = new URLSearchParams(route.request().postData() ?? "").get("submissionId") ?? "";
    await route.fulfill({ status: 200, contentType: "application/json", headers: { "Cache-Control": "no-store" }, json: { startStamp: startStampFor(submissionId) } });
  });
}
