/** The one explicit route table. */
import { index, layout, route, type RouteConfig } from "@react-router/dev/routes";

export default [
  index("routes/public/home.tsx"),
  // Respondent pages, reached by link or QR code: no sign-in.
  route("s/:token", "routes/public/survey.tsx"),
  route("s/:token/answers", "routes/public/survey-answers.ts"),
  route("s/:token/thanks", "routes/public/thanks.tsx"),
  route("sign-in", "routes/public/sign-in.tsx"),
  route("sign-out", "routes/public/sign-out.ts"),
  // Signed-in pages: every loader and action calls requireUser itself (app/lib/session.server.ts).
  layout("routes/admin/layout.tsx", [
    route("admin", "routes/admin/rounds.tsx"),
    route("admin/rounds/:roundId/results", "routes/admin/round-results.tsx"),
  ]),
  route("healthz", "routes/resources/healthz.ts"),
  route("survey-theme.css", "routes/resources/survey-theme-css.ts"),
  route("*", "routes/public/not-found.tsx"),
] satisfies RouteConfig;
