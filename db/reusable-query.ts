/**
 * A query of fixed shape, built and compiled by Kysely once per database and then run with new values.
 *
 * Why: Kysely builds and compiles a query anew on every call. On the ingest path (a submission: the
 * link, the repeat check, the response row and a 51-row tally upsert, thousands a second) that
 * building was the largest part of the server's time (docs/performance.md). The SQL text of a shape
 * never changes; only its values do. So the query is built once with a placeholder object for each
 * value, compiled by the database's own dialect (`?` for SQLite, `$1` for PostgreSQL), and the
 * compiled parameters tell in which order the values go. Each later call only orders its values and
 * runs the cached SQL (which SQLite's statement cache then finds prepared: db/sqlite-statement-cache.ts).
 *
 * The placeholders are matched by identity, never by value, so two equal values cannot be swapped;
 * a constant the query itself holds (a literal status, say) stays a constant.
 */
import { CompiledQuery, type Compilable, type QueryResult } from "kysely";
import type { Db } from "./client.server";

/** Stands in for a value while the query is built; `key` says where the value will come from. */
class Placeholder<K> {
  constructor(readonly key: K) {}
}

type Slot<K> = { placeholder: Placeholder<K> } | { constant: unknown };

interface CompiledShape<K> {
  sql: string;
  slots: Slot<K>[];
}

/**
 * `build(db, param)` builds the query, with `param(key)` wherever a value goes. The returned function
 * runs it on `db` (a Kysely instance or a transaction) with `valueOf(key)` giving each value.
 */
export function reusableQuery<K, R>(build: (db: Db, param: <T>(key: K) => T) => Compilable<R>) {
  // Per dialect adapter: one Kysely instance and all of its transactions share it.
  const shapes = new WeakMap<object, CompiledShape<K>>();
  return async (db: Db, valueOf: (key: K) => unknown): Promise<QueryResult<R>> => {
    const adapter = db.getExecutor().adapter;
    let shape = shapes.get(adapter);
    if (!shape) {
      shape = compileShape(db, build);
      shapes.set(adapter, shape);
    }
    const parameters = shape.slots.map((slot) => ("placeholder" in slot ? valueOf(slot.placeholder.key) : slot.constant));
    return db.executeQuery<R>(CompiledQuery.raw(shape.sql, parameters));
  };
}

function compileShape<K, R>(db: Db, build: (db: Db, param: <T>(key: K) => T) => Compilable<R>): CompiledShape<K> {
  const placeholders = new Set<Placeholder<K>>();
  const param = <T>(key: K): T => {
    const placeholder = new Placeholder(key);
    placeholders.add(placeholder);
    return placeholder as unknown as T;
  };
  const compiled = build(db, param).compile();
  const slots = compiled.parameters.map((value): Slot<K> =>
    value instanceof Placeholder && placeholders.has(value) ? { placeholder: value as Placeholder<K> } : { constant: value },
  );
  // Every placeholder must reach the SQL as a parameter, else a value would be silently dropped.
  const used = slots.filter((slot) => "placeholder" in slot).length;
  if (used !== placeholders.size) {
    throw new Error(`reusableQuery: ${placeholders.size - used} of ${placeholders.size} placeholders are not parameters of ${compiled.sql}`);
  }
  return { sql: compiled.sql, slots };
}
