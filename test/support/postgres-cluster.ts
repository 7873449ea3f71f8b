/**
 * A throwaway PostgreSQL cluster for the tests: Debian's `postgresql` binaries, a temporary data
 * directory, a free loopback port, its unix socket in its own folder under /tmp, password auth
 * (scram-sha-256) with a random password, listening on 127.0.0.1 only. No durability settings
 * (fsync off): the cluster lives for one test run and is deleted after it.
 *
 * Plain Node (no Vitest import): used by Vitest's globalSetup (postgres-global-setup.ts) and usable
 * from any script.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

/** Where Debian puts the server binaries, newest major version first. */
const DEBIAN_ROOT = "/usr/lib/postgresql";

export interface PostgresBinaries {
  bin: string;
  /** PostgreSQL refuses to run as root: as root we run it as this user (Debian's `postgres`). */
  runAs: { user: string; uid: number; gid: number } | null;
}

export type PostgresAvailability = { ok: true; binaries: PostgresBinaries } | { ok: false; reason: string };

/** Finds initdb/pg_ctl and a user to run them as, without starting anything. */
export function findPostgresBinaries(): PostgresAvailability {
  const versions = existsSync(DEBIAN_ROOT)
    ? readdirSync(DEBIAN_ROOT)
        .filter((v) => /^\d+$/.test(v) && existsSync(join(DEBIAN_ROOT, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) return { ok: false, reason: `no initdb in ${DEBIAN_ROOT}/*/bin (Debian package postgresql)` };
  const bin = join(DEBIAN_ROOT, versions[0]!, "bin");
  if (userInfo().uid !== 0) return { ok: true, binaries: { bin, runAs: null } };
  const id = (flag: string) => spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  const uid = id("-u");
  const gid = id("-g");
  if (uid.status !== 0 || gid.status !== 0) return { ok: false, reason: "running as root and there is no `postgres` user to run PostgreSQL as" };
  return { ok: true, binaries: { bin, runAs: { user: "postgres", uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } } };
}

export interface PostgresCluster {
  /** postgres://postgres:…@127.0.0.1:PORT/postgres — the maintenance database of the cluster. */
  url: string;
  stop: () => void;
}

function run(binaries: PostgresBinaries, command: string, args: string[]): { ok: boolean; output: string } {
  const [file, fullArgs] = binaries.runAs
    ? ["runuser", ["-u", binaries.runAs.user, "--", join(binaries.bin, command), ...args]]
    : [join(binaries.bin, command), args];
  const result = spawnSync(file, fullArgs, { encoding: "utf8", timeout: 120_000 });
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? String(result.error) : ""}` };
}

/**
 * initdb + pg_ctl start. Throws with PostgreSQL's own log when it cannot start. stop() is synchronous
 * (pg_ctl stop -m immediate, then the folder is deleted) so that it can also run on process exit.
 */
export async function startPostgresCluster(binaries: PostgresBinaries): Promise<PostgresCluster> {
  const root = mkdtempSync(join(tmpdir(), "prongsai-pg-"));
  const data = join(root, "data");
  const socketDir = join(root, "socket");
  const passwordFile = join(root, "password");
  const logFile = join(root, "postgres.log");
  const password = randomBytes(18).toString("base64url");
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  mkdirSync(socketDir, { mode: 0o700 });
  chmodSync(root, 0o700);
  if (binaries.runAs) for (const path of [root, socketDir, passwordFile]) chownSync(path, binaries.runAs.uid, binaries.runAs.gid);

  const cleanUp = () => rmSync(root, { recursive: true, force: true });
  // C collation: text sorts by code point, as SQLite's default BINARY collation does.
  const init = run(binaries, "initdb", ["-D", data, "-U", "postgres", "--auth=scram-sha-256", `--pwfile=${passwordFile}`, "--no-locale", "-E", "UTF8", "--no-sync"]);
  rmSync(passwordFile);
  if (!init.ok) {
    cleanUp();
    throw new Error(`initdb failed:\n${init.output}`);
  }
  return startOnFreePort(binaries, { root, data, socketDir, logFile, password, cleanUp });
}

async function startOnFreePort(
  binaries: PostgresBinaries,
  paths: { root: string; data: string; socketDir: string; logFile: string; password: string; cleanUp: () => void },
): Promise<PostgresCluster> {
  // Imported here, not at the top: vitest.config.ts imports this file and should load no more than it needs.
  const { findFreePort } = await import("./server");
  let lastOutput = "";
  // findFreePort closes its probe before PostgreSQL binds, so another process can take the port in
  // between: try a few ports.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await findFreePort();
    const options = [
      `-p ${port}`,
      "-c listen_addresses=127.0.0.1",
      `-c unix_socket_directories=${paths.socketDir}`,
      "-c unix_socket_permissions=0700",
      "-c max_connections=200",
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
    ].join(" ");
    const start = run(binaries, "pg_ctl", ["-D", paths.data, "-l", paths.logFile, "-w", "-t", "60", "-o", options, "start"]);
    if (start.ok) {
      const stop = () => {
        run(binaries, "pg_ctl", ["-D", paths.data, "-m", "immediate", "-w", "stop"]);
        paths.cleanUp();
      };
      return { url: `postgres://postgres:${paths.password}@127.0.0.1:${port}/postgres`, stop };
    }
    lastOutput = `${start.output}\n${existsSync(paths.logFile) ? readFileSync(paths.logFile, "utf8") : ""}`;
  }
  paths.cleanUp();
  throw new Error(`PostgreSQL did not start:\n${lastOutput}`);
}
