/**
 * Timings of the kiosk (/k/:token, a tablet on a service counter). These are not ITA constants (the
 * NACC's framework says nothing about kiosks), so they live in code, not in surveys/. Seconds unless
 * the name says Ms. The browser test shortens none of them: it moves Playwright's fake clock instead.
 */

/**
 * How long the thank-you screen shows before the kiosk goes back to the first page by itself: long
 * enough to read one line of thanks and step away, short enough that the next visitor in the queue
 * does not wait. "เริ่มใหม่ทันที" skips it (but not the minimum interval below).
 */
export const KIOSK_THANKS_SECONDS = 8;

/**
 * The shortest time from one completed survey to the start of the next one. The kiosk enforces it by
 * not leaving the thank-you screen earlier ("กรุณารอสักครู่" with the seconds left), so every
 * completion it sends is at least this far from the previous one, and a completed survey is never
 * refused. Why: one person tapping through the survey again and again at the counter would otherwise
 * fill the EIT sample; with a real EIT taking a minute or more, an honest visitor never meets it.
 * The thank-you screen therefore lasts max(KIOSK_THANKS_SECONDS, KIOSK_MIN_INTERVAL_SECONDS).
 */
export const KIOSK_MIN_INTERVAL_SECONDS = 20;

/**
 * Without a touch for this long, a half-answered survey is discarded and the kiosk starts again, so
 * the next visitor never finds (or finishes) somebody else's answers. 90 s is longer than anyone
 * reads one EIT question, even slowly, and short enough that a visitor who walked away mid-survey is
 * gone before the next one arrives at the counter.
 */
export const KIOSK_IDLE_SECONDS = 90;

/**
 * The last part of KIOSK_IDLE_SECONDS shows "ยังตอบอยู่ไหม?" with a countdown; any touch keeps the
 * answers. Ten seconds is enough to notice a full-screen message and tap it.
 */
export const KIOSK_IDLE_WARNING_SECONDS = 10;

/**
 * The first retry of a queued answer after a network error, a 5xx or a 404 (a paused link); each
 * further failure doubles it, up to KIOSK_RETRY_MAX_MS, with jitter so that many kiosks behind one
 * recovering connection do not all send at the same second.
 */
export const KIOSK_RETRY_FIRST_MS = 2_000;

/** The slowest retry: two minutes keeps a long outage cheap and still empties the queue soon after. */
export const KIOSK_RETRY_MAX_MS = 120_000;

/**
 * How often the kiosk looks whether queued answers are due for sending, besides the browser's
 * `online` event (which some networks never fire: a Wi-Fi that is up while the server is not).
 */
export const KIOSK_QUEUE_CHECK_MS = 15_000;

/** The longest name an admin may give an enrolled kiosk tablet (app/services/kiosk/devices.server.ts). */
export const KIOSK_LABEL_MAX = 60;
