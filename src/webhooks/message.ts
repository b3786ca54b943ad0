// From a stored event and a destination to the exact request that goes out.
import type { WebhookFormat } from "../domain/vocabulary";
import { alertsEndpoint } from "./alertmanager";
import { renderBody } from "./formats";
import type { OutgoingMessage } from "./send";
import { signedHeaders } from "./signing";
import type { MessageData } from "./text";

export interface Destination {
  url: string;
  format: WebhookFormat;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: string | null;
}

/** The secrets that sign at `nowIso`: the current one, and the previous one during its overlap. */
export function activeSecrets(destination: Destination, nowIso: string): string[] {
  const { previousSecret, previousSecretExpiresAt } = destination;
  const overlapping =
    previousSecret !== null && previousSecretExpiresAt !== null && nowIso < previousSecretExpiresAt;
  return overlapping ? [destination.secret, previousSecret] : [destination.secret];
}

/**
 * Signs every format, not only `json`: chat tools ignore the headers, and a relay in front of
 * them can still check where a message came from. The webhook-id is the event id on every
 * attempt, so a receiver can drop a copy it already has; the timestamp is the attempt's.
 */
export async function buildMessage(
  destination: Destination,
  data: MessageData,
  nowMs: number,
): Promise<OutgoingMessage> {
  const body = renderBody(destination.format, data);
  const headers = await signedHeaders(
    activeSecrets(destination, new Date(nowMs).toISOString()),
    data.id,
    Math.floor(nowMs / 1000),
    body,
  );
  const url =
    destination.format === "alertmanager" ? alertsEndpoint(destination.url) : destination.url;
  return { url, body, headers: { ...headers } };
}
