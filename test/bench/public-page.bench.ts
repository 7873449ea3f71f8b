/**
 * Page views per second of the agency's public page (issue 17) from its cache — a published round's page,
 * GET /agency/:slug/rounds/:roundId, with the measured report of a closed round, its measures and the
 * counter satisfaction — against a static file with the same HTML; and React Router rendering it on every
 * view against the cache (cached-page.ts). Each cached view still reads the publication's version (one
 * indexed row): docs/decisions/public-page.md.
 */
import { createRoundFixture } from "../support/fixtures";
import { publishRoundForTest } from "../support/publication";
import { createTestDb } from "../support/test-db";
import { benchCachedPage } from "./cached-page";
import { startBuiltServer, type BenchServer } from "./support";

export async function run(): Promise<void> {
  const t = await createTestDb();
  let app: BenchServer | undefined;
  try {
    const round = await createRoundFixture(t.db, "bench-public");
    await t.db.updateTable("round").set({ status: "closed" }).where("id", "=", round.roundId).execute();
    await publishRoundForTest(t.db, round.organizationId, round.roundId, { report: "measured", measures: true, counters: true });
    app = await startBuiltServer({ databasePath: t.path });
    await benchCachedPage({
      app,
      path: `/agency/bench-public/rounds/${round.roundId}`,
      mustContain: "report-result",
      label: "Prongsai, GET /agency/:slug/rounds/:roundId",
      cacheName: "public page cache",
      viewsName: "public page views (cache)",
    });
  } finally {
    await app?.stop();
    await t.close();
  }
}
