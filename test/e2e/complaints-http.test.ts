/**
 * Complaints (issue 16) over HTTP against the BUILT server, as a browser sends them, on SQLite and on
 * PostgreSQL (once per database):
 *
 * - the public form takes a multipart complaint with files; attachments that lie about their type (an HTML
 *   file named .pdf, an SVG), a 6 MB file and a fourth file get a 4xx and store nothing; a body over the
 *   form's own limit is refused before it is read, 413 in Thai;
 * - at most five complaints an hour from one address (429 in Thai), another address unaffected; wrong
 *   tracking codes are limited per address, and past the limit even the right code is not looked at;
 * - a file downloads only as an attachment (Content-Disposition with the name encoded, the type its bytes
 *   are, a CSP sandbox, no-store), to the handlers of its case; another agency's case or file by id is 404;
 * - no field's script reaches a page as markup; the form page is not kept by caches;
 * - the statistics page and CSV of a year with cases and of one without match the cases table;
 * - the request log has no line for a complaint request (counted per minute) and none of the form's words.
 */
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client.server";
import { insertUnit } from "../../db/queries/organizations";
import { createTestUser, signInOverHttp, type SignedIn } from "../support/accounts";
import { complaintForm, LYING_FILES, makePdf, pdfFile, pngFile, type ComplaintFields } from "../support/complaints";
import { createRoundFixture } from "../support/fixtures";
import { type RunningServer, startServer } from "../support/server";
import { canCreateServerDatabase, countRowsOfEveryTable, createServerDatabase, SERVER_DATABASES, type ServerDatabase } from "../support/server-database";

const SECRET_WORDS = "คำลับเฉพาะในแบบฟอร์มนี้";

describe.each(SERVER_DATABASES)("%s: complaints over HTTP", (_name, kind) => {
  const test = it.skipIf(!canCreateServerDatabase(kind));
  let database: ServerDatabase | undefined;
  let db: Db | undefined;
  let server: RunningServer | undefined;
  let town = 0;
  let townRound = 0;
  let handler: SignedIn;
  let otherAdmin: SignedIn;
  let address = 0;

  beforeAll(async () => {
    if (!canCreateServerDatabase(kind)) return;
    database = await createServerDatabase(kind);
    db = createDb(database.url);
    const fixture = await createRoundFixture(db, "town");
    town = fixture.organizationId;
    townRound = fixture.roundId;
    const other = (await createRoundFixture(db, "other-town")).organizationId;
    const office = await insertUnit(db, { organization_id: town, name_th: "สำนักปลัด", name_en: "Clerk's office", created_at: new Date().toISOString() });
    await createTestUser(db, town, "office-handler", "complaints", office);
    await createTestUser(db, other, "other-admin", "admin");
    server = await startServer({ databasePath: database.url, env: { TRUST_PROXY: "1" } });
    handler = await signInOverHttp(server.url, "office-handler");
    otherAdmin = await signInOverHttp(server.url, "other-admin");
  });

  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
    await database?.remove();
  });

  /** A client address of its own for each caller, so that limits are hit only where a test means to. */
  function newAddress(): string {
    address += 1;
    return `203.0.113.${address}`;
  }

  function send(form: FormData, from = newAddress(), slug = "town") {
    return fetch(`${server!.url}/complaints/${slug}`, { method: "POST", body: form, headers: { "x-forwarded-for": from }, redirect: "manual" });
  }

  async function fileOne(fields: ComplaintFields = {}, files: File[] = [], from = newAddress()): Promise<{ code: string; html: string }> {
    const response = await send(complaintForm(fields, files), from);
    const html = await response.text();
    expect(response.status, html.slice(0, 300)).toBe(200);
    const code = /data-testid="tracking-code">([0-9A-Z-]{19})</.exec(html)?.[1];
    expect(code, "the tracking code on the page").toBeDefined();
    return { code: code!, html };
  }

  async function caseIdOf(what: string): Promise<number> {
    return (await db!.selectFrom("complaint").where("what", "=", what).select("id").executeTakeFirstOrThrow()).id;
  }

  test("takes a multipart complaint with files; the form page is not kept by any cache", async () => {
    const page = await fetch(`${server!.url}/complaints/town`);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const html = await page.text();
    expect(html).toContain("แจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ");
    expect(html).toMatch(/name="formKey" value="[A-Za-z0-9_-]{22}"/);
    expect(html).toMatch(/enctype="multipart\/form-data"/i);
    const { code } = await fileOne({ what: `${SECRET_WORDS} ครั้งที่หนึ่ง` }, [pdfFile(), pngFile()]);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const id = await caseIdOf(`${SECRET_WORDS} ครั้งที่หนึ่ง`);
    expect(await db!.selectFrom("complaint_attachment").where("complaint_id", "=", id).select("media_type").orderBy("position").execute()).toEqual([
      { media_type: "application/pdf" },
      { media_type: "image/png" },
    ]);
  });

  test("refuses attachments that lie, a 6 MB file and a fourth file with a 4xx in Thai, and stores nothing", async () => {
    const before = await countRowsOfEveryTable(db!);
    const cases: [string, File[], number][] = [
      ["an HTML file named .pdf", [LYING_FILES.htmlNamedPdf()], 415],
      ["an SVG", [LYING_FILES.svg()], 415],
      ["a 6 MB file", [LYING_FILES.sixMegabytes()], 413],
      ["a fourth file", [pdfFile("1.pdf"), pdfFile("2.pdf"), pngFile("3.png"), pngFile("4.png")], 400],
    ];
    for (const [what, files, status] of cases) {
      const response = await send(complaintForm({}, files));
      const html = await response.text();
      expect(response.status, what).toBe(status);
      expect(html, what).toContain('data-testid="complaint-error"');
      expect(html, what).not.toContain('data-testid="tracking-code"');
    }
    expect(await countRowsOfEveryTable(db!)).toEqual(before);
  });

  test("refuses a body over the form's limit before reading it: 413 in Thai", async () => {
    const status = await new Promise<{ status: number; body: string }>((resolve) => {
      const socket = connect(server!.port, "127.0.0.1", () => {
        socket.write(
          `POST /complaints/town HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: ${16 * 1024 * 1024}\r\n\r\n--x\r\n`,
        );
      });
      let received = "";
      socket.on("data", (chunk) => (received += chunk.toString("utf8")));
      socket.on("error", () => undefined);
      socket.on("close", () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0), body: received }));
      socket.setTimeout(10_000, () => socket.destroy());
    });
    expect(status.status).toBe(413);
    expect(status.body).toContain("แนบได้ไม่เกิน 3 ไฟล์ ไฟล์ละไม่เกิน 5 MB");
  });

  test("takes at most five complaints an hour from one address (429 in Thai); another address is not held back", async () => {
    const from = newAddress();
    for (let i = 0; i < 5; i++) await fileOne({ what: `เรื่องที่ ${i + 1} จากที่อยู่เดียวกัน` }, [], from);
    const sixth = await send(complaintForm({ what: "เรื่องที่หก" }), from);
    expect(sixth.status).toBe(429);
    expect(await sixth.text()).toContain("มีการส่งเรื่องร้องเรียนจากเครือข่ายนี้มากเกินไป");
    expect(await db!.selectFrom("complaint").where("what", "=", "เรื่องที่หก").select("id").execute()).toEqual([]);
    await fileOne({ what: "จากที่อยู่อื่น" });
  });

  test("limits wrong tracking codes per address: past ten, even the right code is not looked at", async () => {
    const { code } = await fileOne({ what: "เรื่องสำหรับทดสอบการเดารหัส" });
    const from = newAddress();
    const look = (typed: string) =>
      fetch(`${server!.url}/complaints/town/status`, { method: "POST", body: new URLSearchParams({ code: typed }), headers: { "x-forwarded-for": from } });
    const first = await look(code);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('data-testid="status-now"');
    for (let i = 0; i < 10; i++) {
      const wrong = await look(`WRNG-${String(i).padStart(4, "0")}-AAAA-BBBB`);
      expect(wrong.status).toBe(404);
      expect(await wrong.text()).toContain("ไม่พบเรื่องที่ตรงกับรหัสนี้");
    }
    const limited = await look(code);
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain("กรุณารอ 15 นาที");
    // Another address is not held back.
    const elsewhere = await fetch(`${server!.url}/complaints/town/status`, { method: "POST", body: new URLSearchParams({ code }), headers: { "x-forwarded-for": newAddress() } });
    expect(elsewhere.status).toBe(200);
  });

  test("serves a file only as a download, with its name encoded, to the handlers of its case; another agency's case or file is 404", async () => {
    const name = `หลักฐาน"; filename=evil.html;\r\nx.pdf`;
    await fileOne({ what: "เรื่องที่มีไฟล์ชื่อแปลก" }, [new File([makePdf()], name, { type: "text/html" })]);
    const id = await caseIdOf("เรื่องที่มีไฟล์ชื่อแปลก");
    const file = await db!.selectFrom("complaint_attachment").where("complaint_id", "=", id).select(["id", "file_name"]).executeTakeFirstOrThrow();
    // No control character is kept in the stored name (however the browser escaped the quote and line break).
    expect(file.file_name).toMatch(/^หลักฐาน/);
    expect(file.file_name).not.toMatch(/[\r\n\u0000]/);
    const url = `${server!.url}/admin/complaints/${id}/attachments/${file.id}`;
    const response = await fetch(url, { headers: { cookie: handler.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const disposition = response.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="complaint-\d{9}-1\.pdf"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
    expect(decodeURIComponent(disposition.split("''")[1]!)).toBe(file.file_name);
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    // Another agency's admin: the case and the file are 404, as no case at all.
    for (const path of [`/admin/complaints/${id}`, `/admin/complaints/${id}/attachments/${file.id}`, `/admin/complaints/${id}/attachments/${file.id + 1}`]) {
      const refused = await fetch(`${server!.url}${path}`, { headers: { cookie: otherAdmin.cookie }, redirect: "manual" });
      expect(refused.status, path).toBe(404);
      await refused.arrayBuffer();
    }
    // Signed out: to sign-in, never the file.
    const signedOut = await fetch(url, { redirect: "manual" });
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toMatch(/^\/sign-in\?next=/);
  });

  test("never sends a field's script as markup, on the case page or the status page", async () => {
    const script = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const { code } = await fileOne({ what: `${script} เรื่องมีสคริปต์`, persons: script, place: script, happened: script });
    const id = await caseIdOf(`${script} เรื่องมีสคริปต์`);
    const casePage = await (await fetch(`${server!.url}/admin/complaints/${id}`, { headers: { cookie: handler.cookie } })).text();
    expect(casePage).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(casePage).not.toContain('<script>alert("x")');
    expect(casePage).not.toContain("<img src=x");
    // The handler replies with markup too: the complainant's page shows it as text.
    const reply = await fetch(`${server!.url}/admin/complaints/${id}`, {
      method: "POST",
      headers: { cookie: handler.cookie },
      body: new URLSearchParams({ csrf: handler.csrf, intent: "reply", text: `ตอบกลับ ${script}` }),
      redirect: "manual",
    });
    expect(reply.status).toBe(302);
    const status = await (await fetch(`${server!.url}/complaints/town/status`, { method: "POST", body: new URLSearchParams({ code }), headers: { "x-forwarded-for": newAddress() } })).text();
    expect(status).toContain("ตอบกลับ &lt;script&gt;");
    expect(status).not.toContain('<script>alert("x")');
    expect(status).not.toContain("<img src=x");
  });

  test("publishes the statistics of a year with cases and of one without, page and CSV, matching the cases table", async () => {
    const rows = await db!.selectFrom("complaint").where("organization_id", "=", town).select(["status", "received_on"]).execute();
    const year = await (await fetch(`${server!.url}/complaints/town/statistics`)).text();
    const number = (testId: string) => Number(new RegExp(`data-testid="${testId}">([0-9,]+)<`).exec(year)?.[1]?.replace(/,/g, ""));
    expect(rows.length).toBeGreaterThan(5);
    expect(number("stat-received")).toBe(rows.length);
    expect(number("stat-finished")).toBe(rows.filter((r) => r.status === "closed").length);
    expect(number("stat-in-progress")).toBe(rows.filter((r) => r.status !== "closed").length);
    expect(year).not.toContain('data-testid="stat-none"');
    const csvResponse = await fetch(`${server!.url}/complaints/town/statistics.csv`);
    expect(csvResponse.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csvResponse.headers.get("content-disposition")).toMatch(/^attachment; filename="complaint-statistics-town-25\d\d\.csv"/);
    const csv = await csvResponse.text();
    expect(csv).toMatch(new RegExp(`รวมทั้งปี,25\\d\\d,${rows.length},0,${rows.length}\\r\\n`));
    const none = await (await fetch(`${server!.url}/complaints/town/statistics?year=2560`)).text();
    expect(none).toContain('data-testid="stat-none"');
    expect(none).toContain("ในปีงบประมาณ พ.ศ. 2560 ไม่มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ");
    const noneCsv = await (await fetch(`${server!.url}/complaints/town/statistics.csv?year=2560`)).text();
    expect(noneCsv).toContain("รวมทั้งปี,2560,0,0,0\r\n");
    expect(noneCsv).toContain("ไม่มีเรื่องร้องเรียนในปีงบประมาณนี้");
    // Unknown and suspended agencies answer no page.
    expect((await fetch(`${server!.url}/complaints/nowhere/statistics`)).status).toBe(404);
    expect((await fetch(`${server!.url}/complaints/nowhere/statistics.csv`)).status).toBe(404);
  });

  test("the OIT checklist offers the guideline, the form and the round's year of statistics as evidence for o29–o31", async () => {
    const html = await (await fetch(`${server!.url}/admin/rounds/${townRound}/oit`, { headers: { cookie: handler.cookie } })).text();
    const block = (code: string) => new RegExp(`data-testid="produced-${code}"[\\s\\S]*?</div>`).exec(html)?.[0] ?? "";
    expect(block("o29")).toContain(`${server!.url}/complaints/town/guideline`);
    expect(block("o30")).toContain(`${server!.url}/complaints/town<`);
    // The fixture's round is fiscal year 2569: the statistics of that year, page and CSV.
    expect(block("o31")).toContain(`${server!.url}/complaints/town/statistics?year=2569`);
    expect(block("o31")).toContain(`/complaints/town/statistics.csv?year=2569`);
    expect(html).not.toContain('data-testid="produced-o32"');
  });

  test("logs no line for a complaint request and none of the form's words: they are counted per minute", async () => {
    await server!.stop();
    const log = server!.output();
    // The signed-in case pages are logged as every admin page is; the public complaint pages never.
    expect(log).not.toMatch(/"path":"\/complaints/);
    expect(log).toMatch(/"path":"\/admin\/complaints/);
    expect(log).not.toContain(SECRET_WORDS);
    expect(log).toMatch(/"respondentRequests":\d+/);
  });
});
