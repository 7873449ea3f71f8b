/**
 * The results by question (issue 15, item 5) on a round of 20,000 real responses against one of 1,000:
 * the service (getQuestionResults: one tally query per round, the scoring, the wording) for the whole
 * round, one month and a quarter; and the whole detailed results page over HTTP from the built server
 * (build/ of this checkout: npm run build first), its HTML and its page data. For comparison, what counting
 * the raw responses alone costs (reading and parsing every answer set of the round, per counter, month,
 * field and value), which the page would pay on every load without tallies. Both rounds live in one SQLite database; every response goes
 * in through storeResponse (the response row and its tallies), spread over six counters and twelve months.
 */
import { gzipSync } from "node:zlib";
import { getRoundWithOrganization } from "../../db/queries/rounds";
import { insertLink, listRoundLinks } from "../../db/queries/links";
import { insertCounter, insertUnit } from "../../db/queries/organizations";
import { listAllTallies } from "../../db/queries/tallies";
import { getQuestionResults } from "../../app/services/question-results.server";
import { storeResponse } from "../../app/services/submit-response.server";
import { listMonths } from "../../app/text/months";
import { createTestUser, signInOverHttp } from "../support/accounts";
import { createRoundFixture, newSubmissionId } from "../support/fixtures";
import { randomAnswers, seededRandom } from "../support/question-data";
import { startServer } from "../support/server";
import { createTestDb } from "../support/test-db";
import { medianMs, printTable } from "./support";

const COUNTERS = 6;
const MONTHS = listMonths("2025-10-01", "2026-09-30");

type Db = Awaited<ReturnType<typeof createTestDb>>["db"];

async function createRound(db: Db, slug: string, responses: number) {
  const fixture = await createRoundFixture(db, slug);
  const random = seededRandom(responses);
  await db.transaction().execute(async (trx) => {
    const links: number[] = [];
    for (let c = 0; c < COUNTERS; c++) {
      const unitId = await insertUnit(trx, { organization_id: fixture.organizationId, name_th: `กอง ${c}`, name_en: `Unit ${c}`, created_at: "2026-01-01" });
      const counterId = await insertCounter(trx, { organization_id: fixture.organizationId, unit_id: unitId, name_th: `จุดบริการ ${c + 1}`, name_en: `Counter ${c + 1}`, created_at: "2026-01-01" });
      links.push(await insertLink(trx, { round_id: fixture.roundId, instrument: "eit", counter_id: counterId, token: `qbench${slug}${c}xxxxxxxxxx`.slice(0, 30), created_at: "2026-01-01" }));
    }
    const iit = (await listRoundLinks(trx, fixture.roundId)).find((l) => l.instrument === "iit")!.linkId;
    // A tenth of the answers from staff, the rest from visitors at the six counters, spread over every month.
    for (let n = 0; n < responses; n++) {
      const staff = random() < 0.1;
      const month = MONTHS[Math.floor(n / COUNTERS) % MONTHS.length]!;
      await storeResponse(trx, {
        submissionId: newSubmissionId(),
        roundId: fixture.roundId,
        linkId: staff ? iit : links[n % COUNTERS]!,
        instrument: staff ? "iit" : "eit",
        frameworkId: "ita-2565",
        answeredOn: `${month}-${String(1 + (n % 28)).padStart(2, "0")}`,
        answers: randomAnswers("ita-2565", staff ? "iit" : "eit", random, 0.6 + (n % COUNTERS) * 0.06),
      });
    }
  });
  return fixture;
}

export async function run(): Promise<void> {
  const t = await createTestDb();
  try {
    const started = Date.now();
    const small = await createRound(t.db, "qsmall", 1_000);
    const large = await createRound(t.db, "qlarge", 20_000);
    console.log(`stored 21,000 responses in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const tallyRows = new Map<number, number>();
    for (const row of await listAllTallies(t.db)) tallyRows.set(row.round_id, (tallyRows.get(row.round_id) ?? 0) + 1);

    const rows: Record<string, string | number>[] = [];
    for (const [name, fixture] of [
      ["1,000 responses", small],
      ["20,000 responses", large],
    ] as const) {
      const round = (await getRoundWithOrganization(t.db, fixture.roundId))!;
      const view = (search: string) => getQuestionResults(t.db, round, new URLSearchParams(search), "th");
      for (const [label, search] of [
        ["whole round", ""],
        ["one month", "from=2026-01&to=2026-01"],
        ["a quarter", "from=2026-01&to=2026-03"],
      ] as const) {
        await medianMs(5, () => view(search)); // warm-up
        const ms = await medianMs(30, () => view(search));
        rows.push({ round: name, view: label, tallyRows: tallyRows.get(fixture.roundId) ?? 0, medianMs: ms.toFixed(2) });
      }
      // Without tallies: read the round's answer sets and count them per counter, month, field and value — what
      // the page would do on every load (and only a part of it: no scoring, no wording).
      const recountMs = await medianMs(5, async () => {
        const counts = new Map<string, number>();
        for (const r of await t.db.selectFrom("response").where("round_id", "=", fixture.roundId).select(["link_id", "month", "answers"]).execute()) {
          for (const [field, value] of Object.entries(JSON.parse(r.answers) as Record<string, number>)) {
            const key = `${r.link_id}|${r.month}|${field}|${value}`;
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
        }
        return counts.size;
      });
      rows.push({ round: name, view: "recount from responses (no tallies)", tallyRows: "-", medianMs: recountMs.toFixed(2) });
    }
    printTable(rows);

    // The whole page over HTTP from the built server: HTML and page data, whole round and one month.
    await createTestUser(t.db, large.organizationId, "bench-viewer", "viewer");
    await t.db.destroy();
    const server = await startServer({ databasePath: t.path });
    try {
      const { cookie } = await signInOverHttp(server.url, "bench-viewer");
      const http: Record<string, string | number>[] = [];
      for (const path of ["/results", "/results?from=2026-01&to=2026-01", "/results.data", "/results.data?from=2026-01&to=2026-01"]) {
        const url = `${server.url}/admin/rounds/${large.roundId}${path}`;
        let body = new Uint8Array();
        const fetchOnce = async () => {
          const response = await fetch(url, { headers: { cookie, "accept-encoding": "identity" } });
          body = new Uint8Array(await response.arrayBuffer());
          if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
        };
        await medianMs(5, fetchOnce);
        const ms = await medianMs(30, fetchOnce);
        // What travels: the server compresses (gzip or Brotli); gzip at its default level is near enough.
        http.push({ page: `20,000 responses ${path}`, kilobytes: (body.byteLength / 1024).toFixed(0), gzipKilobytes: (gzipSync(body).byteLength / 1024).toFixed(0), medianMs: ms.toFixed(1) });
      }
      printTable(http);
    } finally {
      await server.stop();
    }
  } finally {
    await t.close().catch(() => undefined);
  }
}
