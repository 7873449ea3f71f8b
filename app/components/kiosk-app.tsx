/**
 * The kiosk (/k/:token): the survey on a tablet at a service counter, one visitor after another.
 *
 * - No way out: no link on the page, the language switches in place, the browser's back button is
 *   blocked (a history entry is pushed on arrival and every POP is refused), long-press menus are off.
 * - A completed survey is queued in the browser first (kiosk-queue.ts) and the thank-you screen shows
 *   at once; the queue sends it when it can, and the header shows how many answers wait.
 * - At each visitor's first touch the kiosk asks the server for the survey's start stamp
 *   (start-stamp.ts), so the server measures how long it took; offline, the kiosk's own measure goes
 *   with the answers, which the server believes only from a tablet enrolled for the counter
 *   (docs/decisions/kiosk-enrolment.md). A tablet that is not enrolled says so, for the staff.
 * - The thank-you screen goes back to the first page by itself, but never sooner than the minimum
 *   interval after the completion ("กรุณารอสักครู่"); a half-answered survey left alone is discarded
 *   after a warning. The timings are app/lib/kiosk-settings.ts; the rules are kiosk-timing.ts.
 * - Unlike the phone page, the kiosk keeps no answers in progress in the browser's storage: a tablet is
 *   shared by one visitor after another, and a reload (by staff) or the idle reset must never show the
 *   next visitor the previous one's answers. A half-answered survey lives in the runner's memory only,
 *   and any progress the phone page may have left on the tablet for this link is removed on arrival and
 *   at every reset (docs/decisions/answers-in-progress-in-the-browser.md). Only completed answers waiting
 *   to be sent are kept (kiosk-queue.ts).
 * - The next page comes by itself once a page's questions are answered (survey-runner.tsx, kiosk mode).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useBlocker, useLocation, useNavigate } from "react-router";
import { type Lang, t } from "../text/i18n";
import { KIOSK_QUEUE_CHECK_MS } from "../lib/kiosk-settings";
import { AccessCodeForm } from "./access-code-form";
import { KioskQueue, type StorageLike, type Submission } from "./kiosk-queue";
import { kioskText } from "./kiosk-text";
import { idleClock, thanksClock } from "./kiosk-timing";
import { PrivacyNotice } from "./privacy-notice";
import { fetchStartStamp } from "./start-stamp";
import { browserProgressStorage, clearProgressOfLink } from "./survey-progress";
import { newSubmissionId, type SurveyProgress, SurveyRunner } from "./survey-runner";

export interface KioskAppProps {
  token: string;
  /** The language the kiosk starts in (and returns to for every new visitor). */
  lang: Lang;
  instrument: "iit" | "eit";
  organization: { th: string; en: string };
  contact: { th: string; en: string };
  retentionMonths: number;
  counter: { th: string; en: string } | null;
  /** The instrument's name as respondents are shown it (the survey definition's title). */
  surveyTitle: { th: string; en: string };
  surveyJson: string;
  /** An IIT link in a round run with access codes: each visitor enters one before the survey. */
  needsCode: boolean;
  /**
   * Whether this browser is a tablet enrolled (and not revoked) as the kiosk of the link's counter. When
   * not, on an EIT link, the header tells staff that answers here count as from a phone.
   */
  enrolled: boolean;
}

type Phase = { kind: "answering" } | { kind: "thanks"; completedAt: number; restartRequested: boolean };

const FRESH: SurveyProgress = { pageIndex: 0, answered: 0, answers: {} };
/** How often the countdowns are re-evaluated; state follows Date.now(), so a coarse tick is enough. */
const TICK_MS = 250;
/** The hash of the history entry pushed on arrival: the entry that the back button cannot leave. */
const GUARD_HASH = "#kiosk";

export function KioskApp({ token, lang: startLang, instrument, organization, contact, retentionMonths, counter, surveyTitle, surveyJson, needsCode, enrolled }: KioskAppProps) {
  const [mounted, setMounted] = useState(false);
  const [lang, setLang] = useState<Lang>(startLang);
  /** Bumped for every new visitor: the runner's React key, so it remounts with a fresh model. */
  const [visitor, setVisitor] = useState(0);
  const [phase, setPhase] = useState<Phase>({ kind: "answering" });
  const [progress, setProgress] = useState<SurveyProgress>(FRESH);
  const [accessCode, setAccessCode] = useState<string | null>(null);
  const [now, setNow] = useState(0);
  const lastActivity = useRef(0);
  /** The visitor's first touch on a fresh survey: the start of the kiosk's own durationSeconds. */
  const startedAt = useRef<number | null>(null);
  /** The visitor's submission id (the runner's), and the start stamp the server gave for it at the first touch. */
  const [submissionId, setSubmissionId] = useState(newSubmissionId);
  const currentId = useRef(submissionId);
  const startStamp = useRef<{ submissionId: string; stamp: string } | null>(null);
  const touchedSinceReset = useRef(false);
  const { queue, pending, roundClosed } = useKioskQueue(token);
  const fullscreen = useFullscreen();
  useNoWayBack();

  useEffect(() => {
    setMounted(true);
    clearProgressOfLink(browserProgressStorage(), token);
    lastActivity.current = Date.now();
    setNow(Date.now());
    const tick = setInterval(() => setNow(Date.now()), TICK_MS);
    const touched = () => {
      lastActivity.current = Date.now();
      if (startedAt.current === null) {
        startedAt.current = lastActivity.current;
        // The server's measure of this visitor's survey starts now (kept only if it is still this visitor's).
        const id = currentId.current;
        void fetchStartStamp(token, id).then((stamp) => {
          if (stamp && currentId.current === id) startStamp.current = { submissionId: id, stamp };
        });
      }
      touchedSinceReset.current = true;
      setNow(Date.now());
    };
    const events = ["pointerdown", "touchstart", "keydown", "wheel"] as const;
    for (const name of events) document.addEventListener(name, touched, { capture: true, passive: true });
    // A long press would open the browser's menu (copy, search, open in a new tab…).
    const noMenu = (event: Event) => event.preventDefault();
    document.addEventListener("contextmenu", noMenu);
    // The thank-you screen is drawn at once, even offline: fetch its fonts (Thai and Latin, both
    // weights) now, while the network is there, rather than when it is first needed.
    void Promise.all(["400", "600"].map((weight) => document.fonts?.load(`${weight} 20px Sarabun`, "ขอบคุณ Thank you"))).catch(
      () => undefined,
    );
    return () => {
      clearInterval(tick);
      for (const name of events) document.removeEventListener(name, touched, { capture: true });
      document.removeEventListener("contextmenu", noMenu);
    };
  }, [token]);

  // The page's language follows the in-place switch (the root layout rendered the loader's).
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const startAgain = useCallback(() => {
    setVisitor((n) => n + 1);
    setLang(startLang);
    setPhase({ kind: "answering" });
    setProgress(FRESH);
    setAccessCode(null);
    const next = newSubmissionId();
    currentId.current = next;
    setSubmissionId(next);
    startStamp.current = null;
    lastActivity.current = Date.now();
    startedAt.current = null;
    touchedSinceReset.current = false;
    clearProgressOfLink(browserProgressStorage(), token);
    window.scrollTo(0, 0);
  }, [startLang, token]);

  // Nothing to lose on the untouched first page in the kiosk's own language: no idle countdown there.
  // (With access codes, the code form is the first page: a half-typed code counts as started.)
  const pristine =
    progress.pageIndex === 0 &&
    progress.answered === 0 &&
    lang === startLang &&
    accessCode === null &&
    !(needsCode && touchedSinceReset.current);
  const idle = mounted && phase.kind === "answering" && !pristine ? idleClock(now, lastActivity.current) : null;
  // (max: the tick's `now` may be a moment older than the completion.)
  const thanks = phase.kind === "thanks" ? thanksClock(Math.max(now, phase.completedAt), phase.completedAt, phase.restartRequested) : null;
  const expired = !!idle?.expired || !!thanks?.expired;
  useEffect(() => {
    if (expired) startAgain();
  }, [expired, startAgain]);

  const restartNow = () => {
    if (phase.kind !== "thanks") return;
    if (thanks?.canRestart) startAgain();
    else setPhase({ ...phase, restartRequested: true });
  };

  const submit = useCallback(
    async (submission: { submissionId: string; answers: Record<string, unknown> }) => {
      // Queued before anything else: the visitor never waits for the network, and nothing is lost if
      // it is down. The queue keeps the entry until the server has it.
      const outbox = queue.current;
      if (!outbox) return false; // not mounted yet: the runner keeps the answers and offers to send again
      const completedAt = Date.now();
      const entry: Submission = {
        ...submission,
        durationSeconds: Math.round((completedAt - (startedAt.current ?? completedAt)) / 1000),
      };
      if (accessCode) entry.accessCode = accessCode;
      const stamp = startStamp.current;
      if (stamp?.submissionId === submission.submissionId) entry.startStamp = stamp.stamp;
      outbox.add(entry);
      setPhase({ kind: "thanks", completedAt, restartRequested: false });
      setNow(completedAt);
      void outbox.flush();
      return true;
    },
    [queue, accessCode],
  );

  // The same element between ticks, so the 4-per-second clock does not re-render SurveyJS.
  const runner = useMemo(
    () => (
      <SurveyRunner
        key={visitor}
        submissionId={submissionId}
        mode="kiosk"
        surveyJson={surveyJson}
        lang={lang}
        onSubmit={submit}
        onProgress={setProgress}
        texts={{ sending: t(lang, "sending"), sendFailed: t(lang, "sendFailed"), sendAgain: t(lang, "sendAgain") }}
      />
    ),
    [visitor, submissionId, surveyJson, lang, submit],
  );

  const otherLang: Lang = lang === "th" ? "en" : "th";
  return (
    <div className="kiosk" lang={lang}>
      <header className="kiosk-bar">
        <h1 className="kiosk-title">
          <span className="org">{organization[lang]}</span>
          <span>{counter ? counter[lang] : surveyTitle[lang]}</span>
        </h1>
        <div className="kiosk-actions">
          {!enrolled && instrument === "eit" && (
            <span className="kiosk-not-enrolled" title={kioskText(lang, "notEnrolledHint")}>
              {kioskText(lang, "notEnrolled")}
            </span>
          )}
          <div role="status" className="kiosk-pending-slot">
            {pending > 0 && roundClosed && (
              <span className="kiosk-pending kiosk-round-closed">{kioskText(lang, "roundClosed", { n: pending })}</span>
            )}
            {pending > 0 && !roundClosed && (
              <span className="kiosk-pending" title={kioskText(lang, "pendingHint")}>
                {kioskText(lang, "pending", { n: pending })}
              </span>
            )}
          </div>
          <button type="button" className="kiosk-button kiosk-lang" lang={otherLang} onClick={() => setLang(otherLang)}>
            {t(lang, "switchLanguage")}
          </button>
          {fullscreen.available && !fullscreen.active && (
            <button type="button" className="kiosk-button" onClick={fullscreen.enter}>
              {kioskText(lang, "fullscreen")}
            </button>
          )}
        </div>
      </header>
      <main className="kiosk-main">
        {!mounted && (
          <p className="survey-loading" role="status">
            {t(lang, "loadingSurvey")}
          </p>
        )}
        {mounted && phase.kind === "answering" && (needsCode && !accessCode ? (
          <AccessCodeForm key={visitor} token={token} lang={lang} onAccepted={setAccessCode} />
        ) : (
          runner
        ))}
        {thanks && (
          <section className="kiosk-thanks" aria-labelledby="kiosk-thanks-title">
            <div aria-hidden="true" className="thanks-mark">
              ✓
            </div>
            <h2 id="kiosk-thanks-title">{t(lang, "thanksTitle")}</h2>
            <p className="lead">{kioskText(lang, "thanksBody")}</p>
            <p>{t(lang, "thanksAnonymous")}</p>
            {thanks.waiting ? (
              <p className="kiosk-wait" role="status">
                <strong>{kioskText(lang, "pleaseWait")}</strong>
                <span>{kioskText(lang, "waitFor", { n: thanks.secondsLeft })}</span>
              </p>
            ) : (
              <>
                <p className="kiosk-countdown" role="timer" aria-live="off">
                  {kioskText(lang, "restartIn", { n: thanks.secondsLeft })}
                </p>
                <button type="button" className="kiosk-button kiosk-primary" onClick={restartNow}>
                  {kioskText(lang, "restartNow")}
                </button>
              </>
            )}
          </section>
        )}
        <noscript>
          <p className="alert">{t(lang, "noScript")}</p>
        </noscript>
        <PrivacyNotice lang={lang} instrument={instrument} organization={organization} contact={contact} retentionMonths={retentionMonths} />
      </main>
      {idle?.warning && (
        <div className="kiosk-idle" role="alertdialog" aria-modal="true" aria-labelledby="kiosk-idle-title">
          <div className="kiosk-idle-box">
            <h2 id="kiosk-idle-title">{kioskText(lang, "idleTitle")}</h2>
            <p>{kioskText(lang, "idleBody", { n: idle.secondsLeft })}</p>
            {/* Any touch anywhere keeps the answers (the document listener); the button says so. */}
            <button type="button" className="kiosk-button kiosk-primary">
              {kioskText(lang, "idleContinue")}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/** The browser's localStorage, or null when the browser refuses it (the queue then keeps to memory). */
function browserStorage(): StorageLike | null {
  try {
    const storage = window.localStorage;
    const probe = "prongsai:probe";
    storage.setItem(probe, "1");
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

async function postAnswers(token: string, submission: Submission): Promise<number> {
  const response = await fetch(`/s/${encodeURIComponent(token)}/answers`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(submission),
  });
  await response.body?.cancel();
  return response.status;
}

/**
 * The outbox of this kiosk: flushed on arrival, on every completion, when the browser says it is
 * online again, when a retry falls due and every KIOSK_QUEUE_CHECK_MS.
 */
function useKioskQueue(token: string) {
  const queue = useRef<KioskQueue | null>(null);
  // 0 until mounted: the server cannot know, and the first render must match its HTML.
  const [pending, setPending] = useState(0);
  const [roundClosed, setRoundClosed] = useState(false);

  useEffect(() => {
    let retry: ReturnType<typeof setTimeout> | undefined;
    const outbox = new KioskQueue({
      token,
      storage: browserStorage(),
      send: (submission) => postAnswers(token, submission),
      isOnline: () => navigator.onLine,
      onChange: () => {
        setPending(outbox.size);
        setRoundClosed(outbox.roundClosed);
        clearTimeout(retry);
        const wait = outbox.nextAttemptAt - Date.now();
        if (outbox.nextAttemptAt > 0 && outbox.size > 0) retry = setTimeout(() => void outbox.flush(), Math.max(wait, 0));
      },
      // The status only: the answers and their id are nobody's business in a console.
      onDrop: (status) => console.warn(`kiosk: the server refused a queued answer for good (HTTP ${status}); it was dropped`),
    });
    queue.current = outbox;
    setPending(outbox.size);
    const online = () => void outbox.flushNow();
    window.addEventListener("online", online);
    const check = setInterval(() => {
      setPending(outbox.size);
      if (outbox.isDue()) void outbox.flush();
    }, KIOSK_QUEUE_CHECK_MS);
    void outbox.flush();
    return () => {
      window.removeEventListener("online", online);
      clearInterval(check);
      clearTimeout(retry);
      queue.current = null;
    };
  }, [token]);

  return { queue, pending, roundClosed };
}

/** requestFullscreen where the browser offers it; the button hides once the kiosk is full screen. */
function useFullscreen() {
  const [available, setAvailable] = useState(false);
  const [active, setActive] = useState(false);
  useEffect(() => {
    setAvailable(!!document.fullscreenEnabled);
    const changed = () => setActive(!!document.fullscreenElement);
    changed();
    document.addEventListener("fullscreenchange", changed);
    return () => document.removeEventListener("fullscreenchange", changed);
  }, []);
  const enter = useCallback(() => {
    // Refused without a user gesture or by policy: the kiosk then simply stays as it is.
    void document.documentElement.requestFullscreen?.({ navigationUI: "hide" }).catch(() => undefined);
  }, []);
  return { available, active, enter };
}

/**
 * The back button goes nowhere: one history entry (a hash, so no loader runs and nothing is fetched,
 * which matters offline) is pushed on arrival, and React Router's blocker refuses every POP, putting the
 * visitor back on that entry.
 */
function useNoWayBack() {
  const navigate = useNavigate();
  const location = useLocation();
  const pushed = useRef(false);
  useEffect(() => {
    if (pushed.current || location.hash === GUARD_HASH) return;
    pushed.current = true;
    void navigate({ hash: GUARD_HASH }, { preventScrollReset: true });
  }, [navigate, location.hash]);
  const blocker = useBlocker(({ historyAction }) => historyAction === "POP");
  useEffect(() => {
    if (blocker.state === "blocked") blocker.reset();
  }, [blocker]);
}
