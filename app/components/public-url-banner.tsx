import { defineTexts, type Lang } from "../text/i18n";

const say = defineTexts({
  title: { th: "ลิงก์ที่พิมพ์จากหน้านี้จะใช้จากภายนอกไม่ได้", en: "Links printed from this page will not work from outside" },
  body: {
    th: "ที่อยู่ของระบบ (PUBLIC_URL) คือ {url} ซึ่งเปิดได้จากเครื่องเซิร์ฟเวอร์เท่านั้น โทรศัพท์ของผู้รับบริการและบุคลากรจะเปิดลิงก์และ QR code ไม่ได้ กรุณาแจ้งผู้ดูแลเซิร์ฟเวอร์ให้ตั้งค่า PUBLIC_URL เป็นที่อยู่สาธารณะ เช่น PUBLIC_URL=https://survey.example.go.th แล้วเริ่มระบบใหม่ ก่อนพิมพ์โปสเตอร์หรือบัตร",
    en: "The server's address (PUBLIC_URL) is {url}, which only the server itself can open: visitors' and staff's phones cannot open these links and QR codes. Ask whoever runs the server to set PUBLIC_URL to the public address, e.g. PUBLIC_URL=https://survey.example.go.th, and restart, before printing posters or slips.",
  },
});

/**
 * Shown above anything printable while PUBLIC_URL is local in production (issue 11, item 7;
 * app/lib/public-url.ts). On screen only: the print stylesheet hides .no-print, and the admin has seen it
 * before pressing Print.
 */
export function PublicUrlBanner({ lang, url }: { lang: Lang; url: string | null }) {
  if (url === null) return null;
  return (
    <div className="alert no-print public-url-banner" role="alert" data-testid="public-url-banner">
      <p>
        <strong>{say(lang, "title")}</strong>
      </p>
      <p>{say(lang, "body", { url })}</p>
    </div>
  );
}
