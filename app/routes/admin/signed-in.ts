/**
 * The admin subtree: every page, print page, PDF and export under /admin (app/routes.ts). It has no
 * page of its own; its middleware signs the request in once (app/auth/admin-context.server.ts), so
 * that no route below can forget to.
 */
import { resolveSignedInUser } from "../../auth/admin-context.server";
import type { Route } from "./+types/signed-in";

export const middleware: Route.MiddlewareFunction[] = [resolveSignedInUser];
