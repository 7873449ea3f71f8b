/**
 * Vitest globalSetup of the projects that use PostgreSQL (vitest.config.ts): one cluster for the whole
 * run — the one named by PRONGSAI_TEST_POSTGRES_URL, or else a throwaway cluster started here from
 * Debian's binaries and stopped at the end — and one template database migrated once, which every
 * test copies (test/support/test-db.ts). Both projects share the cluster: the state lives on
 * globalThis, which the projects' module runners share in Vitest's main process.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createDb, migrateToLatest } from "../../db/client.server";
import { findPostgresBinaries, startPostgresCluster } from "./postgres-cluster";
import { databaseUrl } from "./test-db";

export interface ProvidedPostgres {
  /** The cluster's maintenance database; tests create and drop their own databases through it. */
  url: string;
  /** A migrated database to copy (CREATE DATABASE … TEMPLATE). */
  template: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    prongsaiPostgres: ProvidedPostgres;
  }
}

interface Shared {
  ready: Promise<ProvidedPostgres>;
  users: number;
  stop: () => Promise<void>;
}

const KEY = Symbol.for("prongsai.test.postgres");
type GlobalWithShared = typeof globalThis & { [KEY]?: Shared };

async function start(): Promise<{ provided: ProvidedPostgres; stop: () => Promise<void> }> {
  let url = process.env.PRONGSAI_TEST_POSTGRES_URL;
  let stopCluster = () => undefined as void;
  if (!url) {
    const found = findPostgresBinaries();
    if (!found.ok) throw new Error(`PostgreSQL is not available for the tests: ${found.reason}`);
    const cluster = await startPostgresCluster(found.binaries);
    // Also on an abrupt exit of Vitest (Ctrl-C): never leave a cluster running.
    const onExit = () => cluster.stop();
    process.once("exit", onExit);
    stopCluster = () => {
      process.off("exit", onExit);
      cluster.stop();
    };
    url = cluster.url;
    console.log(`PostgreSQL: a throwaway cluster for this test run at ${new URL(url).host}`);
  } else {
    console.log(`PostgreSQL: the cluster of PRONGSAI_TEST_POSTGRES_URL at ${new URL(url).host}`);
  }

  const template = `prongsai_template_${randomBytes(4).toString("hex")}`;
  await runOnCluster(url, `create database "${template}"`);
  const templateDb = createDb(databaseUrl(url, template));
  try {
    await migrateToLatest(templateDb);
  } finally {
    await templateDb.destroy();
  }
  const clusterUrl = url;
  return {
    provided: { url, template },
    stop: async () => {
      try {
        await runOnCluster(clusterUrl, `drop database if exists "${template}" with (force)`);
      } finally {
        stopCluster();
      }
    },
  };
}

/** One statement on the cluster's maintenance database (CREATE/DROP DATABASE cannot run in a transaction). */
async function runOnCluster(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const g = globalThis as GlobalWithShared;
  if (!g[KEY]) {
    const started = start();
    g[KEY] = { ready: started.then((s) => s.provided), users: 0, stop: async () => (await started).stop() };
  }
  const shared = g[KEY];
  shared.users += 1;
  project.provide("prongsaiPostgres", await shared.ready);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete g[KEY];
    await shared.stop();
  };
}
