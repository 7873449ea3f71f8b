/** axe-core in the page under test: the WCAG 2.1 A and AA rules. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { expect } from "vitest";

const AXE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

/** Runs axe-core on the whole document and returns every violation. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, not as an inline <script>: the pages' Content-Security-Policy
  // (app/server/security-headers.server.ts) refuses inline scripts without its nonce, rightly.
  await page.evaluate(readFileSync(AXE_PATH, "utf8"));
  return page.evaluate(async () => {
    type AxeResult = {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: unknown[]; html: string; failureSummary?: string }[];
      }[];
    };
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResult> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(" "), html: n.html, summary: n.failureSummary ?? "" })),
    }));
  });
}

/** The violations that fail a test: serious or critical. */
export function listBlockingViolations(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target}\n      ${n.html.slice(0, 240)}\n      ${n.summary.replace(/\n/g, " ")}`).join("\n"),
    )
    .join("\n");
}

/** Fails on a serious or critical violation; lists the lesser ones so they are seen. */
export async function expectAccessible(page: Page, where: string): Promise<AxeViolation[]> {
  const violations = await runAxe(page);
  const blocking = listBlockingViolations(violations);
  expect(blocking, `axe-core on ${where}:\n${describeViolations(blocking)}`).toEqual([]);
  if (violations.length > 0) console.log(`axe-core on ${where}, below serious:\n${describeViolations(violations)}`);
  return violations;
}
