import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { findPostgresBinaries } from "./test/support/postgres-cluster";

/**
 * Whether this run has a PostgreSQL: the cluster of PRONGSAI_TEST_POSTGRES_URL, or Debian's binaries
 * to start a throwaway one (test/support/postgres-global-setup.ts). Under CI=true there must be one:
 * the run fails here rather than skip the PostgreSQL half of the suite.
 */
function hasPostgres(): boolean {
  if (process.env.PRONGSAI_TEST_POSTGRES_URL) return true;
  const found = findPostgresBinaries();
  if (found.ok) return true;
  if (process.env.CI === "true") {
    throw new Error(`CI=true, but PostgreSQL is not available for the tests: ${found.reason}. .ci/run installs Debian's postgresql; or set PRONGSAI_TEST_POSTGRES_URL.`);
  }
  // Vitest loads this file once per project: say it once.
  const said = Symbol.for("prongsai.test.postgres.unavailable");
  if ((globalThis as Record<symbol, unknown>)[said]) return false;
  (globalThis as Record<symbol, unknown>)[said] = true;
  console.log(`PostgreSQL: not available (${found.reason}) — integration tests run on SQLite only; PostgreSQL tests are skipped. Install Debian's postgresql to run them.`);
  return false;
}

const postgres = hasPostgres();
const postgresSetup: { globalSetup?: string[]; setupFiles?: string[] } = postgres
  ? { globalSetup: ["test/support/postgres-global-setup.ts"], setupFiles: ["test/support/postgres-worker-setup.ts"] }
  : {};

/**
 * The integration tests run twice, once per database: the same files, with test/support/test-db.ts
 * handing out SQLite or PostgreSQL databases according to PRONGSAI_TEST_DATABASE. End-to-end tests
 * run on SQLite, and may ask for a PostgreSQL database of their own (createTestPostgresDatabase).
 */
const projects: TestProjectInlineConfiguration[] = [
  { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
  { extends: true, test: { name: "integration-sqlite", include: ["test/integration/**/*.test.ts"], env: { PRONGSAI_TEST_DATABASE: "sqlite" } } },
  ...(postgres
    ? [{ extends: true as const, test: { name: "integration-postgres", include: ["test/integration/**/*.test.ts"], env: { PRONGSAI_TEST_DATABASE: "postgres" }, ...postgresSetup } }]
    : []),
  { extends: true, test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], ...postgresSetup } },
];

// Vitest runs without the reactRouter() plugin (ARCHITECTURE.md §1 pitfalls).
export default defineConfig({
  test: {
    setupFiles: ["test/support/setup.ts"],
    // The IIT pool's sealing key (app/services/answer-pool/seal.server.ts): given, so that no test writes a key
    // file into the project's data/ folder; the servers the e2e tests start inherit it. test/e2e/file-modes
    // starts one without it, to see the key file made 0600 beside its database.
    env: { ANSWER_POOL_KEY: "dGVzdC1rZXktb2YtdGhlLWlpdC1wb29sLTMyLWJ5dGU" },
    // Generous: e2e tests start servers, Chromium and CLI processes, and CI runs two files at once beside
    // a 20,000-submission load test on 2 cores. Speed is measured by test/bench, never by a timeout.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
    projects,
  },
});
