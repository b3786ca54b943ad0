import type { AlertStateRow } from "../db/schema";
import { isOpenStatus, statusSeverity } from "../domain/alert-transitions";
import type { AlertStateOut } from "../schemas/event";

export function alertStateOut(state: AlertStateRow): AlertStateOut {
  return {
    status: state.status,
    severity: statusSeverity(state.status),
    stale: state.stale,
    open: isOpenStatus(state.status) || state.stale,
    status_since: state.statusSince,
    stale_since: state.staleSince,
    last_notified_at: state.lastNotifiedAt,
    changed_at: state.changedAt,
    version: state.version,
  };
}
