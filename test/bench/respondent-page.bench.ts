/**
 * Page views per second of the respondent page GET /s/:token through the built server, from its page
 * cache (docs/decisions/respondent-page-cache.md), against a static file with the same HTML; and React
 * Router rendering it on every view against the cache (cached-page.ts). Target (issue 18): at least 0.3.
 *
 * The page a visitor's phone opens from a counter's QR code (EIT, Thai).
 */
import { createRoundFixture } from "../support/fixtures";
import { createTestDb } from "../support/test-db";
import { benchCachedPage } from "./cached-page";
import { startBuiltServer, type BenchServer } from "./support";

export async function run(): Promise<void> {
  const t = await createTestDb();
  let app: BenchServer | undefined;
  try {
    const round = await createRoundFixture(t.db, "bench-page");
    app = await startBuiltServer({ databasePath: t.path });
    await benchCachedPage({ app, path: `/s/${round.eitToken}`, mustContain: "e15", label: "Prongsai, GET /s/:token", cacheName: "page cache", viewsName: "page views", target: 0.3 });
  } finally {
    await app?.stop();
    await t.close();
  }
}
