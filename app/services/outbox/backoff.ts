/**
 * When a failed delivery is tried again (docs/decisions/outbox.md): one minute after the first failure, then
 * twice as long each time, at most six hours apart; after MAX_DELIVERY_ATTEMPTS attempts (the last about
 * 20.5 hours after the first: 1 + 2 + … + 256 minutes, then 6 hours twice; enough to outlast a mail
 * server's maintenance night) the message is given up ('failed').
 */
export const FIRST_RETRY_MS = 60_000;
export const LONGEST_RETRY_MS = 6 * 60 * 60 * 1000;
export const MAX_DELIVERY_ATTEMPTS = 12;

/** The wait before the next attempt after `attempts` attempts (1 or more) failed, in milliseconds. */
export function retryDelayMs(attempts: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  return Math.min(FIRST_RETRY_MS * 2 ** exponent, LONGEST_RETRY_MS);
}

/** Whether a message that failed its `attempts`-th attempt is given up. */
export function givesUp(attempts: number): boolean {
  return attempts >= MAX_DELIVERY_ATTEMPTS;
}
