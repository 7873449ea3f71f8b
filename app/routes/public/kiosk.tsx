export default function Kiosk() {
  return <main className="page" />;
}
