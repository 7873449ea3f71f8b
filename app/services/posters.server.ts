/**
 * A4 posters for the service counters of a round (issue 3, item 6): one per EIT link, with the QR code
 * inline (so printing never waits on an image), the short URL to type by hand, and the anonymity
 * promise with the framework's minimum group size k.
 *
 * What a poster prints is the counter's PERMANENT link (/c/:token, issue 11), not the round's: a poster
 * hangs for years and the permanent link finds whichever round is open. The round only chooses which
 * counters get a poster now.
 */
import { data } from "react-router";
import type { Db } from "../../db/client.server";
import { listRoundLinkDetails } from "../../db/queries/links";
import { getFramework, getSurveyTitle } from "../lib/frameworks.server";
import { requireRound } from "../auth/round-access.server";
import type { SessionUser } from "../auth/session.server";
import { minimumGroupSize } from "../scoring";
import type { Localized } from "../scoring/framework";
import { getAgencyLogoUrl } from "./agency-settings.server";
import { permanentCounterTokens } from "./permanent-links.server";
import { permanentUrl, renderQrSvg, shortPermanentUrl } from "./qr.server";

export interface Poster {
  linkId: number;
  counter: Localized;
  unit: Localized;
  url: string;
  shortUrl: string;
  /** The QR code as SVG markup, made by `qrcode` (paths only: no text from a user is in it). */
  svg: string;
  paused: boolean;
}

/**
 * The posters of a round of the user's agency (404 otherwise). Without `linkParam`: every active EIT
 * link of a counter in use (a paused link or a retired counter gets none). With it: that one EIT link
 * of the round, paused or not (a reprint ahead of resuming); a link of a retired counter, an IIT link,
 * or a link of another round is a 404.
 */
export async function getRoundPosters(db: Db, user: SessionUser, roundIdParam: string | undefined, linkParam: string | null) {
  const round = await requireRound(db, user, roundIdParam);
  const framework = getFramework(round.frameworkId);
  const eitLinks = (await listRoundLinkDetails(db, round.id)).filter((l) => l.instrument === "eit" && l.counterId !== null && l.counterStatus !== "retired");
  let chosen = eitLinks.filter((l) => l.status === "active");
  if (linkParam !== null) {
    chosen = eitLinks.filter((l) => String(l.linkId) === linkParam);
    if (chosen.length === 0) throw data(null, { status: 404 });
  }
  const permanentTokens = await permanentCounterTokens(db, round.organizationId);
  const posters: Poster[] = await Promise.all(
    chosen.map(async (link) => {
      const token = permanentTokens.get(link.counterId!)!;
      return {
        linkId: link.linkId,
        counter: { th: link.counterNameTh ?? "", en: link.counterNameEn || link.counterNameTh || "" },
        unit: { th: link.unitNameTh ?? "", en: link.unitNameEn || link.unitNameTh || "" },
        url: permanentUrl("counter", token),
        shortUrl: shortPermanentUrl("counter", token),
        svg: await renderQrSvg(permanentUrl("counter", token)),
        paused: link.status === "paused",
      };
    }),
  );
  return {
    organization: { th: round.organizationNameTh, en: round.organizationNameEn },
    logoUrl: await getAgencyLogoUrl(db, round.organizationId),
    round: { id: round.id, title: { th: round.titleTh, en: round.titleEn } },
    k: minimumGroupSize(framework),
    /** The survey as the visitor will see it named on the page the QR code opens. */
    surveyTitle: getSurveyTitle(round.frameworkId, "eit"),
    posters,
  };
}
