/**
 * What goes wrong on a page without showing: uncaught errors, console errors (ARCHITECTURE.md §3.8),
 * requests leaving the test server (fonts and scripts are self-hosted) and responses with an error status.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";

export interface PageProblems {
  pageErrors: string[];
  consoleErrors: string[];
  foreignRequests: string[];
  failedResponses: string[];
}

/** Watches a page for errors and for any request that is not to `origin` (the test server). */
export function watchPage(page: Page, origin: string): PageProblems {
  const problems: PageProblems = { pageErrors: [], consoleErrors: [], foreignRequests: [], failedResponses: [] };
  page.on("pageerror", (error) => problems.pageErrors.push(String(error.stack ?? error)));
  page.on("console", (message) => {
    if (message.type() === "error") problems.consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("request", (request) => {
    const url = request.url();
    if (url.startsWith("data:") || url.startsWith("blob:")) return;
    if (new URL(url).origin !== origin) problems.foreignRequests.push(url);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.failedResponses.push(`${response.status()} ${response.url()}`);
  });
  return problems;
}

/** No uncaught error and no console error on the page. */
export function expectNoPageErrors(problems: PageProblems): void {
  expect(problems.pageErrors, "page errors").toEqual([]);
  expect(problems.consoleErrors, "console errors").toEqual([]);
}

/** No error, no request that left the test server, no response with an error status. */
export function expectNoProblems(problems: PageProblems): void {
  expectNoPageErrors(problems);
  expect(problems.foreignRequests, "requests that left the test server").toEqual([]);
  expect(problems.failedResponses, "responses with an error status").toEqual([]);
}
