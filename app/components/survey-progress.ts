/**
 * The answers of a survey in progress, kept in the visitor's own browser (localStorage) so that a reload,
 * the back button or a phone that dropped the tab loses nothing (docs/decisions/answers-in-progress-in-the-browser.md).
 *
 * - One entry per link and instrument, `prongsai:progress:<token>:<instrument>`, never sent to the server:
 *   the answers go there only when the visitor presses send, as before.
 * - It holds the Asia/Bangkok day and nothing finer (no time of day), the page reached, the answers and the
 *   survey's submission id (so that a send whose reply was lost, sent again after a reload, is stored once:
 *   client-submission-id.md). Not the access code, nor the start stamp (which holds a time of day).
 * - Progress from an earlier day is discarded when read, and any respondent page sweeps away every link's
 *   stale entry, so a half-answered survey does not linger on a shared phone.
 * - The kiosk keeps none (a tablet is shared by one visitor after another): kiosk-app.tsx.
 *
 * The respondent page's HTML is cached and the same for everyone (respondent-page-cache.md): all of this
 * runs in the browser after hydration. No survey-core here: the phone page's HTML form
 * (app/components/survey-form-progress.ts) and the kiosk's runner give plain data.
 */
import { bangkokDate } from "../text/dates";
import { countAnsweredItems } from "../lib/answered-count";

/** localStorage's part used here (a test passes a Map-backed one). */
export interface ProgressStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface StoredProgress {
  /** The Asia/Bangkok day it was saved, YYYY-MM-DD: nothing finer. */
  day: string;
  submissionId: string;
  /** The page the visitor was on (0 = the first). */
  pageIndex: number;
  /** Field name → value, as SurveyJS holds them. */
  answers: Record<string, unknown>;
}

const PREFIX = "prongsai:progress:";

export function progressKey(token: string, instrument: string): string {
  return `${PREFIX}${token}:${instrument}`;
}

/** The Asia/Bangkok day of now (or of `at`): progress is kept for the day it was made. */
export function progressDay(at: Date = new Date()): string {
  return bangkokDate(at);
}

/** The browser's localStorage, or null when it is refused (private modes, a policy): then nothing is kept. */
export function browserProgressStorage(): ProgressStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function isStoredProgress(value: unknown): value is StoredProgress {
  if (value === null || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.day === "string" &&
    typeof v.submissionId === "string" &&
    /^[A-Za-z0-9-]{16,64}$/.test(v.submissionId) &&
    typeof v.pageIndex === "number" &&
    Number.isInteger(v.pageIndex) &&
    v.pageIndex >= 0 &&
    v.answers !== null &&
    typeof v.answers === "object" &&
    !Array.isArray(v.answers)
  );
}

/** Today's progress under `key`, or null; an entry of another day, or one that does not parse, is removed. */
export function readProgress(storage: ProgressStorage | null, key: string, today: string): StoredProgress | null {
  if (!storage) return null;
  try {
    const text = storage.getItem(key);
    if (text === null) return null;
    const parsed: unknown = JSON.parse(text);
    if (isStoredProgress(parsed) && parsed.day === today) return parsed;
    storage.removeItem(key);
  } catch {
    // unreadable (or storage refused): treated as nothing kept
    try {
      storage.removeItem(key);
    } catch {
      // storage refused
    }
  }
  return null;
}

/** Keeps `progress` (a full storage or a refusal just keeps nothing: the survey goes on). */
export function writeProgress(storage: ProgressStorage | null, key: string, progress: StoredProgress): void {
  try {
    storage?.setItem(key, JSON.stringify(progress));
  } catch {
    // quota or refusal: nothing kept
  }
}

export function clearProgress(storage: ProgressStorage | null, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // storage refused
  }
}

/** The progress keys of this browser for which `drop` says true. */
function progressKeys(storage: ProgressStorage, drop: (key: string, text: string | null) => boolean): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(PREFIX) && drop(key, storage.getItem(key))) keys.push(key);
  }
  return keys;
}

/** Removes every link's progress saved on another day than `today` (or that does not parse). */
export function sweepStaleProgress(storage: ProgressStorage | null, today: string): void {
  if (!storage) return;
  try {
    const stale = progressKeys(storage, (_key, text) => {
      try {
        const parsed: unknown = JSON.parse(text ?? "");
        return !isStoredProgress(parsed) || parsed.day !== today;
      } catch {
        return true;
      }
    });
    for (const key of stale) storage.removeItem(key);
  } catch {
    // storage refused
  }
}

/** Removes the progress of every instrument of a link: the kiosk, so that a tablet holds no visitor's answers. */
export function clearProgressOfLink(storage: ProgressStorage | null, token: string): void {
  if (!storage) return;
  try {
    for (const key of progressKeys(storage, (k) => k.startsWith(`${PREFIX}${token}:`))) storage.removeItem(key);
  } catch {
    // storage refused
  }
}

// --- counting questions as the pages number them

/** The part of a survey-core Question read here. */
export interface CountedQuestion {
  name: string;
  /** False for an html block: nothing to answer. */
  hasInput: boolean;
  /** An optional question (the EIT's suggestion) is not counted: "answered 15 of 15" is complete without it. */
  isRequired: boolean;
  isEmpty(): boolean;
  getPropertyValue(name: string): unknown;
}

/**
 * How many questions (ข้อ) are answered, of how many, by SurveyJS's questions (their `itaItem`), the rule of
 * app/lib/answered-count.ts. So the progress text agrees with the page titles ("ข้อ 1 จาก 15"), not with
 * SurveyJS's count of fields (19 in the EIT). Pass the visible questions.
 */
export function countAnsweredQuestions(questions: readonly CountedQuestion[]): { answered: number; total: number } {
  return countAnsweredItems(
    questions
      .filter((question) => question.hasInput)
      .map((question) => {
        const item = question.getPropertyValue("itaItem");
        return { name: question.name, item: typeof item === "string" && item !== "" ? item : null, required: question.isRequired, answered: !question.isEmpty() };
      }),
  );
}

/** A random id of 32 hex digits; crypto.randomUUID needs HTTPS, which a counter's LAN may lack. */
export function newSubmissionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * A note in this browser that it already answered a link today: shown as a gentle reminder, never a block
 * (phones are shared), and never sent to the server (docs/decisions/answered-today-note-in-the-browser.md).
 */
function answeredKey(token: string): string {
  return `prongsai:answered:${token}`;
}

export function wasAnsweredToday(storage: ProgressStorage | null, token: string, today: string = progressDay()): boolean {
  try {
    return storage?.getItem(answeredKey(token)) === today;
  } catch {
    return false; // storage refused: no note
  }
}

export function rememberAnswered(storage: ProgressStorage | null, token: string, today: string = progressDay()): void {
  try {
    storage?.setItem(answeredKey(token), today);
  } catch {
    // storage refused: nothing to remember
  }
}

/**
 * The phone page sends its form as an ordinary post (it works without JavaScript), so it never sees the
 * server's answer: it marks the link as being sent in sessionStorage (this tab only), and the thanks page,
 * which the server redirects to only once it has the answers, finishes the job: the kept answers are
 * cleared and the answered-today note set (app/routes/public/thanks.tsx).
 */
function sendingKey(token: string): string {
  return `prongsai:sending:${token}`;
}

export function markSending(storage: ProgressStorage | null, token: string): void {
  try {
    storage?.setItem(sendingKey(token), "1");
  } catch {
    // storage refused: the kept answers are swept at the end of the day
  }
}

/** On the thanks page: true (once) when this tab had sent the link's form. */
export function takeSending(storage: ProgressStorage | null, token: string): boolean {
  try {
    if (storage?.getItem(sendingKey(token)) !== "1") return false;
    storage.removeItem(sendingKey(token));
    return true;
  } catch {
    return false;
  }
}
