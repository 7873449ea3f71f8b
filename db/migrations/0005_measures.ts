/**
 * The measures plan (issue 5, part 2): the agency's มาตรการ for a round, with the columns of the
 * handwritten plan municipalities publish (มาตรการ/แนวทาง, วิธีการดำเนินการ, ผู้รับผิดชอบ,
 * ระยะเวลาดำเนินการ, การติดตามผล), the indicators or items each answers, dated progress notes, and the
 * proposals a manager dismissed. Portable between SQLite and PostgreSQL (text dates, no JSON types).
 * Frozen once merged.
 */
import { type Kysely, PostgresAdapter } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (table: string) =>
    db.schema.createTable(table).addColumn("id", pg ? "serial" : "integer", (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()));

  await id("measure")
    .addColumn("organization_id", "integer", (c) => c.notNull().references("organization.id").onDelete("cascade"))
    .addColumn("round_id", "integer", (c) => c.notNull().references("round.id").onDelete("cascade"))
    // The number the agency gives the measure in its plan (๑, ๒, …): kept, not derived from ids.
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    // Free text as the plan writes it ("ตลอดปี ๖๕", "ม.ค.-มี.ค.๖๕"); the due date is what overdue reads.
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("due_on", "text")
    .addColumn("follow_up", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("planned"))
    .addColumn("created_by", "integer", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("measure_round").on("measure").columns(["round_id", "position"]).execute();
  await db.schema.createIndex("measure_organization").on("measure").column("organization_id").execute();

  // วิธีการดำเนินการ: ordered steps, each a paragraph that may span several lines.
  await db.schema
    .createTable("measure_step")
    .addColumn("measure_id", "integer", (c) => c.notNull().references("measure.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("measure_step_pk", ["measure_id", "position"])
    .execute();

  // ผู้รับผิดชอบ: one or more units of the agency. A unit in use cannot be deleted (units are retired).
  await db.schema
    .createTable("measure_unit")
    .addColumn("measure_id", "integer", (c) => c.notNull().references("measure.id").onDelete("cascade"))
    .addColumn("unit_id", "integer", (c) => c.notNull().references("unit.id"))
    .addPrimaryKeyConstraint("measure_unit_pk", ["measure_id", "unit_id"])
    .execute();
  await db.schema.createIndex("measure_unit_unit").on("measure_unit").column("unit_id").execute();

  // What the measure answers: an indicator ("4"), a survey item ("i20", "e15") or an OIT item ("o23").
  await db.schema
    .createTable("measure_target")
    .addColumn("measure_id", "integer", (c) => c.notNull().references("measure.id").onDelete("cascade"))
    .addColumn("code", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("measure_target_pk", ["measure_id", "code"])
    .execute();

  await id("measure_note")
    .addColumn("measure_id", "integer", (c) => c.notNull().references("measure.id").onDelete("cascade"))
    // The day the progress happened (Asia/Bangkok), chosen by the person writing the note.
    .addColumn("noted_on", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("measure_note_measure").on("measure_note").columns(["measure_id", "noted_on"]).execute();

  // A proposal the manager chose not to follow, for one weak area of one round; deleting the row
  // (undo) brings the proposal back.
  await id("dismissed_proposal")
    .addColumn("round_id", "integer", (c) => c.notNull().references("round.id").onDelete("cascade"))
    .addColumn("target_code", "text", (c) => c.notNull())
    .addColumn("dismissed_by", "integer", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("dismissed_at", "text", (c) => c.notNull())
    .addUniqueConstraint("dismissed_proposal_round_target", ["round_id", "target_code"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("dismissed_proposal").execute();
  await db.schema.dropTable("measure_note").execute();
  await db.schema.dropTable("measure_target").execute();
  await db.schema.dropTable("measure_unit").execute();
  await db.schema.dropTable("measure_step").execute();
  await db.schema.dropTable("measure").execute();
}
