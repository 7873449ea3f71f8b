/**
 * The Thai and English name fields of the admin and operator forms (agencies, units, counters): one rule
 * for all of them, so that a name the counters page accepts is one the operator's page accepts too. The
 * errors are message keys; each form maps them to its own Thai and English words.
 */
import { z } from "zod";

/** Long enough for the longest official agency names (เทศบาลตำบล… with province), short enough for a poster. */
export const NAME_MAX = 120;

/** No control characters (a pasted tab or NUL would break the poster and the CSV). */
const NO_CONTROL = /^[^\p{Cc}]*$/u;

/** Required Thai name: errors "nameThRequired", "nameThTooLong", "nameControl". */
export const thaiNameField = z
  .string({ error: "nameThRequired" })
  .trim()
  .min(1, { error: "nameThRequired" })
  .max(NAME_MAX, { error: "nameThTooLong" })
  .regex(NO_CONTROL, { error: "nameControl" });

/** Optional English name, "" when absent: errors "nameEnTooLong", "nameControl". */
export const englishNameField = z
  .string()
  .trim()
  .max(NAME_MAX, { error: "nameEnTooLong" })
  .regex(NO_CONTROL, { error: "nameControl" })
  .optional()
  .transform((value) => value ?? "");
