import { useRouteLoaderData } from "react-router";

export const ADMIN_LAYOUT_ID = "routes/admin/layout";

/** The anti-forgery token of the session, for every admin form (checked by requireCsrf). */
export function CsrfInput() {
  const data = useRouteLoaderData(ADMIN_LAYOUT_ID) as { csrf?: string } | undefined;
  return <input type="hidden" name="csrf" value={data?.csrf ?? ""} />;
}
