/**
 * The baseline of the HTTP benchmarks: a bare `node:http` server with nothing of Prongsai in it — no
 * Express, no React Router, no Kysely, no zod — doing the least work that gives the same result, so
 * that a ratio against it is the price of everything the app adds.
 *
 *   tsx test/bench/bare-server.ts static FILE
 *       answers every GET with the bytes of FILE as text/html (the respondent page benchmark);
 *   tsx test/bench/bare-server.ts ingest DATABASE ROUND_ID LINK_ID INSTRUMENT
 *       stores every POSTed {"submissionId", "answers"} as the app does: the response row and one
 *       tally upsert per answer in one transaction, on the same schema (db/migrations) with the same
 *       pragmas (db/client.server.ts), through better-sqlite3's prepared statements; a form post
 *       (application/x-www-form-urlencoded: submissionId and one field per answer) the same, answered
 *       by a 303 to the thanks page.
 *
 * Its SQL lives here, not in db/queries, on purpose: the baseline must not run the app's code. GET
 * /ready answers 200 once it listens. PORT and HOST come from the environment, like the app's.
 */
import SQLite from "better-sqlite3";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

const [mode, ...args] = process.argv.slice(2);
const port = Number(process.env.PORT ?? "0");
const host = process.env.HOST ?? "127.0.0.1";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function staticHandler(file: string): Handler {
  const bytes = readFileSync(file);
  return (_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": bytes.length, "cache-control": "no-store" });
    res.end(bytes);
  };
}

function ingestHandler(databasePath: string, roundId: number, linkId: number, instrument: string): Handler {
  const sqlite = new SQLite(databasePath);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  const insertResponse = sqlite.prepare(
    `insert into response (submission_id, round_id, link_id, instrument, framework_id, answered_on, month, answers, flag)
     values (?, ?, ?, ?, 'ita-2565', ?, ?, ?, null) on conflict (submission_id) do nothing returning id`,
  );
  const upsertTally = sqlite.prepare(
    `insert into tally (round_id, link_id, instrument, month, field, value, count) values (?, ?, ?, ?, ?, ?, 1)
     on conflict (round_id, link_id, month, field, value) do update set count = tally.count + excluded.count`,
  );
  const store = sqlite.transaction((submissionId: string, answers: Record<string, number>, day: string) => {
    const month = day.slice(0, 7);
    const inserted = insertResponse.get(submissionId, roundId, linkId, instrument, day, month, JSON.stringify(answers));
    if (!inserted) return;
    for (const [field, value] of Object.entries(answers)) upsertTally.run(roundId, linkId, instrument, month, field, value);
  });
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      try {
        const text = Buffer.concat(chunks).toString("utf8");
        if (req.headers["content-type"] === "application/x-www-form-urlencoded") {
          // The HTML form's post: one field per answer beside the submission id (and the stamp, not checked here).
          const form = new URLSearchParams(text);
          const answers: Record<string, number> = {};
          for (const [name, value] of form) if (!/submission|stamp/i.test(name)) answers[name] = Number(value);
          const idField = [...form.keys()].find((name) => /submission/i.test(name));
          store(idField ? form.get(idField)! : "", answers, new Date().toISOString().slice(0, 10));
          res.writeHead(303, { location: `${req.url?.replace(/\/answers$/, "")}/thanks`, "content-length": 0 });
          res.end();
          return;
        }
        const body = JSON.parse(text) as { submissionId: string; answers: Record<string, number> };
        store(body.submissionId, body.answers, new Date().toISOString().slice(0, 10));
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"ok":true}');
      } catch (error) {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: String(error) }));
      }
    });
  };
}

const handler: Handler =
  mode === "static"
    ? staticHandler(args[0]!)
    : mode === "ingest"
      ? ingestHandler(args[0]!, Number(args[1]), Number(args[2]), args[3]!)
      : (() => {
          throw new Error(`usage: bare-server.ts static FILE | ingest DATABASE ROUND_ID LINK_ID INSTRUMENT (got ${mode})`);
        })();

const server = createServer((req, res) => {
  if (req.url === "/ready") {
    res.writeHead(200);
    res.end("ok");
    return;
  }
  handler(req, res);
});
server.listen(port, host);
process.once("SIGTERM", () => server.close(() => process.exit(0)));
