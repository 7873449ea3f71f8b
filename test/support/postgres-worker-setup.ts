/**
 * setupFiles of the projects that use PostgreSQL: hands the cluster and template that globalSetup
 * provided (postgres-global-setup.ts) to test/support/test-db.ts through the environment, so that
 * test-db.ts itself does not depend on Vitest (the benchmarks use it under plain tsx).
 */
import { inject } from "vitest";

const provided = inject("prongsaiPostgres");
if (provided) {
  process.env.PRONGSAI_TEST_POSTGRES_URL = provided.url;
  process.env.PRONGSAI_TEST_POSTGRES_TEMPLATE = provided.template;
}
