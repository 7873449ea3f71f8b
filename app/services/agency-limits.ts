/**
 * The limits of the agency's settings (issue 11, item 2), shared by the services that check them and the
 * settings page that shows them (a client module may not import a .server one).
 */

/** Longest province or district name (the longest Thai one is about 30 characters). */
export const PLACE_MAX = 80;

/** One line under the survey ("สอบถามโทร 0 2123 4567 ต่อ 101 …"), short enough for a phone. */
export const CONTACT_MAX = 200;

/** The largest logo: enough for a crisp 600×600 PNG seal, small enough to print a hundred posters. */
export const LOGO_MAX_BYTES = 512 * 1024;

/** How many months after a round's end its raw answers may be kept: at least 6, at most 10 years. */
export const RETENTION_MONTHS = { min: 6, max: 120, default: 24 } as const;
