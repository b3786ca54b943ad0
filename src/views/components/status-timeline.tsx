import type { IndicatorRow } from "../../db/schema";
import type { HistoryEntryOut } from "../../schemas/history";
import type { Locale } from "../locale";
import { StatusChip } from "./status-chip";

function cause(l: Locale, entry: HistoryEntryOut, indicator: IndicatorRow): string {
  const actual = entry.figures.actual;
  if ((entry.cause === "new_figure" || entry.cause === "revised_figure") && actual) {
    return l.t(`cause_${entry.cause}`, {
      period: l.period(actual.period_start, actual.period_end),
      value: l.quantity(actual.value, indicator, 4),
    });
  }
  return l.t(
    `cause_${entry.cause === "new_figure" || entry.cause === "revised_figure" ? "time_passed" : entry.cause}`,
  );
}

/** When the plan's judgment changed and which figure (or date) caused it, newest first. */
export function StatusTimeline({
  l,
  entries,
  indicator,
}: {
  l: Locale;
  entries: readonly HistoryEntryOut[];
  indicator: IndicatorRow;
}) {
  if (entries.length === 0) return <p>{l.t("no_history")}</p>;
  return (
    <ol class="timeline" aria-label={l.t("timeline_caption")}>
      {entries.map((entry) => (
        <li data-version={String(entry.version)}>
          <time datetime={entry.recorded_at}>{l.date(entry.as_of)}</time>{" "}
          <span class="chips">
            <StatusChip l={l} status={entry.status} />
            {entry.stale ? <StatusChip l={l} status="stale" /> : null}
          </span>{" "}
          <span data-cause={entry.cause}>{cause(l, entry, indicator)}</span>
        </li>
      ))}
    </ol>
  );
}
