/**
 * Permanent links (issue 11, item 6): a poster stays on a counter for years, so what it prints must not
 * name a round. Each counter gets one permanent token (kind "counter") and each agency one for its staff
 * (kind "staff"); /c/:token and /staff/:token resolve them to the agency's open round at request time.
 * Existing counters and agencies get theirs here, so posters of an upgraded installation can be
 * reprinted once with the permanent URL. Frozen once merged.
 */
import { randomBytes } from "node:crypto";
import { type Kysely, PostgresAdapter, sql } from "kysely";

/**
 * 72 random bits in 12 URL-safe characters, as app/lib/tokens.server.ts makes them; written out here
 * because db/ never imports app/ (test/unit/architecture.test.ts), and a migration is frozen anyway.
 */
function token(): string {
  return randomBytes(9).toString("base64url");
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable("permanent_link")
    .addColumn("id", pg ? "serial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    // The counter of a "counter" link; null for the agency's "staff" link.
    .addColumn("counter_id", "integer", (c) => c.references("counter.id").onDelete("cascade"))
    .addColumn("token", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  // One permanent link per counter (NULLs, the staff links, are distinct in both databases) and one staff
  // link per agency: createPermanentLinks may then run twice, or in two processes, and add nothing twice.
  await db.schema.createIndex("permanent_link_counter").on("permanent_link").column("counter_id").unique().execute();
  await db.schema
    .createIndex("permanent_link_staff")
    .on("permanent_link")
    .column("organization_id")
    .unique()
    .where(sql.ref("kind"), "=", sql.lit("staff"))
    .execute();

  const createdAt = new Date().toISOString();
  const organizations = await db.selectFrom("organization").select("id").orderBy("id").execute();
  for (const organization of organizations) {
    await db
      .insertInto("permanent_link")
      .values({ organization_id: organization.id, kind: "staff", counter_id: null, token: token(), created_at: createdAt })
      .execute();
  }
  // Retired counters too: a retired counter's poster may still hang somewhere, and its permanent link
  // should answer the friendly page, not the 404 of a link that never existed.
  const counters = await db.selectFrom("counter").select(["id", "organization_id"]).orderBy("id").execute();
  for (const counter of counters) {
    await db
      .insertInto("permanent_link")
      .values({ organization_id: counter.organization_id, kind: "counter", counter_id: counter.id, token: token(), created_at: createdAt })
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("permanent_link").execute();
}
