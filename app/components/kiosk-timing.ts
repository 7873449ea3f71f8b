/**
 * What the kiosk's clocks say at a given moment, as pure functions of times in epoch milliseconds, so
 * the rules are table-tested (test/unit/kiosk-queue.test.ts) and the screen only renders them. The
 * component re-evaluates them every tick from Date.now(), so a clock that jumps (Playwright's
 * page.clock.fastForward, a tablet waking from sleep) lands in the right state at once.
 */
import {
  KIOSK_IDLE_SECONDS,
  KIOSK_IDLE_WARNING_SECONDS,
  KIOSK_MIN_INTERVAL_SECONDS,
  KIOSK_THANKS_SECONDS,
} from "../lib/kiosk-settings";

export interface KioskTimings {
  thanksSeconds: number;
  minIntervalSeconds: number;
  idleSeconds: number;
  idleWarningSeconds: number;
}

export const KIOSK_TIMINGS: KioskTimings = {
  thanksSeconds: KIOSK_THANKS_SECONDS,
  minIntervalSeconds: KIOSK_MIN_INTERVAL_SECONDS,
  idleSeconds: KIOSK_IDLE_SECONDS,
  idleWarningSeconds: KIOSK_IDLE_WARNING_SECONDS,
};

export interface ThanksClock {
  /** When the kiosk goes back to the first page by itself. */
  resetAt: number;
  /** Whole seconds until then, for the countdown (never negative). */
  secondsLeft: number;
  /** "เริ่มใหม่ทันที" may start the next survey now: the minimum interval has passed. */
  canRestart: boolean;
  /** Show "กรุณารอสักครู่": a restart is wanted (asked for, or the thank-you time is over) but the interval holds it. */
  waiting: boolean;
  expired: boolean;
}

/**
 * The thank-you screen after a completion at `completedAt`. It resets at the later of the thank-you
 * time and the minimum interval; "เริ่มใหม่ทันที" (restartRequested) shortens it to the interval.
 */
export function thanksClock(now: number, completedAt: number, restartRequested: boolean, timings = KIOSK_TIMINGS): ThanksClock {
  const thanksEnd = completedAt + timings.thanksSeconds * 1000;
  const intervalEnd = completedAt + timings.minIntervalSeconds * 1000;
  const resetAt = restartRequested ? intervalEnd : Math.max(thanksEnd, intervalEnd);
  const canRestart = now >= intervalEnd;
  return {
    resetAt,
    secondsLeft: Math.max(0, Math.ceil((resetAt - now) / 1000)),
    canRestart,
    waiting: !canRestart && (restartRequested || now >= thanksEnd),
    expired: now >= resetAt,
  };
}

export interface IdleClock {
  /** Show "ยังตอบอยู่ไหม?". */
  warning: boolean;
  /** Whole seconds until the answers are discarded (never negative). */
  secondsLeft: number;
  expired: boolean;
}

/** A survey in progress whose last touch was at `lastActivity`. */
export function idleClock(now: number, lastActivity: number, timings = KIOSK_TIMINGS): IdleClock {
  const expireAt = lastActivity + timings.idleSeconds * 1000;
  const warnAt = expireAt - timings.idleWarningSeconds * 1000;
  return {
    warning: now >= warnAt && now < expireAt,
    secondsLeft: Math.max(0, Math.ceil((expireAt - now) / 1000)),
    expired: now >= expireAt,
  };
}
