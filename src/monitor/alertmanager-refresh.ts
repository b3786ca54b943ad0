// The other half of Alertmanager as a destination (src/webhooks/alertmanager.ts): on every
// tick, each enabled `alertmanager` destination gets the alerts that are still open, once
// more, so Alertmanager keeps them firing instead of timing them out. One POST per destination
// per tick, whatever the number of plans.
//
// Nothing is stored: the outbox holds the transitions (with their retries and delivery log);
// this is only their keep-alive. A failed post is not retried, because the next tick posts
// again and the alerts' endsAt leaves room for a few missed ticks. Other formats never see
// it: they hear transitions and the weekly reminder, from the outbox.
import type { Db } from "../db/client";
import { listWebhooks } from "../db/queries/webhooks";
import type { WebhookRow } from "../db/schema";
import { wants } from "../domain/alert-routing";
import { statusSeverity } from "../domain/alert-transitions";
import { ulid } from "../lib/ids";
import type { MonitorSettings } from "../lib/settings";
import { alertsEndpoint, openAlert, type PostableAlert } from "../webhooks/alertmanager";
import { activeSecrets } from "../webhooks/message";
import { fetchTransport, sendOnce, type Transport } from "../webhooks/send";
import { signedHeaders } from "../webhooks/signing";
import { checkWebhookUrl, urlPolicy } from "../webhooks/url-safety";
import type { OpenAlert } from "./decide-run";

export interface RefreshOptions {
  /** The tick's time, epoch ms: endsAt is counted from it. */
  now: number;
  settings: MonitorSettings;
  transport?: Transport;
  /** Only measures how long each attempt took. */
  clock?: () => number;
}

export interface RefreshReport {
  /** Destinations that had at least one open alert to hear about. */
  destinations: number;
  alerts: number;
  failed: number;
}

/**
 * What each alertmanager destination is sent: the open alerts its filters take, judged as the
 * event that opened them (a `status` alert as `plan.status_changed` at its severity, a `stale`
 * one as `plan.stale`), so it hears again exactly what it heard begin. Pure.
 */
export function refreshBodies(
  destinations: readonly WebhookRow[],
  open: readonly OpenAlert[],
  nowIso: string,
): { destination: WebhookRow; alerts: PostableAlert[] }[] {
  return destinations
    .filter((d) => d.enabled && d.format === "alertmanager")
    .flatMap((destination) => {
      const alerts = open.flatMap((a) => {
        const opener =
          a.kind === "stale"
            ? { type: "plan.stale" as const, rank: "warning" as const }
            : { type: "plan.status_changed" as const, rank: statusSeverity(a.about.status) };
        if (!wants(destination, opener, a.subject)) return [];
        const alert = openAlert(a.about, a.kind, a.since, nowIso);
        return alert ? [alert] : [];
      });
      return alerts.length > 0 ? [{ destination, alerts }] : [];
    });
}

export async function refreshAlertmanagers(
  db: Db,
  open: readonly OpenAlert[],
  options: RefreshOptions,
): Promise<RefreshReport> {
  const report: RefreshReport = { destinations: 0, alerts: 0, failed: 0 };
  // Nothing open, nothing to keep alive: no read, no request.
  if (open.length === 0) return report;
  const nowIso = new Date(options.now).toISOString();
  const policy = urlPolicy(options.settings);
  const bodies = refreshBodies(await listWebhooks(db), open, nowIso);
  await Promise.all(
    bodies.map(async ({ destination, alerts }) => {
      report.destinations += 1;
      report.alerts += alerts.length;
      // Checked at send time, as the drain does: the setting may have changed since.
      const verdict = checkWebhookUrl(destination.url, policy);
      if (!verdict.ok) {
        report.failed += 1;
        console.error("monitor: alertmanager refresh refused", destination.id, verdict.reason);
        return;
      }
      const body = JSON.stringify(alerts);
      // Signed like every other message, for a proxy in front that checks; Alertmanager ignores it.
      const headers = await signedHeaders(
        activeSecrets(destination, nowIso),
        `refresh_${ulid(options.now)}`,
        Math.floor(options.now / 1000),
        body,
      );
      const result = await sendOnce(
        { url: alertsEndpoint(destination.url), body, headers: { ...headers } },
        options.transport ?? fetchTransport,
        { nowMs: options.now, clock: options.clock ?? Date.now },
      );
      if (result.error !== null) {
        report.failed += 1;
        console.error("monitor: alertmanager refresh failed", destination.id, result.error);
      }
    }),
  );
  return report;
}
