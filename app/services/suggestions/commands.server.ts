/**
 * Changes staff make to the visitors' suggestions of a round: mark one new, read or acted on, with a note.
 * Each change and its audit entry are one transaction. The audit entry names the suggestion by its random
 * id, never quotes its text (the audit log outlives the round's raw answers: retention deletes those).
 * Turning a suggestion into a measure is the measures form's (app/services/measures/commands.server.ts).
 */
import type { Db } from "../../../db/client.server";
import { getRoundSuggestion, updateSuggestion } from "../../../db/queries/suggestions";
import { hasRole } from "../../auth/roles";
import { requireAgencyRound, requireRound } from "../../auth/round-access.server";
import { requireCsrf, type SessionUser } from "../../auth/session.server";
import type { Localized } from "../../scoring/framework";
import { recordAudit } from "../audit.server";
import { type MarkFieldErrors, parseMarkForm, SUGGESTION_MESSAGES } from "./form";

export type SuggestionActionResult =
  | { ok: true; redirectTo: string }
  | {
      ok: false;
      status: 400 | 403 | 404;
      message: Localized;
      /** The suggestion the form was about, to show the errors and values beside it. */
      id?: string | null;
      errors?: MarkFieldErrors;
      values?: { status: string; note: string };
    };

function fail(status: 400 | 403 | 404, message: Localized): SuggestionActionResult {
  return { ok: false, status, message };
}

/** The round of the page, as requireRound returns it. */
interface RoundRef {
  id: number;
  organizationId: number;
}

/**
 * Marks a suggestion of the agency's round; `returnTo` is the page's own path and query (its filters),
 * where the redirect goes back to, the changed suggestion in view.
 */
async function mark(db: Db, user: SessionUser, round: RoundRef, form: FormData, now: Date, returnTo: URL): Promise<SuggestionActionResult> {
  const parsed = parseMarkForm(form);
  if (parsed.id === null) return fail(404, SUGGESTION_MESSAGES.notFound);
  const suggestion = await getRoundSuggestion(db, user.organizationId, round.id, parsed.id);
  if (!suggestion) return fail(404, SUGGESTION_MESSAGES.notFound);
  if (!parsed.ok) return { ok: false, status: 400, message: SUGGESTION_MESSAGES.invalid, id: parsed.id, errors: parsed.errors, values: parsed.values };
  await db.transaction().execute(async (trx) => {
    await updateSuggestion(trx, round.id, suggestion.id, { status: parsed.status, note: parsed.note, updatedBy: user.userId, updatedAt: now.toISOString() });
    await recordAudit(
      trx,
      { organizationId: user.organizationId, userId: user.userId },
      "suggestion.mark",
      `suggestion:${suggestion.id}`,
      { roundId: round.id, before: { status: suggestion.status, note: suggestion.note }, status: parsed.status, note: parsed.note },
      now,
    );
  });
  const back = new URLSearchParams(returnTo.search);
  back.set("marked", suggestion.id);
  return { ok: true, redirectTo: `${returnTo.pathname}?${back.toString()}#suggestion-${suggestion.id}` };
}

const INTENTS = { mark } as const;

/**
 * A POST to the suggestions page by `user`, whom the route has checked to be a manager or admin: the
 * anti-forgery token, the agency's own round, then the intent.
 */
export async function postSuggestionsForm(db: Db, user: SessionUser, request: Request, roundIdParam: string | undefined, now: Date): Promise<SuggestionActionResult> {
  const form = await request.formData();
  requireCsrf(user, form);
  const round = await requireRound(db, user, roundIdParam);
  // The route already requires a manager; checked again here so that no caller can forget it.
  if (!hasRole(user.role, "manager")) return fail(403, SUGGESTION_MESSAGES.forbidden);
  requireAgencyRound(user, round);
  const intent = form.get("intent");
  const handler = typeof intent === "string" && Object.hasOwn(INTENTS, intent) ? INTENTS[intent as keyof typeof INTENTS] : undefined;
  if (!handler) return fail(400, SUGGESTION_MESSAGES.unknownIntent);
  // Back to the page with its filters: a data request (/….data, React Router's own parameters) comes back to the page itself.
  const returnTo = new URL(request.url);
  returnTo.pathname = returnTo.pathname.replace(/\.data$/, "");
  for (const own of ["index", "_routes", "marked"]) returnTo.searchParams.delete(own);
  return handler(db, user, round, form, now, returnTo);
}
