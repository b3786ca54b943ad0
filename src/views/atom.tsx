import type { IndicatorRow } from "../db/schema";
import type { Lang } from "./i18n";
import type { Locale } from "./locale";
import { indicatorName } from "./model";
import { type AlertEvent, changeText, eventDetail } from "./plan-model";

export interface FeedEntry {
  event: AlertEvent;
  /** Indicator name in the feed's language (the event's stored name when the indicator is gone). */
  name: string;
  /** Absolute URL of the plan's page. */
  link: string;
}

/** Names in the feed's language from the current indicators; history outlives a deleted one. */
export function feedEntries(input: {
  events: readonly AlertEvent[];
  indicators: readonly IndicatorRow[];
  lang: Lang;
  link: (planId: string) => string;
}): FeedEntry[] {
  const byId = new Map(input.indicators.map((i) => [i.id, i]));
  return input.events.map((event) => {
    const indicator = byId.get(event.data.indicator.id);
    return {
      event,
      name: indicator ? indicatorName(indicator, input.lang) : event.data.indicator.name,
      link: input.link(event.planId),
    };
  });
}

export interface FeedProps {
  l: Locale;
  selfUrl: string;
  homeUrl: string;
  entries: readonly FeedEntry[];
  /** When the feed last changed: the newest entry, or now when there is none. */
  updated: string;
}

/** Leads the document; JSX renders elements, and the XML declaration is not one. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';

/**
 * Atom (RFC 4287) of status changes. Ids are URNs built from the event id, stable across hosts
 * and languages, so a reader never sees the same change twice.
 */
export function AtomFeed({ l, selfUrl, homeUrl, entries, updated }: FeedProps) {
  return (
    <feed xmlns="http://www.w3.org/2005/Atom">
      <id>{`urn:target-monitor:feed:status-changes:${l.lang}`}</id>
      <title>{l.t("feed_title")}</title>
      <subtitle>{l.t("feed_subtitle")}</subtitle>
      <updated>{updated}</updated>
      <link rel="self" type="application/atom+xml" href={selfUrl} />
      <link rel="alternate" type="text/html" href={homeUrl} />
      <author>
        <name>{l.t("site_title")}</name>
      </author>
      <generator>target-monitor</generator>
      {entries.map(({ event, name, link }) => {
        const plan = event.data.plan;
        const title = l.t("feed_entry_title", {
          name,
          period: l.period(plan.period_start, plan.period_end),
          change: changeText(l, event),
        });
        return (
          <entry>
            <id>{`urn:target-monitor:event:${event.id}`}</id>
            <title>{title}</title>
            <updated>{event.occurredAt}</updated>
            <link rel="alternate" type="text/html" href={link} />
            <category term={event.status} label={l.status(event.status)} />
            <content type="text">{`${title}. ${eventDetail(l, event)}`}</content>
          </entry>
        );
      })}
    </feed>
  );
}
