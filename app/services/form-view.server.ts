/**
 * The two values of the respondent page's HTML form that belong to one view of the page, not to the link:
 * the submission id (a post sent twice is stored once: docs/decisions/client-submission-id.md) and the
 * start stamp for it (the server's measure of how long the survey took: ./start-stamp.server.ts). A page
 * answered without JavaScript cannot make an id or ask for a stamp, so the server writes both into the
 * form. The page's HTML is cached and the same for everyone (respondent-page-cache.md): the cache renders
 * it with placeholders and puts fresh values in every copy it sends, as it does the CSP nonce
 * (app/server/respondent-page-cache.server.ts); a page rendered by React Router makes its own
 * (app/routes/public/survey.tsx). Nothing of either is stored with the answers but the id.
 */
import { randomBytes } from "node:crypto";
import { issueStartStamp } from "./start-stamp.server";

export interface FormView {
  submissionId: string;
  startStamp: string;
}

/** A fresh view: 32 random hex digits (as the browser's newSubmissionId) and their stamp for `now`. */
export function newFormView(now: Date = new Date()): FormView {
  const submissionId = randomBytes(16).toString("hex");
  return { submissionId, startStamp: issueStartStamp(submissionId, now) };
}
