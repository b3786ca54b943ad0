// Who hears about an event: silences (nobody, but it is recorded) and destination filters.
import type { EventType, MinSeverity, Severity } from "./vocabulary";

export interface SilenceMatcher {
  planId: string | null;
  indicatorId: string | null;
  scope: string | null;
  /** ISO-8601; the silence holds while now < until. */
  until: string;
}

export interface Subject {
  planId: string;
  indicatorId: string;
  scope: string;
  tags: readonly string[];
}

/** Every matcher a silence sets must match; a silence with none would mute everything and is refused at creation. */
export function isSilenced(
  silences: readonly SilenceMatcher[],
  subject: Subject,
  now: string,
): boolean {
  return silences.some(
    (s) =>
      now < s.until &&
      (s.planId !== null || s.indicatorId !== null || s.scope !== null) &&
      (s.planId === null || s.planId === subject.planId) &&
      (s.indicatorId === null || s.indicatorId === subject.indicatorId) &&
      (s.scope === null || s.scope === subject.scope),
  );
}

export interface DestinationFilter {
  id: string;
  enabled: boolean;
  scopes: readonly string[];
  tags: readonly string[];
  eventTypes: readonly string[];
  minSeverity: MinSeverity;
}

const RANK: Record<Severity, number> = { info: 0, good: 1, resolved: 1, warning: 2, critical: 3 };
const MIN_RANK: Record<MinSeverity, number> = { info: 0, good: 1, warning: 2, critical: 3 };

/**
 * Whether a destination wants an event. Empty lists match everything. `rank` is the event's
 * severity, except for a resolution, which ranks as the alert it resolves: a destination that
 * only takes critical alerts still hears that its critical alert is over.
 */
export function wants(
  destination: DestinationFilter,
  event: { type: EventType; rank: Severity },
  subject: Subject,
): boolean {
  if (!destination.enabled) return false;
  if (destination.scopes.length > 0 && !destination.scopes.includes(subject.scope)) return false;
  if (destination.tags.length > 0 && !destination.tags.some((t) => subject.tags.includes(t))) {
    return false;
  }
  if (destination.eventTypes.length > 0 && !destination.eventTypes.includes(event.type)) {
    return false;
  }
  return RANK[event.rank] >= MIN_RANK[destination.minSeverity];
}
