/**
 * A round's responses as a file for the HTTP response: the request's options checked, the file's
 * names and headers, and the CSV or XLSX bytes as a web stream that reads a page only when the client
 * has taken the previous one, so a slow client holds the export back instead of filling memory.
 */
import { PassThrough } from "node:stream";
import type { Db } from "../../../db/client.server";
import type { SurveyInstrument } from "../../../db/schema";
import { getFramework } from "../../lib/frameworks.server";
import type { Lang } from "../../text/i18n";
import { getRoundResults } from "../round-results.server";
import { csvChunks } from "./csv.server";
import { makePlan, type ExportFormat, type ExportRound } from "./plan.server";
import { say } from "./text";
import { writeXlsx } from "./xlsx.server";


/** RFC 6266 / 5987: an ASCII fallback name and the UTF-8 name. */
export function contentDisposition(asciiName: string, utf8Name: string): string {
  const encoded = encodeURIComponent(utf8Name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encoded}`;
}

function filenames(round: ExportRound, instrument: SurveyInstrument | undefined, format: ExportFormat, lang: Lang): { ascii: string; utf8: string } {
  const part = instrument ? `-${instrument}` : "";
  const title = (lang === "th" ? round.titleTh : round.titleEn).replace(/[\\/:*?"<>|\x00-\x1f]+/g, "-").trim();
  const prefix = say(lang, "filePrefix");
  return {
    ascii: `prongsai-round-${round.id}${part}-responses.${format}`,
    utf8: `${prefix}${instrument ? ` ${instrument.toUpperCase()}` : ""} ${title}.${format}`,
  };
}

const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

function readableFrom(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 }, // read a page only when the client has taken the previous one
  );
}

/**
 * A web stream that reads the Node stream one chunk per pull, so the HTTP response's back-pressure
 * reaches the XLSX writer. (Readable.toWeb queues up to highWaterMark *chunks* — thousands — before it
 * pauses its source: nodejs/node#46347; a slow client then had the whole file buffered.)
 */
function pullFrom(node: PassThrough): ReadableStream<Uint8Array> {
  const chunks = node[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        node.destroy();
        await chunks.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

export interface ExportFile {
  body: ReadableStream<Uint8Array>;
  headers: Record<string, string>;
}

/**
 * The responses of a round as a streamed CSV or XLSX, of these instruments. Who may export what, and the
 * audit entry, are decided before (./access.server.ts): this only writes the file.
 */
export async function exportRoundResponses(
  db: Db,
  round: ExportRound,
  format: ExportFormat,
  instruments: SurveyInstrument[],
  lang: Lang,
  now: Date,
): Promise<ExportFile> {
  const instrument = instruments.length === 1 ? instruments[0] : undefined;
  const plan = makePlan(getFramework(round.frameworkId), instruments, lang);
  const names = filenames(round, instrument, format, lang);
  const headers = {
    "Content-Type": CONTENT_TYPE[format],
    "Content-Disposition": contentDisposition(names.ascii, names.utf8),
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (format === "csv") return { body: readableFrom(csvChunks(db, round.id, plan)), headers };

  const results = await getRoundResults(db, round.id);
  if (!results) throw new Response(null, { status: 404 });
  const out = new PassThrough();
  writeXlsx(db, results, plan, lang, now, out).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return { body: pullFrom(out), headers };
}
