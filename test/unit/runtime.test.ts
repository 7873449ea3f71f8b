/**
 * The tests run on the Node that production runs on (ARCHITECTURE.md §1: Node 24 LTS). The machines here
 * have Node 20, end of life since April 2026, and React Router 8 needs Node 22 or newer; package.json pins
 * the npm package `node` (the official binaries), which npm scripts put first on the PATH. A run started
 * with the machine's own node (`npx vitest` from a shell whose PATH lacks node_modules/.bin) would test
 * the app on a runtime it never ships on, and could pass or fail for reasons production never sees.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const HOW_TO_RUN_ON_NODE_24 =
  "Run the tests through npm (`npm test`, or `npm exec -- vitest run …`), which puts node_modules/.bin, " +
  "where the pinned `node` package installs Node 24, first on the PATH; or in a shell " +
  "`export PATH=$PWD/node_modules/.bin:$PATH` after `npm ci`, then `npx vitest …`.";

function majorOf(version: string): number {
  const match = /^v?(\d+)\./.exec(version);
  if (!match) throw new Error(`not a Node version: ${version}`);
  return Number(match[1]);
}

describe("runtime", () => {
  const packageJson = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  const pinned = packageJson.dependencies?.node;

  it("package.json pins the node package to Node 24 (ARCHITECTURE.md §1)", () => {
    expect(pinned, "package.json has no `node` dependency: nothing makes npm scripts run on Node 24").toBeDefined();
    expect(majorOf(pinned!), "ARCHITECTURE.md §1 says Node 24 LTS; change the two together").toBe(24);
  });

  it("runs on the pinned Node major", () => {
    const running = majorOf(process.versions.node);
    const message = `these tests run on Node ${process.versions.node} (${process.execPath}), not the pinned Node ${pinned}. ${HOW_TO_RUN_ON_NODE_24}`;
    // Vitest 5's reporter itself breaks on Node 20 (Map.groupBy) while printing failures, so the
    // assertion's message would never reach the screen there: say it on stderr first.
    if (running !== 24) process.stderr.write(`\n${message}\n\n`);
    expect(running, message).toBe(24);
  });
});
