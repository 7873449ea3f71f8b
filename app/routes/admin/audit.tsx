import { listAuditLog } from "../../../db/queries/audit-log";
import { getDb } from "../../lib/db.server";
import { defineTexts, getRequestLang } from "../../text/i18n";
import { requireSignedInUser } from "../../auth/admin-context.server";
import type { Route } from "./+types/audit";

const LIMIT = 500;

export async function loader({ request, context }: Route.LoaderArgs) {
  const db = getDb();
  const admin = requireSignedInUser(context, "admin");
  return { lang: getRequestLang(request), entries: await listAuditLog(db, admin.organizationId, LIMIT) };
}

const say = defineTexts({
  title: { th: "บันทึกการใช้งานของผู้ดูแล", en: "Audit log of admin actions" },
  lead: { th: `รายการล่าสุด ${LIMIT} รายการ เวลาตามประเทศไทย`, en: `The latest ${LIMIT} entries, Thai time.` },
  when: { th: "เวลา", en: "When" },
  who: { th: "ผู้ทำรายการ", en: "Who" },
  action: { th: "รายการ", en: "Action" },
  target: { th: "เป้าหมาย", en: "Target" },
  detail: { th: "รายละเอียด", en: "Detail" },
  system: { th: "ระบบ", en: "system" },
  operator: { th: "ผู้ดูแลเครื่องให้บริการ {name}", en: "host operator {name}" },
});

const BANGKOK_TIME = new Intl.DateTimeFormat("th-TH-u-ca-buddhist", { timeZone: "Asia/Bangkok", dateStyle: "medium", timeStyle: "short" });
const BANGKOK_TIME_EN = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Bangkok", dateStyle: "medium", timeStyle: "short" });

export default function Audit({ loaderData }: Route.ComponentProps) {
  const { lang, entries } = loaderData;
  const format = lang === "th" ? BANGKOK_TIME : BANGKOK_TIME_EN;
  return (
    <main className="page">
      <h1>{say(lang, "title")}</h1>
      <p className="muted">{say(lang, "lead")}</p>
      <div className="table-scroll">
        <table className="scores">
          <thead>
            <tr>
              <th>{say(lang, "when")}</th>
              <th>{say(lang, "who")}</th>
              <th>{say(lang, "action")}</th>
              <th>{say(lang, "target")}</th>
              <th>{say(lang, "detail")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{format.format(new Date(entry.createdAt))}</td>
                <td>{entry.username ?? (entry.operatorUsername ? say(lang, "operator", { name: entry.operatorUsername }) : say(lang, "system"))}</td>
                <td>{entry.action}</td>
                <td>{entry.target}</td>
                <td>
                  <code>{entry.detail}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
