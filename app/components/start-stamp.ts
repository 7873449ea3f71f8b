/**
 * The browser's side of the start stamp (app/services/start-stamp.server.ts): when a survey begins, its
 * page asks the server for a stamp for its submission id and sends it back with the answers, so that the
 * server, not the browser, measures how long the survey took. The respondent page is cached and the same
 * for everyone, so the stamp is fetched, never rendered into it. It holds a coarse time and a signature,
 * nothing about the person; without one, the server counts the answers as too fast
 * (docs/decisions/kiosk-enrolment.md), so a failed request is tried again a few times.
 */

const ATTEMPTS = 4;
const RETRY_MS = 2_000;

/** The stamp for `submissionId`, or null when the server could not be reached (after a few tries). */
export async function fetchStartStamp(token: string, submissionId: string, wait: (ms: number) => Promise<void> = sleep): Promise<string | null> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    // Offline (a kiosk's network down): no request, so no failed one in the console; the kiosk then
    // relies on its own measure, which the server believes from an enrolled tablet only.
    if (typeof navigator !== "undefined" && navigator.onLine === false) return null;
    try {
      const response = await fetch(`/s/${encodeURIComponent(token)}/start`, { method: "POST", body: new URLSearchParams({ submissionId }) });
      if (response.ok) {
        const body = (await response.json()) as { startStamp?: unknown };
        return typeof body.startStamp === "string" ? body.startStamp : null;
      }
      await response.body?.cancel();
      // 4xx: the link takes no answers (or the id is refused); asking again changes nothing.
      if (response.status < 500 && response.status !== 429) return null;
    } catch {
      // offline or the network dropped: try again in a moment
    }
    if (attempt < ATTEMPTS) await wait(RETRY_MS * attempt);
  }
  return null;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
