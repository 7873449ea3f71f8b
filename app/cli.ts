/**
 * The operator's command line: npm run cli -- <command> [options], run from the server build
 * (`node build/server/index.js cli …`, app/server/index.ts). Prints JSON where a program may read the
 * output, and progress on stderr.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createDb, migrateToLatest, type Db } from "../db/client.server";
import { listActiveLinks } from "../db/queries/links";
import { listActivePermanentLinks } from "../db/queries/permanent-links";
import { getOrganizationBySlug } from "../db/queries/organizations";
import { listOrganizationRounds } from "../db/queries/rounds";
import { getAgencyUserId, insertUser } from "../db/queries/users";
import { USERNAME_PATTERN } from "./services/users.server";
import { getOrganizationUnit } from "../db/queries/counters";
import { seedDemo } from "./seed/demo-agency.server";
import { generatePassword, hashPassword } from "./auth/password.server";
import { printAdminPassword } from "./cli-output";
import { getEnv } from "./lib/env.server";
import { roundHalfUp } from "./text/format";
import { defaultFrameworkId, getFramework } from "./lib/frameworks.server";
import { describeRating, describeReason, type Rating, scorePublishedIndicators } from "./scoring";
import { checkFramework, FrameworkKitRefusal } from "./services/framework-kit/folders.server";
import { importOitSheet } from "./services/framework-kit/import-oit.server";
import { createFrameworkFromSource } from "./services/framework-kit/new-framework.server";
import { formatSheetProblem } from "./services/framework-kit/oit-sheet";
import { oitTemplateFileName, writeOitTemplate } from "./services/framework-kit/oit-template.server";
import { confirmFrameworkToday, listFrameworkStatus } from "./services/framework-kit/status.server";
import { BackupRefused, backupSqlite } from "./services/backup.server";
import { recountTallies } from "./services/recount.server";
import { purgeExpiredAnswers, purgeExpiredComplaintContacts } from "./services/retention.server";
import { createRound, setRoundStatus } from "./services/rounds/commands.server";
import { createAgency, defaultAgencyType, listAgencyTypes, removeDemoAgency } from "./services/agencies.server";
import { createOperator } from "./auth/operator-session.server";
import { HttpError } from "./lib/http";

/** The framework kit's commands (docs/frameworks.md). */
const FRAMEWORK_USAGE = `  framework new --from ID --id NEW-ID [--fiscal-year 2570]
                                            copy a framework to FRAMEWORKS_DIR as next year's, provisional
  framework oit-template --framework ID [--out FILE.xlsx|FILE.csv] [--force]
                                            write the framework's OIT list as the sheet an officer fills
  framework import-oit --framework ID FILE.xlsx|FILE.csv
                                            replace an installation framework's OIT list from that sheet
  framework check ID|FOLDER                 every problem of a framework, one per line; exit 1 if any
  framework list                            the frameworks as JSON: folder, provisional, confirmed
  framework confirm ID [--note TEXT]        record that the framework was checked against the year's
                                            NACC manual: its pages stop saying "provisional"`;

const USAGE = `usage: npm run cli -- <command>

  migrate                                   apply pending database migrations
  seed-demo                                 create the demo agency in an empty database
  create-user --organization SLUG --username NAME --role admin|manager|viewer
                                            create an account; prints its password once
  create-operator --username NAME           create a host operator (installation level, signs in at
                                            /operator); prints its password once, which
                                            the operator changes at the first sign-in
  create-agency --slug SLUG --name-th NAME [--name-en NAME] [--type TYPE]
                                            create an agency and its first admin; prints JSON with the
                                            admin's one-time password (create-agency --help: the types)
  remove-demo                               delete every row of the demo agency (slug "demo")
  create-round --organization SLUG --fiscal-year 2570 [--framework ID] [--head-count N]
               [--starts-on YYYY-MM-DD] [--ends-on YYYY-MM-DD] [--access-mode open|codes]
               [--counter ID …] [--from-previous]
                                            create the agency's round (open) with its links; prints
                                            JSON of the round and its links' tokens
  close-round --organization SLUG (--fiscal-year 2570 | --round ID)
                                            close the agency's round: its links stop taking answers
  reopen-round --organization SLUG (--fiscal-year 2570 | --round ID)
                                            open it again (refused while another round is open)
  links                                     list active respondent links as JSON: permanent ones
                                            ("kind": "counter" or "staff") and per-round ("kind": "round")
  score --framework ID --indicators FILE    score published indicator scores {"1": 91.70, …}: the
                                            instruments, total, level, rating and why not the one above
${FRAMEWORK_USAGE}
  recount [--check]                         rebuild tallies from responses; exit 1 on any difference
  purge-expired                             delete the raw answers of rounds past their agency's retention
                                            (the server also does it daily); prints JSON of what went
  backup FILE                               a consistent, checked copy of the SQLite database, taken
                                            while the server runs (PostgreSQL: use pg_dump)

Settings come from the environment: DATABASE_URL, PUBLIC_URL (see .env.example).`;

/**
 * close-round and reopen-round: the round named by its fiscal year (or id, where an agency has two rounds
 * of one year), changed by the same function and rules as the admin home's buttons. Prints the round as JSON.
 */
async function changeRoundStatus(args: string[], status: "open" | "closed"): Promise<number> {
  const command = status === "closed" ? "close-round" : "reopen-round";
  const { values } = parseArgs({ args, options: { organization: { type: "string" }, "fiscal-year": { type: "string" }, round: { type: "string" } } });
  if (!values.organization || (values["fiscal-year"] === undefined) === (values.round === undefined)) {
    console.error(`${command} needs --organization SLUG and either --fiscal-year YEAR (B.E., e.g. 2570) or --round ID`);
    return 2;
  }
  return withDb(async (db) => {
    const organization = await findAgency(db, values.organization!);
    if (!organization) return 2;
    const rounds = (await listOrganizationRounds(db, organization.id)).filter((r) =>
      values.round !== undefined ? String(r.id) === values.round : String(r.fiscalYear) === values["fiscal-year"],
    );
    if (rounds.length !== 1) {
      console.error(
        rounds.length === 0
          ? `the agency "${values.organization}" has no such round`
          : `the agency has ${rounds.length} rounds of fiscal year ${values["fiscal-year"]} (ids ${rounds.map((r) => r.id).join(", ")}): name one with --round ID`,
      );
      return 2;
    }
    const result = await setRoundStatus(db, { organizationId: organization.id, userId: null }, rounds[0]!.id, status, new Date());
    if (!result.ok) {
      console.error(`${result.message.th}\n${result.message.en}`);
      return 2;
    }
    console.log(JSON.stringify({ round: result.round }, null, 2));
    return 0;
  });
}

/** The agency of a --organization SLUG, or null after saying on stderr that there is none. */
async function findAgency(db: Db, slug: string) {
  const organization = await getOrganizationBySlug(db, slug);
  if (!organization) console.error(`no agency with the slug "${slug}"`);
  return organization ?? null;
}

async function withDb<T>(run: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(getEnv().DATABASE_URL);
  try {
    await migrateToLatest(db);
    return await run(db);
  } finally {
    await db.destroy();
  }
}

const commands: Record<string, (args: string[]) => Promise<number>> = {
  async migrate() {
    const db = createDb(getEnv().DATABASE_URL);
    try {
      const applied = await migrateToLatest(db);
      console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
    } finally {
      await db.destroy();
    }
    return 0;
  },

  async "seed-demo"() {
    return withDb(async (db) => {
      const result = await seedDemo(db, { now: new Date(), log: (line) => console.error(line) });
      if (!result.created) {
        console.log("the database already holds an agency; nothing was seeded");
        return 0;
      }
      printAdminPassword(result.adminUsername!, result.adminPassword!);
      return 0;
    });
  },

  async "create-user"(args) {
    const { values } = parseArgs({
      args,
      options: {
        organization: { type: "string" },
        username: { type: "string" },
        role: { type: "string", default: "viewer" },
        name: { type: "string", default: "" },
        // A complaint handler's unit (issue 16): its id, as /admin/counters lists the units.
        unit: { type: "string" },
      },
    });
    const role = values.role;
    if (!values.organization || !values.username || (role !== "admin" && role !== "manager" && role !== "viewer" && role !== "complaints")) {
      console.error("create-user needs --organization SLUG --username NAME --role admin|manager|viewer|complaints [--unit UNIT-ID for complaints]");
      return 2;
    }
    if (!USERNAME_PATTERN.test(values.username)) {
      console.error(`"${values.username}" cannot be a username: 3–40 lower-case Latin letters, digits or . _ - (as on /admin/users)`);
      return 2;
    }
    if ((role === "complaints") !== (values.unit !== undefined)) {
      console.error("a complaint handler (--role complaints) needs --unit UNIT-ID, the unit whose complaints they handle; other roles take no --unit");
      return 2;
    }
    return withDb(async (db) => {
      const organization = await findAgency(db, values.organization!);
      if (!organization) return 2;
      let unitId: number | null = null;
      if (values.unit !== undefined) {
        const unit = /^\d{1,9}$/.test(values.unit) ? await getOrganizationUnit(db, organization.id, Number(values.unit)) : undefined;
        if (!unit || unit.status !== "active") {
          console.error(`the agency "${organization.slug}" has no active unit ${values.unit}`);
          return 2;
        }
        unitId = unit.id;
      }
      // A username is unique per agency (migration 0017): another agency's "admin" is no obstacle.
      const taken = async () => {
        if (!(await getAgencyUserId(db, organization.id, values.username!))) return false;
        console.error(`the agency "${organization.slug}" already has the username "${values.username}"`);
        return true;
      };
      if (await taken()) return 2;
      const password = generatePassword();
      try {
        await insertUser(db, {
          organization_id: organization.id,
          username: values.username!,
          display_name: values.name,
          password_hash: await hashPassword(password),
          role,
          unit_id: unitId,
          created_at: new Date().toISOString(),
          // One-time: printed here; its owner chooses their own at the first sign-in (issue 14).
          must_change_password: 1,
        });
      } catch (error) {
        // Made by someone else meanwhile: the unique index refused this one.
        if (await taken()) return 2;
        throw error;
      }
      printAdminPassword(values.username!, password);
      console.log(`  Sign in at ${getEnv().PUBLIC_URL}/sign-in?agency=${organization.slug}\n`);
      return 0;
    });
  },

  async "create-operator"(args) {
    const { values } = parseArgs({ args, options: { username: { type: "string" } } });
    if (!values.username) {
      console.error("create-operator needs --username NAME");
      return 2;
    }
    return withDb(async (db) => {
      try {
        const operator = await createOperator(db, values.username!, new Date());
        printAdminPassword(operator.username, operator.password);
        console.log(`  Sign in at ${getEnv().PUBLIC_URL}/operator/sign-in\n`);
        return 0;
      } catch (error) {
        return reportBadInput(error);
      }
    });
  },

  async "create-agency"(args) {
    const { values } = parseArgs({
      args,
      options: {
        slug: { type: "string" },
        "name-th": { type: "string" },
        "name-en": { type: "string" },
        type: { type: "string" },
        help: { type: "boolean", default: false },
      },
    });
    if (values.help) {
      const types = listAgencyTypes()
        .map((t) => `  ${t.code.padEnd(24)} ${t.title.th} / ${t.title.en} (EIT minimum ${t.minimum})`)
        .join("\n");
      console.log(
        `usage: npm run cli -- create-agency --slug SLUG --name-th NAME [--name-en NAME] [--type TYPE]\n\n` +
          `SLUG: lowercase a-z, 0-9 and hyphens. TYPE (default ${defaultAgencyType()}), from the framework's sample-size table:\n${types}`,
      );
      return 0;
    }
    return withDb(async (db) => {
      try {
        const created = await createAgency(
          db,
          { kind: "cli" },
          { slug: values.slug ?? "", nameTh: values["name-th"] ?? "", nameEn: values["name-en"], type: values.type },
          new Date(),
        );
        console.log(JSON.stringify(created, null, 2));
        return 0;
      } catch (error) {
        return reportBadInput(error);
      }
    });
  },

  async "remove-demo"() {
    return withDb(async (db) => {
      const deleted = await removeDemoAgency(db);
      if (!deleted) {
        console.log('no demo agency (slug "demo") in this database; nothing was deleted');
        return 0;
      }
      const total = Object.values(deleted).reduce((sum, n) => sum + n, 0);
      console.log(`the demo agency was removed: ${total} rows deleted`);
      for (const [table, n] of Object.entries(deleted)) if (n) console.log(`  ${table}: ${n}`);
      return 0;
    });
  },

  async "create-round"(args) {
    const { values } = parseArgs({
      args,
      options: {
        organization: { type: "string" },
        "fiscal-year": { type: "string" },
        framework: { type: "string" },
        "head-count": { type: "string" },
        "starts-on": { type: "string" },
        "ends-on": { type: "string" },
        "access-mode": { type: "string" },
        counter: { type: "string", multiple: true },
        "from-previous": { type: "boolean", default: false },
      },
    });
    if (!values.organization) {
      console.error("create-round needs --organization SLUG (and usually --fiscal-year, e.g. 2570)");
      return 2;
    }
    return withDb(async (db) => {
      const organization = await findAgency(db, values.organization!);
      if (!organization) return 2;
      // The same rules and messages as the admin home's form (app/services/rounds/commands.server.ts).
      const result = await createRound(
        db,
        { organizationId: organization.id, userId: null },
        {
          fiscalYear: values["fiscal-year"],
          frameworkId: values.framework,
          staffHeadCount: values["head-count"],
          startsOn: values["starts-on"],
          endsOn: values["ends-on"],
          accessMode: values["access-mode"],
          counterIds: values.counter,
          fromPrevious: values["from-previous"],
        },
        new Date(),
      );
      if (!result.ok) {
        console.error(`${result.message.th}\n${result.message.en}`);
        for (const [field, message] of Object.entries(result.errors)) console.error(`  ${field}: ${message.th} / ${message.en}`);
        return 2;
      }
      const base = getEnv().PUBLIC_URL;
      console.log(
        JSON.stringify(
          {
            round: result.round,
            links: result.links.map((l) => ({ ...l, url: `${base}/s/${l.token}` })),
            fromPrevious: result.fromPrevious,
          },
          null,
          2,
        ),
      );
      return 0;
    });
  },

  "close-round": (args) => changeRoundStatus(args, "closed"),
  "reopen-round": (args) => changeRoundStatus(args, "open"),

  async links() {
    return withDb(async (db) => {
      const base = getEnv().PUBLIC_URL;
      // Permanent links first (issue 11): they are what posters and slips print.
      const permanent = (await listActivePermanentLinks(db)).map((link) => ({
        kind: link.kind,
        token: link.token,
        instrument: link.kind === "staff" ? "iit" : "eit",
        organization: link.organizationSlug,
        counter: link.counterNameTh,
        url: `${base}${link.kind === "counter" ? "/c/" : "/staff/"}${link.token}`,
      }));
      const perRound = (await listActiveLinks(db)).map((link) => ({
        kind: "round" as const,
        token: link.token,
        instrument: link.instrument,
        organization: link.organizationSlug,
        round: link.roundId,
        counter: link.counterNameTh,
        url: `${base}/s/${link.token}`,
      }));
      console.log(JSON.stringify([...permanent, ...perRound], null, 2));
      return 0;
    });
  },

  async score(args) {
    const { values } = parseArgs({
      args,
      options: { framework: { type: "string", default: defaultFrameworkId }, indicators: { type: "string" } },
    });
    if (!values.indicators) {
      console.error("score needs --indicators FILE, a JSON object of the ten indicator scores");
      return 2;
    }
    const framework = getFramework(values.framework);
    const scores = JSON.parse(readFileSync(values.indicators, "utf8")) as Record<string, number>;
    const { instruments, headline } = scorePublishedIndicators(framework, scores);
    const { rating } = headline;
    console.log(
      JSON.stringify({
        framework: framework.id,
        instruments: Object.fromEntries(instruments.flatMap((i) => (i.score === null ? [] : [[i.code, round2(i.score)]]))),
        total: round2(headline.score),
        level: headline.level.code,
        pass: headline.pass,
        // The framework's rating (ITA-METHOD §6) and, below the top one, every condition of the rating
        // above that the scores miss.
        rating: { code: rating.row.code, label_th: rating.row.label.th, label_en: rating.row.label.en },
        reasons: ratingReasons(rating),
        rating_text_th: describeRating(rating, "th", ratingNumber),
        rating_text_en: describeRating(rating, "en", ratingNumber),
      }),
    );
    return 0;
  },

  async framework(args) {
    const [sub, ...rest] = args;
    const command = sub ? frameworkCommands[sub] : undefined;
    if (!command) {
      console.error(`usage: npm run cli -- framework <command>  (docs/frameworks.md)\n\n${FRAMEWORK_USAGE}`);
      return sub ? 2 : 0;
    }
    try {
      return await command(rest);
    } catch (error) {
      if (!(error instanceof FrameworkKitRefusal)) throw error;
      console.error(error.text.th);
      console.error(error.text.en);
      return 2;
    }
  },

  async recount(args) {
    const { values } = parseArgs({ args, options: { check: { type: "boolean", default: false } } });
    return withDb(async (db) => {
      const result = await recountTallies(db, {
        repair: !values.check,
        onProgress: (n) => process.stderr.write(`\rrecounted ${n} responses`),
      });
      process.stderr.write("\n");
      for (const d of result.differences.slice(0, 50)) console.log(`difference ${d.key}: stored ${d.stored}, recounted ${d.recounted}`);
      if (result.differences.length > 50) console.log(`… and ${result.differences.length - 50} more`);
      console.log(
        `${result.responses} responses, ${result.tallyRows} tally rows, ${result.differences.length} differences` +
          (result.differences.length && !values.check ? " (tallies rebuilt)" : ""),
      );
      if (result.purgedRounds > 0) {
        console.log(`${result.purgedRounds} round(s) have no raw answers to recount (deleted by the agency's retention); their tallies are kept as they are`);
      }
      return result.differences.length === 0 ? 0 : 1;
    });
  },

  async "purge-expired"() {
    return withDb(async (db) => {
      const purged = await purgeExpiredAnswers(db, new Date());
      // Closed complaints' contact details past the same retention (issue 16).
      const erasedContacts = await purgeExpiredComplaintContacts(db, new Date());
      console.log(JSON.stringify({ purged, erasedContacts }, null, 2));
      return 0;
    });
  },

  async backup(args) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const [target] = positionals;
    if (!target || positionals.length > 1) {
      console.error("backup needs one argument: the new file to write, e.g. npm run cli -- backup backups/prongsai-2569-12-01.db");
      return 2;
    }
    try {
      const result = await backupSqlite(getEnv().DATABASE_URL, target);
      console.log(
        `backup written to ${result.path}: ${(result.bytes / 1024 / 1024).toFixed(1)} MB, ${result.responses} responses, ` +
          `integrity ok, in ${result.seconds.toFixed(1)} s`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof BackupRefused)) throw error;
      console.error(error.message);
      return 2;
    }
  },
};

/**
 * `npm run cli -- framework …`: the framework kit (issue 13, item 3; docs/frameworks.md). A refusal
 * (FrameworkKitRefusal) prints its Thai and English message and exits 2.
 */
const frameworkCommands: Record<string, (args: string[]) => Promise<number>> = {
  async new(args) {
    const { values } = parseArgs({ args, options: { from: { type: "string" }, id: { type: "string" }, "fiscal-year": { type: "string" } } });
    if (!values.from || !values.id) {
      console.error("framework new needs --from ID (e.g. ita-2569) and --id NEW-ID (e.g. ita-2570) [--fiscal-year 2570]");
      return 2;
    }
    const created = createFrameworkFromSource({ from: values.from, id: values.id, fiscalYear: values["fiscal-year"] });
    console.error(`${created.id} was made from ${created.from}, provisional; next: npm run cli -- framework oit-template --framework ${created.id} (docs/frameworks.md)`);
    console.log(JSON.stringify({ id: created.id, folder: created.folder, fiscalYear: created.fiscalYear, from: created.from }, null, 2));
    return 0;
  },

  async "oit-template"(args) {
    const { values } = parseArgs({ args, options: { framework: { type: "string" }, out: { type: "string" }, force: { type: "boolean", default: false } } });
    if (!values.framework) {
      console.error("framework oit-template needs --framework ID [--out FILE.xlsx|FILE.csv] [--force]");
      return 2;
    }
    const written = await writeOitTemplate(values.framework, values.out ?? oitTemplateFileName(values.framework), { force: values.force });
    console.log(JSON.stringify(written, null, 2));
    return 0;
  },

  async "import-oit"(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { framework: { type: "string" } } });
    if (!values.framework || positionals.length !== 1) {
      console.error("framework import-oit needs --framework ID and one file: FILE.xlsx or FILE.csv");
      return 2;
    }
    const result = await importOitSheet(values.framework, positionals[0]!);
    if (!result.ok) {
      if (result.kind === "rows") {
        console.error(`แถวที่มีปัญหา ${result.problems.length} ข้อ ไม่ได้บันทึกอะไร / ${result.problems.length} problem(s) in the sheet; nothing was written:`);
        for (const problem of result.problems) console.error(formatSheetProblem(problem));
      } else {
        console.error(`รายการใหม่ทำให้กรอบการประเมินมีปัญหา จึงคงไฟล์เดิมไว้ / the new list breaks the framework; the previous file stands:`);
        for (const problem of result.problems) console.error(problem);
      }
      return 2;
    }
    if (result.ignoredColumns.length > 0) console.error(`ignored columns (not read): ${result.ignoredColumns.join(", ")}`);
    console.error(`ok: restart the server to use the new list`);
    console.log(JSON.stringify(result, null, 2));
    return 0;
  },

  async check(args) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    if (positionals.length !== 1) {
      console.error("framework check needs one framework id (e.g. ita-2570) or a framework folder");
      return 2;
    }
    const check = checkFramework(positionals[0]!);
    if (!check) {
      console.error(`ไม่พบกรอบการประเมิน ${positionals[0]}\nno framework or framework folder ${positionals[0]}`);
      return 2;
    }
    if (check.problems.length === 0) {
      console.error(`${check.id}: ${check.folder}`);
      console.log("ok");
      return 0;
    }
    for (const problem of check.problems) console.log(problem);
    console.error(`${check.problems.length} problem(s) in ${check.folder}`);
    return 1;
  },

  async list() {
    return withDb(async (db) => {
      console.log(JSON.stringify(await listFrameworkStatus(db), null, 2));
      return 0;
    });
  },

  async confirm(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { note: { type: "string", default: "" } } });
    if (positionals.length !== 1) {
      console.error('framework confirm needs one framework id [--note "checked against the NACC manual of 2570"]');
      return 2;
    }
    return withDb(async (db) => {
      const confirmation = await confirmFrameworkToday(db, positionals[0]!, values.note, new Date());
      if (!confirmation.provisional) console.error(`${confirmation.id} is not marked provisional in its data: the confirmation is recorded, nothing shown changes`);
      console.log(JSON.stringify(confirmation, null, 2));
      return 0;
    });
  },
};

/** Each condition of the rating above that the scores miss, as the CLI prints it. */
function ratingReasons(rating: Rating) {
  return rating.reasons.map((reason) => ({
    subject: reason.subject,
    score: reason.score === null ? null : round2(reason.score),
    bound: reason.bound,
    th: describeReason(reason, "th", ratingNumber),
    en: describeReason(reason, "en", ratingNumber),
  }));
}

/** A score as the NACC publishes it (81.78) and a bound as the rule states it (85): "EIT 81.78 < 85". */
function ratingNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : roundHalfUp(value, 2);
}

/** A service's 400 as the command's message and exit code 2; anything else is thrown on. */
function reportBadInput(error: unknown): number {
  if (!(error instanceof HttpError) || error.status !== 400) throw error;
  console.error(error.messageTh);
  console.error(error.messageEn);
  for (const [field, message] of Object.entries(error.fields ?? {})) console.error(`  ${field}: ${message.th} / ${message.en}`);
  return 2;
}

/** Two decimals, as the NACC publishes them (73.405 → 73.41). */
function round2(value: number): number {
  return Number(roundHalfUp(value, 2));
}

/** Runs one command (`npm run cli -- <command> …`, app/server/index.ts); resolves to the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(USAGE);
    return name ? 2 : 0;
  }
  return command(args);
}
