import { data, Form, NavLink, Outlet } from "react-router";
import { CsrfInput } from "../../components/csrf-input";
import { LanguageSwitch } from "../../components/language-switch";
import { at, roleLabel } from "../../text/admin-text";
import { getRequestLang, langCookieHeader } from "../../text/i18n";
import { canHandleComplaints, hasRole } from "../../auth/roles";
import { requireSignedInUser } from "../../auth/admin-context.server";
import type { Route } from "./+types/layout";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireSignedInUser(context);
  const lang = getRequestLang(request);
  return data(
    {
      lang,
      csrf: user.csrfToken,
      user: { username: user.username, displayName: user.displayName, role: user.role },
      organization: { th: user.organizationNameTh, en: user.organizationNameEn },
    },
    { headers: { ...langCookieHeader(request), "Cache-Control": "private, no-store" } },
  );
}

export default function AdminLayout({ loaderData }: Route.ComponentProps) {
  const { lang, user, organization } = loaderData;
  const isAdmin = hasRole(user.role, "admin");
  return (
    <div className="admin">
      <header className="topbar">
        <p className="topbar-title org">{organization[lang]}</p>
        <div className="topbar-actions">
          <NavLink className="who" to="/admin/account" title={at(lang, "navAccount")}>
            {user.displayName || user.username} · {roleLabel(lang, user.role)}
          </NavLink>
          <LanguageSwitch lang={lang} />
          <Form method="post" action="/sign-out">
            <CsrfInput />
            <button className="link-button" type="submit">
              {at(lang, "signOut")}
            </button>
          </Form>
        </div>
      </header>
      <nav className="admin-nav" aria-label={at(lang, "navMenu")}>
        <NavLink to="/admin" end>
          {at(lang, "navRounds")}
        </NavLink>
        <NavLink to="/admin/counters">{at(lang, "navCounters")}</NavLink>
        <NavLink to="/admin/trends">{at(lang, "navTrends")}</NavLink>
        <NavLink to="/admin/official-results">{at(lang, "navOfficial")}</NavLink>
        {canHandleComplaints(user.role) && <NavLink to="/admin/complaints">{at(lang, "navComplaints")}</NavLink>}
        {isAdmin && <NavLink to="/admin/users">{at(lang, "navUsers")}</NavLink>}
        {isAdmin && <NavLink to="/admin/audit">{at(lang, "navAudit")}</NavLink>}
        {isAdmin && <NavLink to="/admin/publication">{at(lang, "navPublication")}</NavLink>}
        {isAdmin && <NavLink to="/admin/notifications">{at(lang, "navNotifications")}</NavLink>}
        {isAdmin && <NavLink to="/admin/settings">{at(lang, "navSettings")}</NavLink>}
        {isAdmin && <NavLink to="/admin/webhooks">{at(lang, "navWebhooks")}</NavLink>}
      </nav>
      <Outlet />
    </div>
  );
}
