/**
 * The setup shared by the browser suites that run on the demo agency: a fresh test database seeded
 * with app/seed/demo-agency.server.ts's demo, the suite's own accounts, the BUILT server on that database, and Chromium.
 * Also the sign-in form as a person fills it in.
 */
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import type { Db } from "../../db/client.server";
import { getOrganizationBySlug } from "../../db/queries/organizations";
import type { Role } from "../../db/schema";
import { seedDemo } from "../../app/seed/demo-agency.server";
import { createTestUser, TEST_PASSWORD } from "./accounts";
import { launchBrowser, stopBrowserSuite } from "./browser";
import { SCREENSHOTS } from "./paths";
import { type RunningServer, startServer } from "./server";
import { createTestDb } from "./test-db";

type Organization = NonNullable<Awaited<ReturnType<typeof getOrganizationBySlug>>>;

/** What a suite may add to the seeded demo before the server starts (the database is still open). */
export interface DemoSeed {
  db: Db;
  /** The demo's round with a year of answers: last fiscal year's, closed. */
  roundId: number;
  /** The demo's current round, open and empty: the one whose links take answers. */
  openRoundId: number;
  organization: Organization;
}

export interface DemoBrowserSuite {
  databasePath: string;
  roundId: number;
  openRoundId: number;
  server: RunningServer;
  browser: Browser;
}

/**
 * Seeds the demo agency into a fresh test database, creates `users` (username → role) in it, runs
 * `prepare` for the suite's own extra rows, then starts the built server and Chromium; the screenshots
 * folder exists afterwards. If any step fails, whatever had started is stopped again before the error
 * is thrown, so a suite's afterAll has nothing left to clean. End it with stopBrowserSuite.
 */
export async function startDemoBrowserSuite(options: {
  users?: Record<string, Role>;
  prepare?: (seed: DemoSeed) => Promise<void>;
} = {}): Promise<DemoBrowserSuite> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const testDb = await createTestDb();
  const databasePath = testDb.path;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  try {
    const seeded = await seedDemo(testDb.db, { now: new Date() });
    if (!seeded.roundId) throw new Error("seedDemo did not create a round");
    const roundId = seeded.roundId;
    const openRoundId = seeded.openRoundId!;
    const organization = await getOrganizationBySlug(testDb.db, "demo");
    if (!organization) throw new Error("no demo agency");
    for (const [username, role] of Object.entries(options.users ?? {})) {
      await createTestUser(testDb.db, organization.id, username, role);
    }
    await options.prepare?.({ db: testDb.db, roundId, openRoundId, organization });
    // Only the handle: testDb.close() would delete the file the server is about to use.
    await testDb.db.destroy();
    server = await startServer({ databasePath });
    browser = await launchBrowser();
    return { databasePath, roundId, openRoundId, server, browser };
  } catch (error) {
    await testDb.db.destroy().catch(() => {});
    await stopBrowserSuite({ browser, server, databasePath });
    throw error;
  }
}

/**
 * On the sign-in page a signed-out visitor was sent to: waits for it, types the test account's
 * username and password, and presses the Thai "sign in" button. The caller waits for where it lands.
 */
export async function signInThroughForm(page: Page, username: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === "/sign-in");
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "เข้าสู่ระบบ", exact: true }).click();
}
