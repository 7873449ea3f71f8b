import type { Level } from "../scoring/framework";

/** A level (AA … F) in the framework's colour; a dash when not assessed. */
export function LevelBadge({ level }: { level: Level | null }) {
  if (!level) return <span className="not-assessed">–</span>;
  return (
    <span className="level-badge" style={{ background: level.color }}>
      {level.code}
    </span>
  );
}
