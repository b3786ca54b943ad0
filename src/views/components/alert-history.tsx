import type { Locale } from "../locale";
import { type AlertEvent, changeText, eventDetail } from "../plan-model";
import { StatusChip } from "./status-chip";

function Change({ l, event }: { l: Locale; event: AlertEvent }) {
  if (event.type === "plan.status_changed") {
    return (
      <span class="chips">
        {event.previousStatus ? <StatusChip l={l} status={event.previousStatus} /> : null}
        {event.previousStatus ? " → " : null}
        <StatusChip l={l} status={event.status} />
      </span>
    );
  }
  if (event.type === "plan.stale") {
    return (
      <span class="chips">
        <StatusChip l={l} status="stale" /> {changeText(l, event)}
      </span>
    );
  }
  return <>{changeText(l, event)}</>;
}

/** The monitor's recorded transitions for this plan, newest first. */
export function AlertHistory({ l, events }: { l: Locale; events: readonly AlertEvent[] }) {
  if (events.length === 0) return <p>{l.t("no_alerts")}</p>;
  return (
    <div class="scroll">
      <table class="stack alerts">
        <caption>{l.t("alerts_caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{l.t("col_when")}</th>
            <th scope="col">{l.t("col_change")}</th>
            <th scope="col">{l.t("col_detail")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr data-event={event.id}>
              <th scope="row">
                <time datetime={event.occurredAt}>{l.timestamp(event.occurredAt)}</time>
              </th>
              <td data-label={l.t("col_change")}>
                <Change l={l} event={event} />
              </td>
              <td data-label={l.t("col_detail")}>
                {eventDetail(l, event)}
                {event.muted ? <span class="sub">{l.t("event_muted")}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
