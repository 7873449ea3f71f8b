/**
 * The signed-in host operator of an /operator request, resolved once by the operator subtree's route
 * middleware (app/routes/operator/signed-in.ts), as app/auth/admin-context.server.ts does for agencies.
 */
import { createContext, redirect, type RouterContextProvider } from "react-router";
import { getDb } from "../lib/db.server";
import { requireOperator, type SessionOperator } from "./operator-session.server";

/** No default: reading it outside the operator subtree is a programming error, and throws. */
export const signedInOperatorContext = createContext<SessionOperator>();

export async function resolveSignedInOperator({ request, context }: { request: Request; context: Readonly<RouterContextProvider> }): Promise<void> {
  const operator = await requireOperator(getDb(), request);
  // The password the command line printed is changed before anything else (issue 14).
  if (operator.mustChangePassword === 1 && !ACCOUNT_PATHS.includes(new URL(request.url).pathname)) throw redirect("/operator/account");
  context.set(signedInOperatorContext, operator);
}

const ACCOUNT_PATHS = ["/operator/account", "/operator/account.data"];

export function requireSignedInOperator(context: Readonly<RouterContextProvider>): SessionOperator {
  return context.get(signedInOperatorContext);
}
