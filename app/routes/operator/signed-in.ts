/**
 * The host operator's subtree (/operator, app/routes.ts): its middleware signs the operator in once per
 * request from the operator's own session (app/auth/operator-context.server.ts). An agency user's session
 * does not count here: they are sent to the operator's sign-in like anyone without one.
 */
import { resolveSignedInOperator } from "../../auth/operator-context.server";
import type { Route } from "./+types/signed-in";

export const middleware: Route.MiddlewareFunction[] = [resolveSignedInOperator];
