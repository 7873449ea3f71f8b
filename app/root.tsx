// Sarabun in the two weights and the two scripts the pages use (Thai and Latin), font-display: swap.
import "./styles/fonts.css";
import "./styles/app.css";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import { getRequestLang, type Lang, t } from "./text/i18n";

export function loader({ request }: Route.LoaderArgs) {
  return { lang: getRequestLang(request) };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const lang: Lang = data?.lang ?? "th";
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#1d4e89" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** The unexpected only: validation errors are answered by the routes themselves. */
export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const lang: Lang = data?.lang ?? "th";
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  // A 4xx thrown on purpose (e.g. 403 for a role) carries its own Thai and English message.
  const own = isRouteErrorResponse(error) && error.status < 500 ? (error.data as { message?: string; messageEn?: string } | null) : null;
  const ownMessage = own && typeof own === "object" ? (lang === "th" ? own.message : own.messageEn) : undefined;
  const stack = import.meta.env.DEV && error instanceof Error ? error.stack : undefined;
  return (
    <main className="page page-narrow message-page">
      <h1>{t(lang, notFound ? "notFoundTitle" : "errorTitle")}</h1>
      <p className="lead">{ownMessage ?? t(lang, notFound ? "notFoundBody" : "errorBody")}</p>
      {stack && <pre className="stack">{stack}</pre>}
    </main>
  );
}
