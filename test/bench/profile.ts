/**
 * Where the built server spends its time under a benchmark's load: `npm run bench:profile -- ingest` (or
 * `respondent-page`, `form-post`) starts build/server/index.js (a private copy of the build, as the
 * benchmarks do) under `node --cpu-prof`, loads it for the given seconds (default 12) with the same
 * requests as the benchmark of that name, stops it, and prints the functions with the most self time
 * and the time by where the code comes from (our app, a package, Node's own internals, garbage
 * collection, idle). The .cpuprofile is kept for Chromium's DevTools (its path is printed).
 *
 * Not a benchmark: no baseline, no ratio. It says what to work on; the benchmarks say whether it helped.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

process.env.ANSWER_POOL_KEY ||= randomBytes(32).toString("base64url");

const { createRoundFixture } = await import("../support/fixtures");
const { createTestDb } = await import("../support/test-db");
const { runLoad, startBuiltServer } = await import("./support");
const { answerSets, formPostRequest, jsonSubmission } = await import("./ingest-requests");

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a function's code comes from, for the summary by origin. */
function originOf(frame: ProfileNode["callFrame"]): string {
  const { url, functionName } = frame;
  if (functionName === "(garbage collector)") return "garbage collection";
  if (functionName === "(idle)") return "idle (waiting for the load generator, which shares the cores)";
  if (functionName === "(program)") return "V8 and native code outside JavaScript";
  if (!url) return `native: ${functionName || "(anonymous)"}`;
  if (url.startsWith("node:")) return `Node (${url.replace(/^node:(internal\/)?/, "").split("/")[0]})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return `package ${pkg}`;
  if (url.includes("/build/server/")) return "our server build (app/, db/)";
  return url;
}

export function summariseProfile(file: string, top = 25): void {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Self time per node from the samples and their time deltas (µs).
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const where = frame.url ? `${frame.url.replace(/^.*\/(node_modules\/|build\/server\/)/, "$1")}:${frame.lineNumber + 1}` : "";
    const name = `${frame.functionName || "(anonymous)"} ${where}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    const origin = originOf(frame);
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1)} %`;
  console.log(`profile ${file}: ${(total / 1e6).toFixed(1)} s sampled`);
  console.table([...byOrigin.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([origin, us]) => ({ origin, "self time": pct(us) })));
  console.table([...byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([fn, us]) => ({ function: fn.slice(0, 110), "self time": pct(us) })));
  // Who calls the native functions at the top (their own frame says nothing of where they are used).
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const describe = (id: number | undefined) => {
    const frame = id === undefined ? undefined : byId.get(id)?.callFrame;
    return frame ? `${frame.functionName || "(anonymous)"} ${frame.url.replace(/^.*\/(node_modules\/|build\/server\/)/, "$1")}:${frame.lineNumber + 1}` : "(root)";
  };
  const callers = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.url || frame.functionName.startsWith("(")) continue;
    // Up to three frames of the path that led to it.
    const path: string[] = [];
    for (let at = parentOf.get(id), i = 0; at !== undefined && i < 3; at = parentOf.get(at), i++) path.push(describe(at));
    const key = `${frame.functionName} ← ${path.join(" ← ")}`;
    callers.set(key, (callers.get(key) ?? 0) + us);
  }
  console.table([...callers.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([path, us]) => ({ "native function ← its callers": path.slice(0, 180), "self time": pct(us) })));
}

async function main() {
  const [what = "ingest", secondsText = "12"] = process.argv.slice(2);
  if (what.endsWith(".cpuprofile")) return summariseProfile(what);
  const seconds = Number(secondsText);
  const dir = mkdtempSync(join(tmpdir(), "prongsai-profile-"));
  const t = await createTestDb();
  try {
    const round = await createRoundFixture(t.db, "bench-profile");
    const server = await startBuiltServer({
      databasePath: t.path,
      nodeFlags: ["--cpu-prof", `--cpu-prof-dir=${dir}`],
      env: { SUBMISSION_FLOOD_LIMIT: "10000000", ANSWER_POOL_KEY: process.env.ANSWER_POOL_KEY! },
    });
    const sets = answerSets();
    const next =
      what === "ingest"
        ? jsonSubmission(round.iitToken, sets)
        : what === "form-post"
          ? await formPostRequest(server.url, round.iitToken, sets)
          : what === "respondent-page"
            ? () => ({ method: "GET" as const, path: `/s/${round.eitToken}`, headers: { "accept-encoding": "identity" } })
            : null;
    if (!next) throw new Error(`usage: profile.ts ingest|form-post|respondent-page [seconds] (got ${what})`);
    const result = await runLoad({ url: server.url, connections: 8, seconds, next });
    await server.stop();
    console.log(`${what}: ${result.perSecond.toFixed(0)} answers/s over ${seconds} s, statuses ${JSON.stringify(result.statuses)}`);
    const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
    if (!file) throw new Error(`the server wrote no profile in ${dir}`);
    summariseProfile(join(dir, file));
  } finally {
    await t.close();
  }
}

await main();
