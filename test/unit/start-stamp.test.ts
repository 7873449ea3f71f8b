/**
 * The start stamp (app/services/start-stamp.server.ts) and the too-fast and burst flags it and the kiosk
 * enrolment feed (app/services/response-quality.ts), with the clock and the key given: the server's
 * measure of a survey's duration, what makes it unknown, and what unknown means
 * (docs/decisions/kiosk-enrolment.md).
 */
import { describe, expect, it } from "vitest";
import { getFramework } from "../../app/lib/frameworks.server";
import { detectNoise } from "../../app/services/response-quality";
import { issueStartStamp, secondsSinceStart, STAMP_STEP_SECONDS } from "../../app/services/start-stamp.server";
import { listInstrumentFields } from "../../app/services/validate-answers";

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);
const ID = "0123456789abcdef0123456789abcdef";
const START = new Date("2026-12-04T02:15:03.400Z");
const later = (seconds: number) => new Date(START.getTime() + seconds * 1000);

describe("start stamps", () => {
  it("carry the start time floored to a few seconds and a signature, nothing else", () => {
    const stamp = issueStartStamp(ID, START, KEY);
    const floored = Math.floor(START.getTime() / 1000 / STAMP_STEP_SECONDS) * STAMP_STEP_SECONDS;
    expect(stamp).toMatch(new RegExp(`^s1\\.${floored}\\.[A-Za-z0-9_-]{43}$`));
    expect(stamp).not.toContain(ID);
    // Everyone who starts within the same few seconds gets the same time.
    expect(issueStartStamp(ID, new Date(floored * 1000 + 4_999), KEY)).toBe(stamp);
  });

  it("measure the seconds from the start to now (the start floored: never shorter than it was)", () => {
    const stamp = issueStartStamp(ID, START, KEY);
    expect(secondsSinceStart(stamp, ID, later(3), KEY)).toBeGreaterThanOrEqual(3);
    expect(secondsSinceStart(stamp, ID, later(3), KEY)).toBeLessThan(3 + STAMP_STEP_SECONDS + 1);
    expect(secondsSinceStart(stamp, ID, later(600), KEY)).toBeGreaterThanOrEqual(600);
    // Days later (a kiosk that was offline): still a valid stamp, a long survey.
    expect(secondsSinceStart(stamp, ID, later(3 * 86_400), KEY)).toBeGreaterThanOrEqual(3 * 86_400);
  });

  it.each([
    ["no stamp", undefined, ID, KEY, 600],
    ["another submission's stamp", issueStartStamp("fedcba9876543210fedcba9876543210", START, KEY), ID, KEY, 600],
    ["a stamp signed with another key", issueStartStamp(ID, START, OTHER_KEY), ID, KEY, 600],
    ["a stamp whose time was moved back", issueStartStamp(ID, START, KEY).replace(/^s1\.(\d+)/, (_, s: string) => `s1.${Number(s) - 3600}`), ID, KEY, 600],
    ["garbage", "s1.123.abc", ID, KEY, 600],
    ["a stamp from the future", issueStartStamp(ID, later(3600), KEY), ID, KEY, 0],
  ] as const)("make the duration unknown for %s", (_name, stamp, id, key, after) => {
    expect(secondsSinceStart(stamp, id, later(after), key)).toBeNull();
  });
});

describe("the too-fast and burst flags", () => {
  const framework = getFramework("ita-2565");
  /** Every field answered, the options varied (the same option everywhere is flagged "identical"). */
  const makeAnswers = (instrument: "iit" | "eit") =>
    Object.fromEntries(
      listInstrumentFields(framework, instrument).map((field, i) => {
        const options = framework.scales[field.scale]!.options;
        return [field.name, options[i % options.length]!.value];
      }),
    );
  const answers = makeAnswers("eit");
  const eitFields = 19;
  const minimum = framework.respondentQuality.minimumSecondsPerField * eitFields;
  const burst = framework.respondentQuality.burstMaximumPerAddress + 1;

  it("flag a survey started 3 s before it arrived, and pass one that took long enough", () => {
    const stamp = issueStartStamp(ID, START, KEY);
    const quick = secondsSinceStart(stamp, ID, later(3), KEY);
    expect(detectNoise(framework, "eit", answers, { durationSeconds: quick, recentFromAddress: 1, channel: "phone" })).toBe("too-fast");
    const slow = secondsSinceStart(stamp, ID, later(minimum + 1), KEY);
    expect(detectNoise(framework, "eit", answers, { durationSeconds: slow, recentFromAddress: 1, channel: "phone" })).toBeNull();
  });

  it("count an unknown duration as too fast, on a phone and on a kiosk alike", () => {
    expect(detectNoise(framework, "eit", answers, { durationSeconds: null, recentFromAddress: 1, channel: "phone" })).toBe("too-fast");
    expect(detectNoise(framework, "eit", answers, { durationSeconds: null, recentFromAddress: 1, channel: "kiosk" })).toBe("too-fast");
    expect(detectNoise(framework, "iit", makeAnswers("iit"), { durationSeconds: null, recentFromAddress: 1, channel: "phone" })).toBe("too-fast");
  });

  it("flag a burst from a phone's address, never from an enrolled kiosk, never on the IIT", () => {
    const signals = { durationSeconds: 600, recentFromAddress: burst };
    expect(detectNoise(framework, "eit", answers, { ...signals, channel: "phone" })).toBe("burst");
    expect(detectNoise(framework, "eit", answers, { ...signals, channel: "kiosk" })).toBeNull();
    expect(detectNoise(framework, "iit", makeAnswers("iit"), { ...signals, channel: "phone" })).toBeNull();
  });
});
