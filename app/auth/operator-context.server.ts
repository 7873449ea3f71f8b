/**
 * The signed-in host operator of an /operator request, resolved once by the operator subtree's route
 * middleware (app/routes/operator/signed-in.ts), as app/auth/admin-context.server.ts does for agencies.
 */
import { createContext, type RouterContextProvider } from "react-router";
import { getDb } from "../lib/db.server";
import { requireOperator, type SessionOperator } from "./operator-session.server";

/** No default: reading it outside the operator subtree is a programming error, and throws. */
export const signedInOperatorContext = createContext<SessionOperator>();

export async function resolveSignedInOperator({ request, context }: { request: Request; context: Readonly<RouterContextProvider> }): Promise<void> {
  context.set(signedInOperatorContext, await requireOperator(getDb(), request));
}

export function requireSignedInOperator(context: Readonly<RouterContextProvider>): SessionOperator {
  return context.get(signedInOperatorContext);
}
