/**
 * npm run bench: runs every benchmark of this folder in turn. Benchmarks print their figures and a
 * ratio against a baseline measured in the same process (the machine is shared and noisy); they
 * never fail on speed, and they are not part of npm test.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// Optional names to run only some: `npm run bench -- ingest respondent-page`.
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((name) => f.includes(name)))
  .sort();

for (const file of files) {
  console.log(`\n## ${file}`);
  const module = (await import(join(here, file))) as { run: () => Promise<void> };
  await module.run();
}
