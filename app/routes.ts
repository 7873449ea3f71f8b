/** The one explicit route table. */
import { index, layout, route, type RouteConfig } from "@react-router/dev/routes";

export default [
  index("routes/public/home.tsx"),
  // Respondent pages, reached by link or QR code: no sign-in.
  route("s/:token", "routes/public/survey.tsx"),
  route("s/:token/answers", "routes/public/survey-answers.ts"),
  route("s/:token/code", "routes/public/survey-code.ts"),
  route("s/:token/thanks", "routes/public/thanks.tsx"),
  // The survey's start stamp, fetched when a survey begins (app/services/start-stamp.server.ts).
  route("s/:token/start", "routes/public/survey-start.ts"),
  route("k/:token", "routes/public/kiosk.tsx"),
  // An enrolled kiosk tablet's home: its counter's kiosk in the open round (docs/decisions/kiosk-enrolment.md).
  route("kiosk", "routes/public/kiosk-home.tsx"),
  // Permanent links printed once for years (issue 11): resolved to the open round's /s/ link.
  route("c/:token", "routes/public/counter-link.tsx"),
  route("staff/:token", "routes/public/staff-link.tsx"),
  // Complaints of corruption and misconduct (issue 16): the agency's public form, the complainant's status
  // page, the handling guideline and the published statistics (page and CSV). No sign-in.
  route("complaints/:slug", "routes/public/complaints/form.tsx"),
  route("complaints/:slug/status", "routes/public/complaints/status.tsx"),
  route("complaints/:slug/guideline", "routes/public/complaints/guideline.tsx"),
  route("complaints/:slug/statistics", "routes/public/complaints/statistics.tsx"),
  route("complaints/:slug/statistics.csv", "routes/resources/complaint-statistics-csv.ts"),
  // The agency's public transparency page (issue 17): what its admins published on /admin/publication —
  // rounds' reports, measures and counter satisfaction, complaint statistics. No sign-in; a 404 until
  // published. Served from app/server/public-page-cache.server.ts.
  route("agency/:slug", "routes/public/agency/agency.tsx"),
  route("agency/:slug/rounds/:roundId", "routes/public/agency/round.tsx"),
  route("qr/:file", "routes/resources/qr-svg.ts"),
  // The agency's logo, public as the posters that print it (issue 11, item 2).
  route("logo/:slug", "routes/resources/agency-logo.ts"),
  route("sign-in", "routes/public/sign-in.tsx"),
  // The second step of a sign-in with a second factor (app/auth/second-factor.server.ts).
  route("sign-in/code", "routes/public/sign-in-code.tsx"),
  route("sign-out", "routes/public/sign-out.ts"),
  // Signed-in pages, print pages, the PDF and the exports: the middleware of routes/admin/signed-in.ts
  // resolves the user and their agency once per request (app/auth/admin-context.server.ts); loaders and
  // actions read it and check the role they need.
  layout("routes/admin/signed-in.ts", [
    layout("routes/admin/layout.tsx", [
      route("admin", "routes/admin/rounds.tsx"),
      route("admin/rounds/:roundId", "routes/admin/dashboard/route.tsx"),
      route("admin/rounds/:roundId/results", "routes/admin/round-results/route.tsx"),
      route("admin/trends", "routes/admin/trends.tsx"),
      route("admin/official-results", "routes/admin/official-results.tsx"),
      route("admin/users", "routes/admin/users.tsx"),
      route("admin/account", "routes/admin/account.tsx"),
      route("admin/settings", "routes/admin/settings.tsx"),
      // What the agency's public page shows (issue 17), for admins.
      route("admin/publication", "routes/admin/publication.tsx"),
      route("admin/audit", "routes/admin/audit.tsx"),
      // E-mail notifications (issue 17): whether e-mail is on, the agency's alerts, a test e-mail, the log.
      route("admin/notifications", "routes/admin/notifications.tsx"),
      // Signed webhooks (issue 17, item 3): admins register URLs for events; the delivery log.
      route("admin/webhooks", "routes/admin/webhooks.tsx"),
      route("admin/counters", "routes/admin/counters.tsx"),
      route("admin/rounds/:roundId/links", "routes/admin/round-links.tsx"),
      route("admin/rounds/:roundId/codes", "routes/admin/access-codes.tsx"),
      route("admin/rounds/:roundId/flagged", "routes/admin/flagged.tsx"),
      // Visitors' suggestions of the round (issue 15): read, search, mark, make a measure of one.
      route("admin/rounds/:roundId/suggestions", "routes/admin/suggestions/route.tsx"),
      route("admin/rounds/:roundId/oit", "routes/admin/oit-checklist/route.tsx"),
      route("admin/rounds/:roundId/measures", "routes/admin/measures/route.tsx"),
      // ?measure=ID edits a measure, ?from=CODE starts from a proposal, ?suggestion=ID from a visitor's
      // suggestion, none adds a blank one.
      route("admin/rounds/:roundId/measures/edit", "routes/admin/measure-edit/route.tsx"),
      // Complaint cases (issue 16): admins and complaint handlers; the guideline, admins.
      route("admin/complaints", "routes/admin/complaints/list.tsx"),
      route("admin/complaints/guideline", "routes/admin/complaints/guideline.tsx"),
      route("admin/complaints/:caseId", "routes/admin/complaints/case.tsx"),
    ]),
    // A complaint's file, always downloaded (never a page), for the handlers of the case.
    route("admin/complaints/:caseId/attachments/:attachmentId", "routes/resources/complaint-attachment.ts"),
    // Printable pages: outside the admin chrome so that they print clean.
    route("admin/rounds/:roundId/posters", "routes/admin/posters.tsx"),
    route("admin/rounds/:roundId/codes/slips", "routes/admin/code-slips.tsx"),
    route("admin/rounds/:roundId/report", "routes/admin/report.tsx"),
    // The same report as PDF, printed by the server's Chromium.
    route("admin/rounds/:roundId/report.pdf", "routes/resources/report-pdf.ts"),
    // Exports, streamed.
    route("admin/rounds/:roundId/responses.csv", "routes/resources/export-csv.ts"),
    route("admin/rounds/:roundId/responses.xlsx", "routes/resources/export-xlsx.ts"),
    // What each column of the CSV export holds: its question, options and scores (the XLSX has it as a sheet).
    route("admin/rounds/:roundId/questions.csv", "routes/resources/export-questions-csv.ts"),
    // A framework's OIT list as the sheet an ITA officer fills (docs/frameworks.md), for admins.
    route("admin/frameworks/:frameworkId/oit-template.xlsx", "routes/resources/oit-template.ts"),
  ]),
  // The host operator (installation level, docs/decisions/host-operator.md): its own sign-in and session;
  // the middleware of routes/operator/signed-in.ts resolves the operator once per request.
  route("operator/sign-in", "routes/operator/sign-in.tsx"),
  route("operator/sign-out", "routes/operator/sign-out.ts"),
  layout("routes/operator/signed-in.ts", [route("operator", "routes/operator/agencies.tsx"), route("operator/account", "routes/operator/account.tsx")]),
  route("healthz", "routes/resources/healthz.ts"),
  route("survey-theme.css", "routes/resources/survey-theme-css.ts"),
  route("*", "routes/public/not-found.tsx"),
] satisfies RouteConfig;
