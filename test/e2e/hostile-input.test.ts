/**
 * Hostile input (issue 6, reliability): a property-based fuzzer (fast-check) sends malformed,
 * oversized, wrongly typed, deeply nested and injection-shaped bodies, headers, paths and raw request
 * heads to every public endpoint of the BUILT server (app/routes.ts: /, /s/:token and its HTML form's
 * post (issue 18), /s/:token/answers,
 * /s/:token/code, /s/:token/thanks, /k/:token, /qr/:file, /sign-in, /sign-out, /healthz, the complaint
 * pages /complaints/:slug (the multipart form), /status, /guideline, /statistics and statistics.csv, the
 * agency's public page /agency/:slug and its rounds' pages (issue 17, with junk digits, sources, slugs and
 * round ids, served from their cache or not),
 * /survey-theme.css, React Router's .data twins of the pages, and unknown paths), with valid, paused and
 * invalid tokens, on SQLite and on PostgreSQL (the same properties, once per database). Signed in as a
 * manager, the same for the forms of the visitors' suggestions page (issue 15:
 * /admin/rounds/:roundId/suggestions and its .data twin, with junk filters, intents, ids, statuses, notes
 * and tokens) and the measure form started from a suggestion (?suggestion=…); signed in as an admin, the
 * forms of /admin/publication (junk intents, round ids, choices and tokens). No answer is a
 * 5xx; each is the 4xx (or, where the input is in fact acceptable, the 2xx/3xx) said next to its
 * generator; and no row is written in any table (every table of the server's database is counted
 * before and after; the manager's sign-in comes before the count).
 *
 * The server trusts one proxy hop and each request comes from a random X-Forwarded-For address, so the
 * per-address limits (60 submissions, 10 code tries a minute) do not turn the run into 429s and the
 * validation itself is what answers. fast-check's seed is printed on failure, so a finding replays.
 */
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.server";
import { createTestUser, signInOverHttp, type SignedIn } from "../support/accounts";
import { createRoundFixture, makeAnswers, type RoundFixture } from "../support/fixtures";
import { publishRoundForTest } from "../support/publication";
import { type RunningServer, startServer } from "../support/server";
import { canCreateServerDatabase, countRowsOfEveryTable, createServerDatabase, SERVER_DATABASES, type ServerDatabase } from "../support/server-database";

interface Answer {
  status: number;
  /** The Location header of a redirect, or undefined. */
  location?: string;
}

/** Requests to one server under test, and what it answered, by endpoint. */
interface HostileClient {
  /** One request through node:http (which lets us set any method, header and body length). */
  send: (input: { method: string; path: string; headers?: Record<string, string>; body?: Buffer | string }) => Promise<Answer>;
  /** Writes a request head as raw bytes and reads the status of the first answer (0: closed without one). */
  sendRaw: (head: string) => Promise<number>;
  record: (endpoint: string, status: number) => void;
  sent: () => number;
  statuses: Record<string, Record<number, number>>;
}

function createHostileClient(port: number): HostileClient {
  const statuses: Record<string, Record<number, number>> = {};
  let sent = 0;
  return {
    statuses,
    sent: () => sent,
    record: (endpoint, status) => {
      statuses[endpoint] ??= {};
      statuses[endpoint][status] = (statuses[endpoint][status] ?? 0) + 1;
    },
    send: (input) => {
      sent += 1;
      return new Promise((resolve, reject) => {
        const body = input.body === undefined ? undefined : Buffer.isBuffer(input.body) ? input.body : Buffer.from(input.body);
        const headers: Record<string, string | number> = { "x-forwarded-for": randomAddress(), ...input.headers };
        if (body) headers["content-length"] = body.length;
        const req = httpRequest({ host: "127.0.0.1", port, method: input.method, path: input.path, headers, agent: false }, (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
          res.on("error", reject);
        });
        // A server that closes the connection after answering early (413 before the body) may reset the
        // upload: the answer has been read by then, or the request failed for real.
        req.on("error", reject);
        // A request left without an answer fails at once, naming itself, instead of at the test's timeout.
        req.setTimeout(10_000, () => req.destroy(new Error(`no answer within 10 s to ${input.method} ${input.path}`)));
        req.end(body);
      });
    },
    sendRaw: (head) => {
      sent += 1;
      return new Promise((resolve) => {
        const socket = connect(port, "127.0.0.1", () => socket.end(Buffer.from(head, "latin1")));
        let received = "";
        socket.setTimeout(10_000, () => socket.destroy());
        socket.on("data", (chunk) => (received += chunk.toString("latin1")));
        socket.on("error", () => undefined);
        socket.on("close", () => resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(received)?.[1] ?? 0)));
      });
    },
  };
}

function randomAddress(): string {
  return `198.51.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
}

// --- generators of hostile things

/** Strings an attacker tries: SQL, script, template, path traversal, prototype keys, NUL, RTL, huge. */
const injection = fc.constantFrom(
  "' OR 1=1 --",
  "'); drop table response; --",
  "\" onmouseover=alert(1) x=\"",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "${7*7}{{7*7}}",
  "../../../../etc/passwd",
  "..%2f..%2fetc%2fpasswd",
  "__proto__",
  "constructor",
  "prototype",
  "\u0000",
  "\u202e\u0e01\u0e02",
  "%00",
  "null",
  "NaN",
  "-1",
  "1e309",
  "0x10",
  "A".repeat(5_000),
);
const junkString = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "grapheme", maxLength: 50 }), fc.string({ unit: "binary", maxLength: 50 }), injection);
/** Any JSON value, nested a little or a lot. */
const junkJson = fc.oneof(fc.jsonValue({ maxDepth: 4 }), injection, fc.constant(null));
/** JSON text nested `depth` levels deep, written directly (JSON.stringify would overflow the stack). */
function nestedJson(depth: number): string {
  let open = "";
  let close = "";
  for (let i = 0; i < depth; i++) {
    open += i % 2 ? "[" : '{"a":';
    close = (i % 2 ? "]" : "}") + close;
  }
  return `${open}1${close}`;
}

/**
 * A submission that cannot be valid, built from a valid one by one of these mutations (each makes it
 * invalid by the schema of app/services/submit-response.server.ts or the framework's answers).
 */
function invalidSubmission(instrument: "iit" | "eit") {
  const answers = makeAnswers(instrument);
  const fields = Object.keys(answers);
  const field = fc.constantFrom(...fields);
  const valid = { submissionId: "fuzz-valid-shape-000001", answers };
  return fc.oneof(
    // wrong type of a whole part
    fc.record({ submissionId: junkJson, answers: fc.constant(answers) }).filter((b) => typeof b.submissionId !== "string" || !/^[A-Za-z0-9-]{16,64}$/.test(b.submissionId)),
    fc.record({ submissionId: fc.constant(valid.submissionId), answers: junkJson.filter((a) => typeof a !== "object" || a === null || Array.isArray(a) || Object.keys(a).length < fields.length) }),
    // one answer of a wrong type or an unknown value
    fc.tuple(field, junkJson.filter((v) => typeof v !== "number")).map(([f, v]) => ({ ...valid, answers: { ...answers, [f]: v } })),
    fc.tuple(field, fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.double())).map(([f, v]) => ({ ...valid, answers: { ...answers, [f]: v + 1000.5 } })),
    // a missing answer, an unknown field, an unknown top-level key
    field.map((f) => ({ ...valid, answers: Object.fromEntries(Object.entries(answers).filter(([k]) => k !== f)) })),
    fc.tuple(injection, junkJson).map(([k, v]) => ({ ...valid, answers: { ...answers, [`x${k}`]: v } })),
    fc.tuple(fc.constantFrom("__proto__", "constructor", "isAdmin", "flag", "roundId", "linkId"), junkJson).map(([k, v]) => ({ ...valid, [k]: v })),
    // deeply nested, in the answers or as the whole body
    fc.integer({ min: 50, max: 5_000 }).map((depth) => JSON.stringify({ ...valid, answers: { ...answers, [fields[0]!]: "DEEP" } }).replace('"DEEP"', nestedJson(depth))),
    fc.integer({ min: 50, max: 20_000 }).map((depth) => nestedJson(depth)),
    // wrong types for the optional parts
    // fc.double() also draws whole numbers such as 0 (and -0, which JSON writes as 0): a valid duration
    // (the schema takes whole seconds from 0 to a week), which made this "cannot be valid" body valid.
    fc
      .record({ durationSeconds: fc.oneof(fc.double().filter((d) => !(Number.isInteger(d) && d >= 0 && d <= 86_400 * 7)), fc.string(), fc.integer({ min: -10, max: -1 })) })
      .map((extra) => ({ ...valid, ...extra })),
    fc.record({ channel: junkString.filter((c) => c !== "phone" && c !== "kiosk") }).map((extra) => ({ ...valid, ...extra })),
    fc.record({ accessCode: fc.oneof(fc.integer(), fc.string({ minLength: 33, maxLength: 100 })) }).map((extra) => ({ ...valid, ...extra })),
  );
}

/**
 * The respondent page's HTML form post (POST /s/:token, app/routes/public/survey.tsx) that cannot be valid,
 * built from a valid form by one of these mutations: each makes the submission invalid by the same checks
 * as the JSON endpoint's (the form's fields become its answers: app/services/survey-form.ts).
 */
function invalidFormPost(instrument: "iit" | "eit") {
  const answers = makeAnswers(instrument);
  const fields = Object.keys(answers);
  const field = fc.constantFrom(...fields);
  const form = (entries: [string, string][]) => new URLSearchParams(entries).toString();
  const valid: [string, string][] = [["submissionId", "fuzz-form-shape-0000001"], ["startStamp", "s1.0.x"], ...fields.map((f): [string, string] => [f, String(answers[f])])];
  const without = (name: string) => valid.filter(([k]) => k !== name);
  const choiceStrings = new Set(["0", "1", "2", "3", "4", "5"]);
  return fc.oneof(
    // a required answer left out (what a person does), or every answer
    field.map((f) => form(without(f))),
    fc.constant(form(valid.filter(([k]) => !fields.includes(k)))),
    // an answer that is no choice, sent twice, or under a name no question has
    fc.tuple(field, junkString.filter((v) => !choiceStrings.has(v.trim()))).map(([f, v]) => form([...without(f), [f, v]])),
    fc.tuple(field, fc.constantFrom("1", "2")).map(([f, v]) => form([...valid, [f, v]])),
    fc.tuple(injection, junkString).map(([k, v]) => form([...valid, [`x${k}`, v]])),
    fc.tuple(fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", "answers", "flag", "roundId"), junkString).map(([k, v]) => form([...valid, [k, v]])),
    // no submission id, a malformed one, one sent twice; an access code past its length
    fc.constant(form(without("submissionId"))),
    junkString.filter((v) => !/^[A-Za-z0-9-]{16,64}$/.test(v)).map((v) => form([...without("submissionId"), ["submissionId", v]])),
    fc.constant(form([...valid, ["submissionId", "fuzz-form-shape-0000002"]])),
    fc.string({ minLength: 33, maxLength: 100 }).map((code) => form([...valid, ["accessCode", code]])),
    // a suggestion past its 1,000 characters, with the rest left out
    fc.integer({ min: 1_001, max: 3_000 }).map((n) => form([...without(fields[0]!), ["eit_suggestion", "ก".repeat(n)]])),
    // not a form at all, broken escapes, bytes that are not UTF-8, or too large (64 KB is the submission's limit)
    fc.oneof(junkString, fc.constantFrom("%", "%E0%A4%A", "a=%ZZ", "&&&", "=", "submissionId", "\u0000")),
    fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)),
    fc.integer({ min: 65 * 1024, max: 300 * 1024 }).map((size) => form([...valid, ["eit_suggestion", "x".repeat(size)]])),
  );
}

/** A body that is not a JSON object at all, or too large. */
const rawJunkBody = fc.oneof(
  junkString,
  fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom("", "{", "[", "{\"submissionId\":", "\ufeff{}", "\u0000{}", "{} {}", "[]", "true", "1"),
  fc.integer({ min: 65 * 1024, max: 300 * 1024 }).map((size) => `{"submissionId":"${"x".repeat(size)}"}`),
);

/** Header values Node will carry (no CR, LF or NUL; latin1): injection-shaped, long, odd. */
const headerValue = fc
  .oneof(fc.string({ maxLength: 300 }), injection, fc.string({ unit: "binary-ascii", maxLength: 100 }))
  .map((s) => s.replace(/[\r\n\u0000]/g, "").replace(/[^\u0020-\u007e\u0080-\u00ff\t]/g, "?"));
const junkHeaders = fc.dictionary(
  fc.oneof(fc.constantFrom("cookie", "accept-language", "accept", "if-none-match", "if-modified-since", "range", "referer", "origin", "x-forwarded-proto", "x-forwarded-host", "user-agent", "authorization", "x-requested-with"), fc.stringMatching(/^x-[a-z0-9-]{1,20}$/)),
  headerValue,
  { maxKeys: 6 },
);
/** Query strings that a page ignores or reads defensively (?lang= only). */
const junkQuery = fc
  .dictionary(fc.oneof(fc.constantFrom("lang", "next", "code", "_data", "index", "__proto__"), fc.string({ maxLength: 10 })), junkString, { maxKeys: 4 })
  .map((q) => (Object.keys(q).length ? `?${new URLSearchParams(q).toString()}` : ""));
const junkToken = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{1,70}$/),
  injection.map((s) => encodeURIComponent(s)),
  fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s)),
);

const RUNS = { numRuns: 150, endOnFailure: true };
const isClientError = (status: number) => status >= 400 && status < 500;

describe.each(SERVER_DATABASES)("%s: hostile input to every public endpoint (fast-check)", (name, kind) => {
  const test = it.skipIf(!canCreateServerDatabase(kind));
  let database: ServerDatabase | undefined;
  let db: Db | undefined;
  let server: RunningServer | undefined;
  let round: RoundFixture;
  let client: HostileClient;
  let rowsBefore: Record<string, number>;
  let manager: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    if (!canCreateServerDatabase(kind)) return;
    database = await createServerDatabase(kind);
    db = createDb(database.url);
    round = await createRoundFixture(db);
    await createTestUser(db, round.organizationId, "hostile-manager", "manager");
    await createTestUser(db, round.organizationId, "hostile-admin", "admin");
    // The agency's public page (issue 17) shows the round.
    await publishRoundForTest(db, round.organizationId, round.roundId);
    server = await startServer({ databasePath: database.url, env: { TRUST_PROXY: "1" } });
    client = createHostileClient(server.port);
    // Signing in writes its session and audit rows: before the count, so that junk after it must write none.
    manager = await signInOverHttp(server.url, "hostile-manager");
    admin = await signInOverHttp(server.url, "hostile-admin");
    rowsBefore = await countRowsOfEveryTable(db);
  });

  afterAll(async () => {
    if (client) console.log(`hostile input on ${name}: ${client.sent()} requests; statuses by endpoint ${JSON.stringify(client.statuses)}`);
    await server?.stop();
    await db?.destroy();
    await database?.remove();
  });

  const tokens = () => ({ valid: [round.eitToken, round.iitToken], paused: round.pausedToken });

  test("POST /s/:token/answers: a submission that cannot be valid gets a 4xx, on valid, paused and unknown tokens", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<"eit" | "iit" | "paused" | "unknown">("eit", "iit", "paused", "unknown"),
        fc.oneof(invalidSubmission("eit").map((b) => (typeof b === "string" ? b : JSON.stringify(b))), rawJunkBody),
        junkToken,
        // Mostly JSON, so that the body itself is what the server judges; now and then the wrong type (415).
        fc.oneof(
          { arbitrary: fc.constantFrom("application/json", "application/json; charset=utf-8", "APPLICATION/JSON"), weight: 6 },
          { arbitrary: fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "application/jsonp", ""), weight: 1 },
        ),
        async (which, body, unknownToken, contentType) => {
          const token = which === "eit" ? round.eitToken : which === "iit" ? round.iitToken : which === "paused" ? round.pausedToken : unknownToken;
          const { status } = await client.send({ method: "POST", path: `/s/${token}/answers`, headers: contentType ? { "content-type": contentType } : {}, body });
          client.record("POST /s/:token/answers", status);
          // 400 malformed, 404 unknown/paused link, 405 never (POST), 413 too large, 415 not JSON.
          expect(isClientError(status), `status ${status} for ${which} ${String(body).slice(0, 200)}`).toBe(true);
        },
      ),
      { ...RUNS, numRuns: 300 },
    );
  });

  test("POST /s/:token, the page's HTML form: a post that cannot be valid gets a 4xx, on valid, paused and unknown tokens", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<"eit" | "iit" | "paused" | "unknown">("eit", "iit", "paused", "unknown"),
        fc.oneof(invalidFormPost("eit"), invalidFormPost("iit")),
        junkToken,
        // Mostly a form, as a browser sends it; now and then another type (415 from the request guards).
        fc.oneof(
          { arbitrary: fc.constantFrom("application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8"), weight: 6 },
          { arbitrary: fc.constantFrom("text/plain", "application/json", "multipart/form-data", ""), weight: 1 },
        ),
        junkQuery,
        async (which, body, unknownToken, contentType, query) => {
          const token = which === "eit" ? round.eitToken : which === "iit" ? round.iitToken : which === "paused" ? round.pausedToken : unknownToken;
          const { status, location } = await client.send({ method: "POST", path: `/s/${token}${query}`, headers: contentType ? { "content-type": contentType } : {}, body });
          client.record("POST /s/:token (form)", status);
          // 400 (the form drawn again with its errors), 404 unknown/paused link, 413 too large, 415 not a form.
          expect(isClientError(status), `status ${status} (${location ?? ""}) for ${which} ${String(body).slice(0, 200)}`).toBe(true);
        },
      ),
      { ...RUNS, numRuns: 300 },
    );
  });

  test("POST /s/:token/code: junk codes and bodies get a 4xx (the round takes no codes; unknown links are 404)", { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(round.iitToken, round.eitToken, round.pausedToken), junkToken),
        fc.oneof(junkJson.map((code) => JSON.stringify({ code })), rawJunkBody),
        async (token, body) => {
          const { status } = await client.send({ method: "POST", path: `/s/${token}/code`, headers: { "content-type": "application/json" }, body });
          client.record("POST /s/:token/code", status);
          // 400 (not JSON, or this round needs no code), 404 unknown/paused link, 413 over 1 KB, 429 never here.
          expect(isClientError(status), `status ${status}`).toBe(true);
        },
      ),
      RUNS,
    );
  });

  test("POST /sign-in, its second step and /sign-out: junk forms, encodings and fields never sign in and never fail", { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/sign-in", "/sign-out", "/sign-in.data", "/sign-in?index", "/sign-in/code", "/sign-in/code.data"),
        fc.oneof(
          fc.record({ username: junkString, password: junkString, next: junkString, csrf: junkString, code: junkString }).map((f) => new URLSearchParams(f).toString()),
          rawJunkBody,
        ),
        fc.constantFrom("application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=----x", "text/plain", "application/json", ""),
        junkHeaders,
        async (path, body, contentType, headers) => {
          const { status } = await client.send({ method: "POST", path, headers: { ...headers, ...(contentType ? { "content-type": contentType } : {}) }, body });
          client.record(`POST ${path}`, status);
          if (path === "/sign-in/code") {
            // No signed challenge (junk cookies are none): back to the password (302), or a 4xx.
            expect(status === 302 || isClientError(status), `status ${status}`).toBe(true);
          } else if (path.startsWith("/sign-out")) {
            // Nobody is signed in (junk cookies are no session): sent to the sign-in page (302), or a 4xx.
            expect(status === 302 || isClientError(status), `status ${status}`).toBe(true);
          } else if (path === "/sign-in.data" || path === "/sign-in/code.data") {
            // React Router's data request for the action: its answer is a 2xx turbo-stream even when the
            // action says 4xx (the action's status travels inside), or a 4xx; never a 2xx sign-in — the
            // table counts at the end show that no session row was written.
            expect(status < 500, `status ${status}`).toBe(true);
          } else {
            // 400 unreadable form, 401 wrong name or password (there is no account here), 413 too large.
            expect(isClientError(status), `status ${status}`).toBe(true);
          }
        },
      ),
      // Found on PostgreSQL (a 500: its text cannot hold a NUL, and the name went into the query): kept
      // as fixed cases on both databases.
      {
        ...RUNS,
        examples: [
          ["/sign-in", "username=%00&password=x", "application/x-www-form-urlencoded", {}],
          ["/sign-in.data", "username=a%00b&password=x&next=%2F", "application/x-www-form-urlencoded", {}],
        ],
      },
    );
  });

  test("POST the complaint form and the status page (issue 16): junk forms, bodies, files and encodings get a 4xx and store nothing", { timeout: 120_000 }, async () => {
    // Never a complaint that could be valid: the type is always one the form does not know.
    const junkKind = junkString.filter((k) => !["bribery", "procurement", "abuse-of-power", "public-property", "misconduct", "other"].includes(k));
    const junkFields = fc.record(
      {
        formKey: fc.oneof(junkString, fc.constant("hostile-input-form-key-0001")),
        kind: junkKind,
        what: junkString,
        happened: junkString,
        place: junkString,
        persons: junkString,
        identity: fc.oneof(junkString, fc.constantFrom("anonymous", "named")),
        contactName: junkString,
        contactPhone: junkString,
        contactEmail: junkString,
        code: junkString,
      },
      { requiredKeys: [] },
    );
    /** A multipart body built by hand: parts with junk names, file names, types and bytes, or a broken frame. */
    const multipart = fc
      .tuple(
        junkFields,
        fc.array(
          fc.record({
            filename: fc.oneof(junkString, fc.constantFrom("a.pdf", "x.svg", "../../etc/passwd", 'q"; name="kind', "ข.png")),
            type: fc.constantFrom("application/pdf", "image/png", "image/svg+xml", "text/html", "application/octet-stream"),
            bytes: fc.oneof(fc.uint8Array({ maxLength: 3_000 }), fc.constantFrom("%PDF-1.7 no end", "<svg onload=alert(1)>", "\x89PNG\r\n\x1a\n")),
          }),
          { maxLength: 5 },
        ),
        fc.boolean(),
      )
      .map(([fields, files, cut]) => {
        const boundary = "----hostile-boundary-7d3f";
        const parts: Buffer[] = [];
        for (const [name, value] of Object.entries(fields)) {
          parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
        }
        for (const file of files) {
          parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`));
          parts.push(typeof file.bytes === "string" ? Buffer.from(file.bytes, "latin1") : Buffer.from(file.bytes));
          parts.push(Buffer.from("\r\n"));
        }
        if (!cut) parts.push(Buffer.from(`--${boundary}--\r\n`));
        return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
      });
    const urlencoded = junkFields.map((f) => ({ body: Buffer.from(new URLSearchParams(f as Record<string, string>).toString()), contentType: "application/x-www-form-urlencoded" }));
    const raw = fc.tuple(rawJunkBody, fc.constantFrom("multipart/form-data", "multipart/form-data; boundary=", "text/plain", "application/json", "")).map(([body, contentType]) => ({
      body: typeof body === "string" ? Buffer.from(body) : body,
      contentType,
    }));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/complaints/test-agency", "/complaints/test-agency.data", "/complaints/test-agency/status", "/complaints/test-agency/status.data", "/complaints/no-such-agency", "/Complaints//test-agency"),
        fc.oneof(multipart, urlencoded, raw),
        junkHeaders,
        async (path, { body, contentType }, headers) => {
          const { status } = await client.send({ method: "POST", path, headers: { ...headers, ...(contentType ? { "content-type": contentType } : {}) }, body });
          client.record(`POST ${path.replace("test-agency", ":slug")}`, status);
          if (path.endsWith(".data")) {
            // React Router's data request for the action: a 2xx turbo-stream carrying the action's 4xx, or a 4xx.
            expect(status < 500, `status ${status}`).toBe(true);
          } else {
            // 400 unreadable or invalid form, 404 unknown agency or code, 411, 413, 415, 429 (per address).
            expect(isClientError(status), `status ${status} for ${path} ${contentType} ${body.subarray(0, 200).toString("latin1")}`).toBe(true);
          }
        },
      ),
      { ...RUNS, numRuns: 300 },
    );
  });

  test("GET pages and resources with junk query strings and headers: the same status as without them", { timeout: 120_000 }, async () => {
    const { valid, paused } = tokens();
    const paths = [
      "/",
      ...valid.flatMap((token) => [`/s/${token}`, `/k/${token}`, `/s/${token}/thanks`, `/qr/${token}.svg`, `/s/${token}.data`]),
      `/s/${paused}`,
      `/k/${paused}`,
      "/s/unknown-token-x",
      "/qr/unknown.svg",
      "/qr/not-an-svg.png",
      "/sign-in",
      "/sign-in/code",
      "/sign-out",
      "/healthz",
      "/survey-theme.css",
      "/admin",
      "/no/such/page",
      "/favicon.svg",
      `/s/${valid[0]}/answers`,
      `/s/${valid[0]}/code`,
      // The public complaint pages (issue 16).
      "/complaints/test-agency",
      "/complaints/test-agency.data",
      "/complaints/test-agency/status",
      "/complaints/test-agency/guideline",
      "/complaints/test-agency/statistics",
      "/complaints/test-agency/statistics?year=2560",
      "/complaints/test-agency/statistics.csv",
      "/complaints/no-such-agency",
      "/complaints/no-such-agency/statistics.csv",
      "/admin/complaints",
      "/admin/complaints/123456789",
      "/admin/complaints/123456789/attachments/1",
      // The agency's public page (issue 17): published, not, and its data request.
      "/agency/test-agency",
      "/agency/test-agency.data",
      `/agency/test-agency/rounds/${round.roundId}`,
      "/agency/test-agency/rounds/999999",
      "/agency/no-such-agency",
      // E-mail notifications (issue 17).
      "/admin/notifications",
      // Signed webhooks (issue 17).
      "/admin/webhooks",
      "/admin/webhooks.data",
    ];
    const baseline = new Map<string, number>();
    for (const path of paths) baseline.set(path, (await client.send({ method: "GET", path })).status);
    expect(baseline.get(`/s/${valid[0]}`)).toBe(200);
    expect(baseline.get("/s/unknown-token-x")).toBe(404);
    expect(baseline.get("/complaints/test-agency")).toBe(200);
    expect(baseline.get("/complaints/test-agency/statistics.csv")).toBe(200);
    expect(baseline.get("/complaints/no-such-agency")).toBe(404);
    expect(baseline.get(`/agency/test-agency/rounds/${round.roundId}`)).toBe(200);
    expect(baseline.get("/agency/no-such-agency")).toBe(404);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), junkQuery, junkHeaders, async (path, query, headers) => {
        const { status } = await client.send({ method: "GET", path: `${path}${query}`, headers });
        client.record(`GET ${path.replace(/\/(s|k|qr)\/[^/]+/, "/$1/:token").replace("test-agency", ":slug").replace(/\/rounds\/\d+/, "/rounds/:roundId")}`, status);
        // What a page reads from a request is its token, ?lang (anything but "en" is Thai), its
        // cookies (a junk session is no session, a junk language is Thai) and nothing else; static
        // files ignore the rest too. One exception, which is the HTTP standard: a Range that names
        // bytes of a static file is answered 206 (or 416 when it cannot be satisfied).
        const expected = baseline.get(path)!;
        if (headers.range !== undefined && (status === 206 || status === 416)) return;
        // X-Forwarded-Proto/-Host come from the one proxy this server trusts here: a value that is not
        // http/https or that makes no URL is a forged or broken header, refused with 400.
        if ((headers["x-forwarded-proto"] !== undefined || headers["x-forwarded-host"] !== undefined) && status === 400) return;
        // A conditional request may be answered 304 by a static file (If-None-Match: * matches any ETag).
        if ((headers["if-none-match"] !== undefined || headers["if-modified-since"] !== undefined) && status === 304) return;
        expect(status, `GET ${path}${query} with ${JSON.stringify(headers)}`).toBe(expected);
      }),
      { ...RUNS, numRuns: 300 },
    );
  });

  test("unknown and malformed paths, and page routes under the wrong method, get a 4xx", { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          junkToken.map((s) => `/${s}`),
          junkToken.map((s) => `/s/${s}/${s}`),
          junkToken.map((s) => `/admin/rounds/${s}`),
          junkToken.map((s) => `/complaints/${s}`),
          junkToken.map((s) => `/complaints/${s}/status`),
          junkToken.map((s) => `/admin/complaints/${s}`),
          junkToken.map((s) => `/admin/complaints/${s}/attachments/${s}`),
          junkToken.map((s) => `/agency/${s}`),
          junkToken.map((s) => `/agency/test-agency/rounds/${s}`),
          fc.constantFrom("/%", "/%E0%A4%A", "/s/%ZZ", "//", "/..", "/s/../../etc/passwd", "/admin/rounds/..%2F..%2F..%2F..%2Fetc%2Fpasswd", "/qr/..%2f..%2fpackage.json", "/.env", "/build/server/index.js", "/app/server/app.server.ts", "/data/prongsai.db", "/package.json"),
        ),
        fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"),
        async (path, method) => {
          const body = method === "GET" || method === "OPTIONS" ? undefined : "{}";
          const { status, location } = await client.send({ method, path, body, headers: body ? { "content-type": "application/json" } : {} });
          client.record(`${method} junk path`, status);
          // A junk path is no page: 404 (or 400 when it does not decode, 405 for a method we refuse, or
          // on a page route that has no action). A path that happens to be a page's, e.g. "/" or an
          // admin URL, may answer as that page does to that method: 200 for GET /, 302 to sign-in for
          // an admin page; never a file from outside public/ and build/client/.
          expect(status < 500, `${method} ${path}: ${status}`).toBe(true);
          if (/passwd|\.env|package\.json|serve\.ts|index\.js|prongsai\.db/.test(path)) {
            // Never the file. An admin URL whose round id merely looks like a file path (e.g.
            // /admin/rounds/..%2Fetc%2Fpasswd) is an admin page: without a session it redirects to
            // sign-in, as every admin page does, before the id is even read.
            const toSignIn = (status === 302 || status === 303) && path.startsWith("/admin/") && location?.startsWith("/sign-in") === true;
            expect(toSignIn || status >= 400, `${method} ${path}: ${status} ${location ?? ""}`).toBe(true);
          }
        },
      ),
      // Found on PostgreSQL (a 500 from the thanks page: its text cannot hold a NUL, and the token went into
      // the query): kept as fixed cases on both databases.
      { ...RUNS, examples: [["/s/%00/thanks", "GET"], ["/s/a%00b/thanks", "GET"]] },
    );
  });

  test("the suggestions page, signed in: junk forms get a 4xx, junk filters the page itself, a junk suggestion for a measure a 404", { timeout: 120_000 }, async () => {
    const path = `/admin/rounds/${round.roundId}/suggestions`;
    const session = () => ({ cookie: manager.cookie });
    // The page answers, whatever its filters: what it does not offer is left out, never an error.
    expect((await client.send({ method: "GET", path, headers: session() })).status).toBe(200);
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom("q", "counter", "month", "status", "marked", "lang"), junkString, { maxKeys: 5 }),
        fc.boolean(),
        async (query, data) => {
          const search = new URLSearchParams(query).toString();
          const { status } = await client.send({ method: "GET", path: `${path}${data ? ".data" : ""}${search ? `?${search}` : ""}`, headers: session() });
          client.record(`GET ${path.replace(/\d+/, ":roundId")}${data ? ".data" : ""}`, status);
          expect(status, `GET ?${search}`).toBe(200);
        },
      ),
      RUNS,
    );
    // Its form: junk intents, ids, statuses, notes and tokens, on the page, its data request and junk rounds.
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          intent: fc.oneof(fc.constantFrom("mark", "delete", "", "__proto__", "constructor"), junkString),
          suggestionId: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{22}$/), junkString),
          status: fc.oneof(fc.constantFrom("new", "read", "acted", "deleted"), junkString),
          note: fc.oneof(junkString, fc.string({ minLength: 1001, maxLength: 1200 })),
          csrf: fc.oneof(fc.constant("real"), junkString),
        }),
        fc.constantFrom(path, `${path}.data`, `/admin/rounds/999999/suggestions`, `/admin/rounds/${round.roundId + 1}/suggestions`),
        fc.oneof({ arbitrary: fc.constant("application/x-www-form-urlencoded"), weight: 6 }, { arbitrary: fc.constantFrom("text/plain", "application/json", "multipart/form-data", ""), weight: 1 }),
        async (fields, target, contentType) => {
          const body = new URLSearchParams({ ...fields, csrf: fields.csrf === "real" ? manager.csrf : fields.csrf }).toString();
          const { status } = await client.send({ method: "POST", path: target, body, headers: { ...session(), ...(contentType ? { "content-type": contentType } : {}) } });
          client.record(`POST ${target.replace(/\/rounds\/\d+/, "/rounds/:roundId")}`, status);
          // No suggestion exists here: every form is refused — 400 junk, 403 a wrong token, 404 no such
          // suggestion or round, 415 not a form. A data request carries the action's status inside a 2xx.
          if (target.endsWith(".data")) expect(status < 500, `POST ${target}: ${status}`).toBe(true);
          else expect(isClientError(status), `POST ${target} ${body.slice(0, 200)}: ${status}`).toBe(true);
        },
      ),
      { ...RUNS, numRuns: 300 },
    );
    // The measure form from a suggestion that is not one of the round's: a 404, never a 500.
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{22}$/), junkString), async (id) => {
        const { status } = await client.send({ method: "GET", path: `/admin/rounds/${round.roundId}/measures/edit?suggestion=${encodeURIComponent(id)}`, headers: session() });
        client.record("GET /admin/rounds/:roundId/measures/edit?suggestion=", status);
        expect(status, JSON.stringify(id)).toBe(404);
      }),
      RUNS,
    );
  });

  test("the public page (issue 17): junk digits and sources get a 400 in words, junk slugs and round ids a 404; the admin's junk forms a 4xx", { timeout: 120_000 }, async () => {
    const page = `/agency/test-agency/rounds/${round.roundId}`;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/agency/test-agency", page),
        fc.dictionary(fc.constantFrom("digits", "source", "lang"), junkString, { minKeys: 1, maxKeys: 3 }),
        fc.boolean(),
        async (path, query, data) => {
          const { status } = await client.send({ method: "GET", path: `${path}${data ? ".data" : ""}?${new URLSearchParams(query)}` });
          client.record(`GET /agency/:slug${path === page ? "/rounds/:roundId" : ""}${data ? ".data" : ""}?digits&source`, status);
          const valid = (query.digits === undefined || ["thai", "arabic"].includes(query.digits)) && (query.source === undefined || ["measured", "official"].includes(query.source));
          expect(status, `${path}?${new URLSearchParams(query)}`).toBe(valid ? 200 : 400);
        },
      ),
      RUNS,
    );
    const refused = await client.send({ method: "GET", path: `${page}?digits=roman` });
    expect(refused.status).toBe(400);
    // The admin's forms: junk intents, rounds and choices, with the real token or a junk one; the choices
    // are never all valid, so every form is refused and nothing is written.
    const junkChoice = (valid: string[]) => junkString.filter((s) => !valid.includes(s));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ intent: fc.constant("round"), roundId: fc.oneof(fc.constant(String(round.roundId)), fc.constant("999999"), junkString), report: junkChoice(["", "measured", "official"]), measures: fc.oneof(fc.constant("on"), junkString) }),
          fc.record({ intent: fc.constant("complaints"), complaintStatistics: junkChoice(["on", "1"]) }),
          fc.record({ intent: junkChoice(["round", "complaints", "unpublish-all"]), roundId: junkString }),
        ),
        fc.boolean(),
        async (fields, realToken) => {
          const body = new URLSearchParams({ ...fields, csrf: realToken ? admin.csrf : "x".repeat(43) }).toString();
          const { status } = await client.send({ method: "POST", path: "/admin/publication", body, headers: { cookie: admin.cookie, "content-type": "application/x-www-form-urlencoded" } });
          client.record("POST /admin/publication", status);
          expect(isClientError(status), `POST ${body.slice(0, 200)}: ${status}`).toBe(true);
        },
      ),
      RUNS,
    );
  });

  test("oversized headers, request heads that do not parse, and Host headers that make no URL get a 4xx", { timeout: 60_000 }, async () => {
    let answered431 = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 17 * 1024, max: 64 * 1024 }), fc.constantFrom("/", `/s/${round.eitToken}`, "/sign-in"), async (size, path) => {
        const status = await client.sendRaw(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: prongsai_session=${"a".repeat(size)}\r\n\r\n`);
        client.record("oversized header", status);
        // Node answers 431 and closes at once; when the rest of the head is still arriving, the close
        // is a TCP reset that can reach the client before the 431 is read (0). Never anything else.
        expect([0, 431], `a ${size}-byte cookie`).toContain(status);
        if (status === 431) answered431 += 1;
      }),
      { ...RUNS, numRuns: 20 },
    );
    expect(answered431, "most oversized heads are read as 431").toBeGreaterThanOrEqual(10);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: "binary-ascii", maxLength: 200 }).map((s) => `${s}\r\n\r\n`),
          fc.tuple(fc.constantFrom("GET", "POST", "G ET", "get"), junkString).map(([m, p]) => `${m} /${p} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`),
          fc.tuple(junkString, junkString).map(([h, v]) => `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n${h}: ${v}\r\n\r\n`),
          headerValue.map((host) => `GET / HTTP/1.1\r\nHost: ${host} x\r\n\r\n`),
          fc.constant("GET /healthz HTTP/1.0\r\n\r\n"),
          fc.constant("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-Host: ,x\r\n\r\n"),
          fc.constant(`POST /s/${round.eitToken}/answers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`),
          fc.constant(`POST /s/${round.eitToken}/answers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n`),
          fc.constant(`POST /s/${round.eitToken}/answers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1, 2\r\n\r\n`),
        ),
        async (head) => {
          const status = await client.sendRaw(head);
          client.record("raw request head", status);
          // Node's parser answers 400 to what does not parse; what parses is routed: any 4xx, or a
          // page's own answer when the junk happened to form a valid request. Never a 5xx; 0 means the
          // server closed the connection without an answer, which a parser may do too.
          expect(status === 0 || status < 500, `${JSON.stringify(head.slice(0, 200))}: ${status}`).toBe(true);
        },
      ),
      { ...RUNS, numRuns: 200 },
    );
  });

  test("wrote no row in any table", async () => {
    expect(Object.keys(rowsBefore), "the count covers the tables a request could write").toEqual(expect.arrayContaining(["response", "tally", "session", "audit_log"]));
    // Save sign-in's waits (issue 14): a refused sign-in counts against its client address, whose row
    // (a keyed hash, app/auth/sign-in.server.ts) is the one write junk may cause; no account row, none exists.
    const { sign_in_throttle: throttleRows, ...after } = await countRowsOfEveryTable(db!);
    const { sign_in_throttle: _throttleBefore, ...before } = rowsBefore;
    expect(after).toEqual(before);
    expect(throttleRows).toBeGreaterThanOrEqual(1);
    const keys = await db!.selectFrom("sign_in_throttle").select("key").execute();
    expect(keys.every((row) => row.key.startsWith("address:")), JSON.stringify(keys)).toBe(true);
    expect(client.sent(), "requests to this database's server").toBeGreaterThanOrEqual(1_000);
  });
});
