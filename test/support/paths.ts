/** Where the browser tests read the survey definitions from and leave what a person should look at. */
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project folder (this file is test/support/paths.ts). */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Screenshots for a person to look at (Thai shaping, tone marks, layout). */
export const SCREENSHOTS = join(ROOT, "test-results", "screenshots");
