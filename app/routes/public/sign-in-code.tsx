/**
 * The second step of a sign-in (issue 14, item 8): after the right password of a user with a second
 * factor, a code from the authenticator app or a recovery code. Reached only with the signed challenge
 * cookie that /sign-in set; without it (or after its five minutes) the user starts again at /sign-in.
 */
import { data, Form, redirect, useNavigation } from "react-router";
import { PlainTopbar } from "../../components/plain-topbar";
import { checkSecondStep, clearChallengeCookie, readChallenge } from "../../auth/second-factor.server";
import { createSessionCookie, safeNextPath } from "../../auth/session.server";
import { getSecondFactorState } from "../../../db/queries/second-factor";
import { getDb } from "../../lib/db.server";
import { readFormData } from "../../lib/http";
import { recordAudit } from "../../services/audit.server";
import { at } from "../../text/admin-text";
import { defineTexts, getRequestLang, t } from "../../text/i18n";
import type { Route } from "./+types/sign-in-code";

const say = defineTexts({
  title: { th: "ยืนยันตัวตนขั้นที่สอง", en: "Second step" },
  lead: {
    th: "เปิดแอปยืนยันตัวตนในโทรศัพท์ของท่าน (เช่น Google Authenticator หรือ Microsoft Authenticator) แล้วพิมพ์รหัส 6 หลักที่แสดงอยู่",
    en: "Open the authenticator app on your phone (such as Google Authenticator or Microsoft Authenticator) and type the 6-digit code it shows.",
  },
  code: { th: "รหัส 6 หลัก หรือรหัสกู้คืน", en: "6-digit code, or a recovery code" },
  recoveryHint: {
    th: "ไม่มีโทรศัพท์อยู่กับตัว? พิมพ์รหัสกู้คืนที่ท่านเก็บไว้ตอนเปิดใช้แทนได้ แต่ละรหัสใช้ได้ครั้งเดียว",
    en: "No phone at hand? Type one of the recovery codes you kept when you turned this on; each works once.",
  },
  confirm: { th: "ยืนยัน", en: "Confirm" },
  wrong: {
    th: "รหัสไม่ถูกต้อง ใช้ไปแล้ว หรือลองหลายครั้งเกินไป กรุณารอสักครู่แล้วลองรหัสใหม่",
    en: "The code is wrong, was used already, or there were too many tries: wait a moment and try a new code.",
  },
  startAgain: { th: "เริ่มเข้าสู่ระบบใหม่", en: "Start signing in again" },
});

export async function loader({ request }: Route.LoaderArgs) {
  const next = safeNextPath(new URL(request.url).searchParams.get("next"));
  if (!readChallenge(request, new Date())) throw redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  return { lang: getRequestLang(request), next };
}

export async function action({ request }: Route.ActionArgs) {
  const lang = getRequestLang(request);
  const now = new Date();
  const form = await readFormData(request);
  const next = safeNextPath(form?.get("next"));
  const challenge = readChallenge(request, now);
  // Expired or never made: back to the password, where the throttle of sign-in applies.
  if (!challenge) throw redirect(`/sign-in?next=${encodeURIComponent(next)}`, { headers: { "Set-Cookie": clearChallengeCookie() } });
  if (!form) return data({ error: at(lang, "formUnreadable") }, { status: 400 });
  const db = getDb();
  const state = await getSecondFactorState(db, challenge.userId);
  if (!state) throw redirect("/sign-in", { headers: { "Set-Cookie": clearChallengeCookie() } });
  const result = await checkSecondStep(db, challenge.userId, String(form.get("code") ?? ""), now);
  const audit = (action: string, detail: Record<string, unknown>, signedIn: boolean) =>
    recordAudit(db, { organizationId: state.organizationId, userId: signedIn ? state.userId : null }, action, `user:${state.userId}`, detail, now);
  if (!result.ok) {
    await audit("user.second-factor-failed", { throttled: result.waited }, false);
    return data({ error: say(lang, "wrong") }, { status: 401 });
  }
  await audit("user.sign-in", { second_factor: result.method, ...(result.method === "recovery" ? { recovery_codes_left: result.recoveryCodesLeft } : {}) }, true);
  const headers = new Headers();
  headers.append("Set-Cookie", clearChallengeCookie());
  headers.append("Set-Cookie", await createSessionCookie(db, challenge.userId, now));
  throw redirect(next, { headers });
}

export function meta({ loaderData }: Route.MetaArgs) {
  return [{ title: `${say(loaderData?.lang ?? "th", "title")} · ${t(loaderData?.lang ?? "th", "appName")}` }];
}

export default function SignInCode({ loaderData, actionData }: Route.ComponentProps) {
  const { lang, next } = loaderData;
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <PlainTopbar lang={lang} title={t(lang, "appName")} />
      <main className="page page-narrow">
        <h1>{say(lang, "title")}</h1>
        <p className="muted">{say(lang, "lead")}</p>
        <Form method="post" className="card form-stack">
          <input type="hidden" name="next" value={next} />
          {actionData?.error && (
            <p className="alert" role="alert" data-testid="code-error">
              {actionData.error}
            </p>
          )}
          <label>
            {say(lang, "code")}
            <input name="code" autoComplete="one-time-code" inputMode="text" autoCapitalize="off" spellCheck={false} required autoFocus maxLength={40} className="otp-input" />
          </label>
          <p className="muted small">{say(lang, "recoveryHint")}</p>
          <button className="button" type="submit" disabled={busy}>
            {say(lang, "confirm")}
          </button>
        </Form>
        <p>
          <a href={`/sign-in?next=${encodeURIComponent(next)}`}>{say(lang, "startAgain")}</a>
        </p>
      </main>
    </>
  );
}
