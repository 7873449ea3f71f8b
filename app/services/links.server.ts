/**
 * The respondent links of a round as the agency manages them (issue 3, item 2): each counter's EIT link
 * and the round's IIT link with its URLs, QR code, status and answers so far, the sample-size progress
 * per counter, and pausing / resuming a link. A paused link keeps its token, so its printed QR code
 * works again once resumed.
 */
import { z } from "zod";
import type { Db } from "../../db/client.server";
import { countRoundLinkAnswers, getRoundLink, listRoundLinkDetails, updateRoundLinkStatus } from "../../db/queries/links";
import { getFramework } from "../lib/frameworks.server";
import { HttpError } from "../lib/http";
import { requireRound } from "../auth/round-access.server";
import type { SessionUser } from "../auth/session.server";
import { minimumSample } from "../scoring";
import type { Localized } from "../scoring/framework";
import { recordAudit } from "./audit.server";
import { getPermanentLinks } from "./permanent-links.server";
import { kioskUrl, permanentUrl, qrPath, surveyUrl } from "./qr.server";

/** Why a link takes no answers now, or null when it does. */
export type LinkBlock = "link-paused" | "counter-paused" | "counter-retired" | "round-closed" | null;

export interface LinkView {
  linkId: number;
  instrument: "iit" | "eit";
  status: "active" | "paused";
  block: LinkBlock;
  surveyUrl: string;
  kioskUrl: string;
  qrPath: string;
  /**
   * The permanent link this one stands in for (issue 11): the counter's /c/ link for an EIT link, the
   * agency's /staff/ link for the IIT link. Posters and slips print it; it finds whichever round is open.
   */
  permanent: { url: string; qrPath: string };
  answers: number;
  counter: { id: number; name: Localized; unit: Localized; status: "active" | "paused" | "retired" } | null;
}

export interface SampleProgress {
  answers: number;
  minimum: number;
}

export interface CounterProgress {
  counterId: number;
  name: Localized;
  unit: Localized;
  status: "active" | "paused" | "retired";
  answers: number;
}

function localized(th: string | null, en: string | null): Localized {
  return { th: th ?? "", en: en || th || "" };
}

/**
 * The links page of a round of the user's agency (404 otherwise). Answers come from tallies, so
 * flagged responses do not count until an admin restores them, as in the scores. Counts per counter
 * are shown exactly, even below k: a count says who answered where, never what anyone answered.
 */
export async function getRoundLinksPage(db: Db, user: SessionUser, roundIdParam: string | undefined) {
  const round = await requireRound(db, user, roundIdParam);
  const framework = getFramework(round.frameworkId);
  const [details, counts, permanent] = await Promise.all([
    listRoundLinkDetails(db, round.id),
    countRoundLinkAnswers(db, round.id),
    getPermanentLinks(db, round.organizationId),
  ]);
  const permanentOf = (link: { instrument: "iit" | "eit"; counterId: number | null }) => {
    const kind = link.instrument === "iit" ? "staff" : "counter";
    const token = kind === "staff" ? permanent.staff : permanent.counters.get(link.counterId!)!;
    return { url: permanentUrl(kind, token), qrPath: qrPath(token) };
  };
  const answersOf = new Map(counts.map((c) => [c.linkId, c.answers]));

  const links: LinkView[] = details.map((link) => ({
    linkId: link.linkId,
    instrument: link.instrument,
    status: link.status,
    block:
      link.status === "paused"
        ? "link-paused"
        : link.counterStatus === "retired"
          ? "counter-retired"
          : link.counterStatus === "paused"
            ? "counter-paused"
            : round.status === "closed"
              ? "round-closed"
              : null,
    surveyUrl: surveyUrl(link.token),
    kioskUrl: kioskUrl(link.token),
    qrPath: qrPath(link.token),
    permanent: permanentOf(link),
    answers: answersOf.get(link.linkId) ?? 0,
    counter:
      link.counterId === null
        ? null
        : {
            id: link.counterId,
            name: localized(link.counterNameTh, link.counterNameEn),
            unit: localized(link.unitNameTh, link.unitNameEn),
            status: link.counterStatus ?? "active",
          },
  }));

  const counters = new Map<number, CounterProgress>();
  for (const link of links) {
    if (link.instrument !== "eit" || !link.counter) continue;
    const entry = counters.get(link.counter.id) ?? { counterId: link.counter.id, name: link.counter.name, unit: link.counter.unit, status: link.counter.status, answers: 0 };
    entry.answers += link.answers;
    counters.set(link.counter.id, entry);
  }
  const total = (instrument: "iit" | "eit") => links.filter((l) => l.instrument === instrument).reduce((sum, l) => sum + l.answers, 0);
  const eitGroup = framework.sampleSize.eit.groups.find((g) => g.code === (round.sizeGroup || framework.sampleSize.eit.defaultGroup));

  return {
    round: { id: round.id, title: { th: round.titleTh, en: round.titleEn }, status: round.status, staffHeadCount: round.staffHeadCount },
    links,
    samples: {
      iit: { answers: total("iit"), minimum: minimumSample(framework, { instrument: "iit", headCount: round.staffHeadCount }) } satisfies SampleProgress,
      eit: { answers: total("eit"), minimum: minimumSample(framework, { instrument: "eit", group: round.sizeGroup }) } satisfies SampleProgress,
      eitGroup: eitGroup?.title ?? null,
      counters: [...counters.values()],
    },
  };
}

export type RoundLinksPage = Awaited<ReturnType<typeof getRoundLinksPage>>;

const linkChangeSchema = z.object({
  intent: z.enum(["pause", "resume"]),
  linkId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

/**
 * Pauses or resumes a link of a round of the user's agency, with its audit entry, in one transaction.
 * Another agency's round or a link of another round is a 404; a repeated click changes nothing.
 */
export async function changeRoundLink(db: Db, user: SessionUser, roundIdParam: string | undefined, input: Record<string, unknown>, now: Date): Promise<void> {
  const round = await requireRound(db, user, roundIdParam);
  const parsed = linkChangeSchema.safeParse(input);
  if (!parsed.success) throw new HttpError(400, "คำสั่งหรือรหัสลิงก์ไม่ถูกต้อง", "Unknown action or malformed link id.");
  const status = parsed.data.intent === "pause" ? "paused" : "active";
  await db.transaction().execute(async (trx) => {
    const link = await getRoundLink(trx, round.id, parsed.data.linkId);
    if (!link) throw new HttpError(404, "ไม่พบลิงก์นี้ในรอบการประเมินนี้", "No such link in this round.");
    if (link.status === status) return;
    await updateRoundLinkStatus(trx, round.id, link.id, status);
    // Never the token in the audit log: the link id names it.
    await recordAudit(
      trx,
      { organizationId: user.organizationId, userId: user.userId },
      `link.${parsed.data.intent}`,
      `link:${link.id}`,
      { roundId: round.id, instrument: link.instrument, counterId: link.counterId },
      now,
    );
  });
}
