import { useState } from "react";
import { type Lang, t } from "../text/i18n";

/**
 * The staff access code, checked before the survey starts (not used yet: it is used with the
 * answers). A slip's QR code fills it in through ?code=.
 */
export function AccessCodeForm({ token, lang, onAccepted }: { token: string; lang: Lang; onAccepted: (code: string) => void }) {
  const [code, setCode] = useState(() => (typeof window === "undefined" ? "" : (new URL(window.location.href).searchParams.get("code") ?? "")));
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  const check = async (event: React.FormEvent) => {
    event.preventDefault();
    setState({ busy: true, error: null });
    try {
      const response = await fetch(`/s/${encodeURIComponent(token)}/code`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ code }),
      });
      if (response.status === 204) return onAccepted(code);
      const body = (await response.json()) as { message: string; messageEn: string };
      setState({ busy: false, error: lang === "th" ? body.message : body.messageEn });
    } catch {
      setState({ busy: false, error: t(lang, "codeNetwork") });
    }
  };

  return (
    <form className="page page-narrow form-stack code-form" onSubmit={check}>
      <h2>{t(lang, "codeTitle")}</h2>
      <p>{t(lang, "codeLead")}</p>
      {state.error && (
        <p className="alert" role="alert">
          {state.error}
        </p>
      )}
      <label>
        {t(lang, "codeLabel")}
        <input
          className="code-input"
          name="code"
          value={code}
          onChange={(e) => setCode(e.target.value.toUpperCase())}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          maxLength={12}
        />
      </label>
      <button className="button" type="submit" disabled={state.busy}>
        {state.busy ? t(lang, "codeChecking") : t(lang, "codeSubmit")}
      </button>
    </form>
  );
}
