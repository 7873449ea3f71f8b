/**
 * The demo agency's measures plan, modelled on the plan a municipality wrote by hand
 * (../shared/reference/khlong-phikrai-2565-measures.txt): one measure done, one in progress with
 * progress notes, one overdue, one planned, so that the measures page, the dashboard's overdue warning
 * and the report all show something real. Dates are relative to the day of seeding.
 * Beside demo-agency.server.ts, which calls it, for the reason given there.
 */
import type { Db } from "../../db/client.server";
import { insertMeasure, insertMeasureNote, replaceMeasureParts } from "../../db/queries/measures";
import type { MeasureStatus } from "../../db/schema";
import { formatDate, toThaiDigits } from "../text/format";

interface DemoMeasure {
  title: string;
  steps: string[];
  units: string[];
  period: string;
  /** Days from the day of seeding; negative is in the past. */
  dueInDays: number | null;
  followUp: string;
  status: MeasureStatus;
  targets: string[];
  notes: { daysAgo: number; text: string }[];
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function demoMeasures(fiscalYear: number, today: string): DemoMeasure[] {
  const yy = toThaiDigits(String(fiscalYear).slice(-2));
  const overdueOn = addDays(today, -21);
  return [
    {
      title: "การสร้างฐานความคิดการแยกแยะประโยชน์ส่วนตัวและประโยชน์ส่วนรวม",
      steps: [
        "เสริมสร้างฐานคิดแยกแยะประโยชน์ส่วนตัวและประโยชน์ส่วนรวมในรูปแบบของการจัดโครงการอบรมคุณธรรมจริยธรรม",
        "แจ้งให้พนักงานเทศบาลและพนักงานจ้างทุกท่านได้รับทราบในการประชุมประจำเดือน",
      ],
      units: ["สำนักปลัด", "กองคลัง"],
      period: `ตลอดปี ${yy}`,
      dueInDays: -60,
      followUp: "๑.จัดโครงการอบรมคุณธรรมจริยธรรม พร้อมรายงานผลการดำเนินงานให้คณะผู้บริหารรับทราบ\n๒.แจ้งในการประชุมประจำเดือน",
      status: "done",
      targets: ["5", "i5"],
      notes: [
        { daysAgo: 120, text: "แจ้งพนักงานเทศบาลและพนักงานจ้างในการประชุมประจำเดือนแล้ว" },
        { daysAgo: 75, text: "จัดโครงการอบรมคุณธรรมจริยธรรม ณ ห้องประชุมเทศบาล\nผู้เข้าร่วม ๔๒ คน รายงานผลให้คณะผู้บริหารรับทราบแล้ว" },
      ],
    },
    {
      title: "การปรับปรุงระบบการทำงาน",
      steps: [
        "ปรับปรุงข้อมูลการติดต่อกับเทศบาล",
        "เพิ่มช่องทางการถามตอบข้อมูลต่างๆ ที่สามารถใช้ในการอำนวยความสะดวกแก่ประชาชนได้มากขึ้น",
        "เพิ่มช่องทาง social network",
        "ดำเนินการเผยแพร่คู่มือหรือมาตรฐานการปฏิบัติให้ครอบคลุมทุกส่วนงาน",
        "ดำเนินการเผยแพร่ข้อมูลคู่มือหรือมาตรฐานการให้บริการให้ครอบคลุมทุกส่วนงาน",
        "เพิ่มช่องทางการให้บริการประชาชน ผ่าน e-service",
        "ดำเนินการสำรวจความพึงพอใจ",
      ],
      units: ["สำนักปลัด"],
      period: `ตลอดปี ${yy}`,
      dueInDays: 60,
      followUp: "๑.รายงานผลการดำเนินงานให้ผู้บริหารได้รับทราบ",
      status: "in-progress",
      targets: ["8", "e11", "e12", "e13", "e14", "e15"],
      notes: [
        { daysAgo: 45, text: "ปรับปรุงข้อมูลการติดต่อบนเว็บไซต์หลักแล้ว และเปิดบัญชีไลน์ทางการของเทศบาล" },
        { daysAgo: 10, text: "เปิดให้ยื่นคำร้องขออนุญาตก่อสร้างผ่าน e-service\nอยู่ระหว่างจัดทำแบบสำรวจความพึงพอใจ" },
      ],
    },
    {
      title: "การจัดทำและเผยแพร่ขั้นตอนการขอยืมทรัพย์สินของทางราชการ",
      steps: [
        "จัดทำคู่มือหรือแนวปฏิบัติการขออนุญาตยืมทรัพย์สินของทางราชการไปใช้ ทั้งบุคคลภายในและภายนอกส่วนราชการ พร้อมแบบฟอร์มการขอยืม",
        "เผยแพร่ขั้นตอนการขอยืมทรัพย์สินบนเว็บไซต์หลักของเทศบาลและแจ้งให้บุคลากรทราบในการประชุมประจำเดือน",
        "กำกับดูแลและตรวจสอบการใช้ทรัพย์สินของทางราชการ เพื่อป้องกันไม่ให้เกิดการนำไปใช้ประโยชน์ส่วนตัว กลุ่ม หรือพวกพ้อง",
      ],
      units: ["กองคลัง"],
      period: `ภายใน ${toThaiDigits(formatDate(overdueOn, "th"))}`,
      dueInDays: -21,
      followUp: "รายงานให้ผู้บริหารรับทราบ พร้อมเผยแพร่บนเว็บไซต์หลักของเทศบาล",
      status: "planned",
      targets: ["4", "i20", "i24"],
      notes: [],
    },
    {
      title: "มาตรการส่งเสริมความโปร่งใสและป้องกันการทุจริตภายในหน่วยงาน",
      steps: [
        `ดำเนินการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ในปี พ.ศ. ${toThaiDigits(String(fiscalYear - 1))}`,
        "กำหนดแนวทางการนำผลการวิเคราะห์ไปสู่การปฏิบัติหรือมาตรการเพื่อขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใส รวมถึงการกำหนดขั้นตอน หรือวิธีการปฏิบัติ การกำกับติดตามให้นำไปสู่การปฏิบัติและการรายงานผล",
      ],
      units: ["สำนักปลัด"],
      period: `ตลอดปี ${yy}`,
      dueInDays: null,
      followUp: "รายงานผู้บริหารให้รับทราบและประชาสัมพันธ์ มาตรการ แนวทางการขับเคลื่อน ผลการดำเนินงาน ผ่านทางเว็บไซต์หลักของเทศบาล",
      status: "planned",
      targets: ["10", "o42", "o43"],
      notes: [],
    },
  ];
}

/** Inserts the demo plan for the round (inside the seed's transaction). `unitIds`: Thai unit name → id. */
export async function insertDemoMeasures(
  db: Db,
  input: { organizationId: number; roundId: number; fiscalYear: number; today: string; createdAt: string; userId: number; unitIds: ReadonlyMap<string, number> },
): Promise<void> {
  for (const [index, demo] of demoMeasures(input.fiscalYear, input.today).entries()) {
    const id = await insertMeasure(db, {
      organization_id: input.organizationId,
      round_id: input.roundId,
      position: index + 1,
      title: demo.title,
      period: demo.period,
      due_on: demo.dueInDays === null ? null : addDays(input.today, demo.dueInDays),
      follow_up: demo.followUp,
      status: demo.status,
      created_by: input.userId,
      created_at: input.createdAt,
      updated_by: input.userId,
      updated_at: input.createdAt,
    });
    await replaceMeasureParts(db, id, {
      steps: demo.steps,
      unitIds: demo.units.map((name) => {
        const unitId = input.unitIds.get(name);
        if (unitId === undefined) throw new Error(`demo measure names unknown unit ${name}`);
        return unitId;
      }),
      targets: demo.targets,
    });
    for (const note of demo.notes) {
      await insertMeasureNote(db, { measureId: id, notedOn: addDays(input.today, -note.daysAgo), text: note.text, createdBy: input.userId, createdAt: input.createdAt });
    }
  }
}
