/**
 * The signed-in user of an admin request, resolved once per request by the admin subtree's route
 * middleware (app/routes/admin/signed-in.ts) and read by every loader and action below it. The user
 * carries their agency (organizationId and its names): every admin query is scoped by it.
 *
 * Middleware, not a check in the layout's loader: loaders of a layout and its pages run in parallel,
 * so a layout loader's check alone protects nothing; middleware runs before any of them, for pages,
 * data requests and resource routes alike.
 */
import { createContext, redirect, type RouterContextProvider } from "react-router";
import type { Role } from "../../db/schema";
import { getDb } from "../lib/db.server";
import { secondFactorRequired } from "./second-factor.server";
import { requireRole, requireUser, type SessionUser } from "./session.server";

/** No default: reading it outside the admin subtree is a programming error, and throws. */
export const signedInUserContext = createContext<SessionUser>();

/**
 * Route middleware: the session's user into the context, or the redirect to sign-in that comes back
 * here. It leaves `next` to React Router, which calls it once this returns.
 */
export async function resolveSignedInUser({ request, context }: { request: Request; context: Readonly<RouterContextProvider> }): Promise<void> {
  const user = await requireUser(getDb(), request);
  // A one-time password (from an admin, the operator or the CLI) is changed before anything else: its
  // giver knows it (issue 14). Every admin page and data request leads to the account page until then.
  const onAccountPage = ACCOUNT_PATHS.includes(new URL(request.url).pathname);
  if (user.mustChangePassword === 1 && !onAccountPage) throw redirect("/admin/account");
  // An agency that requires a second factor of admins and managers: they set one up before anything else.
  if (mustSetUpSecondFactor(user) && !onAccountPage) throw redirect("/admin/account");
  context.set(signedInUserContext, user);
}

const ACCOUNT_PATHS = ["/admin/account", "/admin/account.data"];

/** The user's agency requires a second factor of their role, and they have none yet. */
export function mustSetUpSecondFactor(user: SessionUser): boolean {
  return user.secondFactorSince === null && secondFactorRequired({ required: user.secondFactorRequired, role: user.role });
}

/**
 * The user the middleware resolved; with `role`, a user below it gets the same 403 as requireUser
 * gives. Pages check the role they need for reading, actions the one for changing.
 */
export function requireSignedInUser(context: Readonly<RouterContextProvider>, role: Role = "viewer"): SessionUser {
  const user = context.get(signedInUserContext);
  requireRole(user, role);
  return user;
}
