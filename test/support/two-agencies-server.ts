/**
 * The setup shared by the HTTP suites that check who may change what: two agencies (A and B), each
 * with a round (createRoundFixture), a manager and a viewer of agency A and a manager of agency B,
 * the BUILT server on that database, and each of the three signed in through the real form.
 */
import { createTestUser, type SignedIn, signInOverHttp } from "./accounts";
import { createRoundFixture, type RoundFixture } from "./fixtures";
import { type RunningServer, startServer } from "./server";
import { createTestDb, type TestDb } from "./test-db";

export interface TwoAgenciesServer {
  t: TestDb;
  server: RunningServer;
  agencyA: RoundFixture;
  agencyB: RoundFixture;
  /** "manager-a": may change agency A's rounds. */
  managerA: SignedIn;
  /** "viewer-a": reads agency A's rounds, may change nothing. */
  viewerA: SignedIn;
  /** "manager-b": a manager, but of the other agency (its requests for A's records must be 404s). */
  managerB: SignedIn;
}

/**
 * Creates the test database with agencies "agency-a" and "agency-b", the three accounts, starts the
 * server and signs them in. End it with `server.stop()` then `t.close()`.
 */
export async function startTwoAgenciesServer(): Promise<TwoAgenciesServer> {
  const t = await createTestDb();
  const agencyA = await createRoundFixture(t.db, "agency-a");
  const agencyB = await createRoundFixture(t.db, "agency-b");
  await createTestUser(t.db, agencyA.organizationId, "manager-a", "manager");
  await createTestUser(t.db, agencyA.organizationId, "viewer-a", "viewer");
  await createTestUser(t.db, agencyB.organizationId, "manager-b", "manager");
  const server = await startServer({ databasePath: t.path });
  try {
    const managerA = await signInOverHttp(server.url, "manager-a");
    const viewerA = await signInOverHttp(server.url, "viewer-a");
    const managerB = await signInOverHttp(server.url, "manager-b");
    return { t, server, agencyA, agencyB, managerA, viewerA, managerB };
  } catch (error) {
    await server.stop();
    await t.close();
    throw error;
  }
}
