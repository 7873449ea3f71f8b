/**
 * What the admin home (/admin) shows: the agency's rounds — the open one first, then newest first — with
 * status, period, response counts and sample progress, and the create form's defaults (the current
 * fiscal year, its period, the newest framework for it, the previous round's head-count and counters).
 */
import type { Db } from "../../../db/client.server";
import { listOrganizationCounters } from "../../../db/queries/counters";
import { listRoundLinks } from "../../../db/queries/links";
import { countResponses } from "../../../db/queries/responses";
import { findPreviousAgencyRound, listAgencyRounds, listRoundCounterIds } from "../../../db/queries/round-lifecycle";
import { hasRole } from "../../auth/roles";
import type { SessionUser } from "../../auth/session.server";
import { getFramework, listFrameworkIds } from "../../lib/frameworks.server";
import { fiscalYearRange } from "../../text/dates";
import { getRoundResults } from "../round-results.server";
import { currentFiscalYear, defaultFrameworkFor } from "./commands.server";

export async function getRoundsHome(db: Db, user: SessionUser, now: Date) {
  const rows = await listAgencyRounds(db, user.organizationId);
  const rounds = [];
  for (const round of rows) {
    // Tallies only (round-results): the cost does not grow with the number of responses.
    const results = (await getRoundResults(db, round.id))!;
    rounds.push({
      ...round,
      responses: { iit: await countResponses(db, round.id, "iit"), eit: await countResponses(db, round.id, "eit") },
      samples: results.samples,
      links: await listRoundLinks(db, round.id),
    });
  }
  const fiscalYear = currentFiscalYear(now);
  const period = fiscalYearRange(fiscalYear);
  const previous = await findPreviousAgencyRound(db, user.organizationId, period.startsOn);
  const previousCounters = previous ? new Set(await listRoundCounterIds(db, previous.id)) : null;
  const counters = (await listOrganizationCounters(db, user.organizationId))
    .filter((c) => c.status === "active")
    .map((c) => ({ id: c.id, nameTh: c.nameTh, nameEn: c.nameEn, checked: previousCounters ? previousCounters.has(c.id) : true }));
  return {
    rounds,
    canManage: hasRole(user.role, "admin"),
    hasOpenRound: rows.some((r) => r.status === "open"),
    defaults: {
      fiscalYear,
      startsOn: period.startsOn,
      endsOn: period.endsOn,
      frameworkId: defaultFrameworkFor(fiscalYear),
      staffHeadCount: previous?.staffHeadCount ?? null,
      accessMode: previous?.accessMode ?? "open",
    },
    previous: previous ? { id: previous.id, fiscalYear: previous.fiscalYear, titleTh: previous.titleTh, titleEn: previous.titleEn } : null,
    frameworks: listFrameworkIds().map((id) => ({ id, title: getFramework(id).title })),
    counters,
  };
}

export type RoundsHome = Awaited<ReturnType<typeof getRoundsHome>>;
