import { describe, expect, it } from "vitest";
import {
  type AlertState,
  type DecisionContext,
  decide,
  type Observation,
  statusSeverity,
} from "../../src/domain/alert-transitions";
import type { Status } from "../../src/domain/vocabulary";

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse("2026-03-01T00:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();

function ctx(overrides: Partial<DecisionContext> = {}): DecisionContext {
  return { now: iso(T0), repeatIntervalMs: 7 * DAY, muted: false, ...overrides };
}

function obs(status: Status, overrides: Partial<Observation> = {}): Observation {
  return { status, stale: false, figuresKey: `figures:${status}`, watched: true, ...overrides };
}

function state(status: Status, overrides: Partial<AlertState> = {}): AlertState {
  return {
    version: 4,
    status,
    stale: false,
    statusSince: iso(T0 - 30 * DAY),
    staleSince: null,
    lastNotifiedAt: null,
    figuresKey: `figures:${status}`,
    changedAt: iso(T0 - 30 * DAY),
    ...overrides,
  };
}

describe("severity of a status", () => {
  it.each([
    ["off_track", "critical"],
    ["missed", "critical"],
    ["at_risk", "warning"],
    ["ahead", "good"],
    ["achieved", "good"],
    ["on_track", "info"],
    ["period_over", "info"],
    ["no_data", "info"],
  ] as const)("%s is %s", (status, severity) => {
    expect(statusSeverity(status)).toBe(severity);
  });
});

describe("first sighting", () => {
  it("announces an alert with no previous status", () => {
    const d = decide(null, obs("off_track"), ctx());
    expect(d.events).toEqual([
      expect.objectContaining({
        type: "plan.status_changed",
        previousStatus: null,
        status: "off_track",
        severity: "critical",
      }),
    ]);
    expect(d.next).toMatchObject({ version: 1, status: "off_track", lastNotifiedAt: iso(T0) });
    expect(d.snapshot).toBe(true);
  });

  it("records a plan on track without a word", () => {
    const d = decide(null, obs("on_track"), ctx());
    expect(d.events).toEqual([]);
    expect(d.next).toMatchObject({ version: 1, status: "on_track", lastNotifiedAt: null });
  });

  it("announces good news and staleness separately", () => {
    const d = decide(null, obs("ahead", { stale: true }), ctx());
    expect(d.events.map((e) => [e.type, e.severity])).toEqual([
      ["plan.status_changed", "good"],
      ["plan.stale", "warning"],
    ]);
    expect(d.next?.staleSince).toBe(iso(T0));
  });

  it("only records a plan whose window for figures has closed", () => {
    const d = decide(null, obs("missed", { stale: true, watched: false }), ctx());
    expect(d.events).toEqual([]);
    expect(d.next).toMatchObject({ status: "missed", stale: true, lastNotifiedAt: null });
  });
});

describe("transitions", () => {
  it.each([
    ["on_track", "at_risk", "warning", "warning"],
    ["at_risk", "off_track", "critical", "critical"],
    ["on_track", "ahead", "good", "good"],
    ["ahead", "achieved", "good", "good"],
    ["off_track", "on_track", "resolved", "critical"],
    ["at_risk", "on_track", "resolved", "warning"],
    ["missed", "on_track", "resolved", "critical"],
    ["ahead", "on_track", "info", "info"],
    ["no_data", "on_track", "info", "info"],
    ["off_track", "at_risk", "warning", "warning"],
    // Straight from an alert to good news: still good news, but it reaches whoever got the alert.
    ["at_risk", "ahead", "good", "warning"],
    ["off_track", "achieved", "good", "critical"],
    // The period ends without its final figure: news for whoever followed the plan, and it
    // ends a pace alert without calling it resolved, since nothing got better.
    ["ahead", "period_over", "info", "info"],
    ["on_track", "period_over", "info", "info"],
    ["off_track", "period_over", "info", "critical"],
    ["at_risk", "period_over", "info", "warning"],
    // The final figure gives the verdict.
    ["period_over", "missed", "critical", "critical"],
    ["period_over", "achieved", "good", "good"],
  ] as const)("%s → %s is %s (ranked %s)", (from, to, severity, rank) => {
    const d = decide(state(from), obs(to), ctx());
    expect(d.events).toHaveLength(1);
    expect(d.events[0]).toMatchObject({
      type: "plan.status_changed",
      previousStatus: from,
      status: to,
      severity,
      rank,
      muted: false,
    });
    expect(d.next).toMatchObject({ version: 5, status: to, statusSince: iso(T0) });
  });

  it("records a period ending quietly once the plan is past its watch window", () => {
    const d = decide(state("ahead"), obs("period_over", { watched: false }), ctx());
    expect(d.events).toEqual([]);
    expect(d.next).toMatchObject({ status: "period_over", statusSince: iso(T0) });
    // The final figure, however late, is still news.
    const verdict = decide(d.next, obs("missed", { watched: false }), ctx({ now: iso(T0 + DAY) }));
    expect(verdict.events.map((e) => [e.status, e.severity])).toEqual([["missed", "critical"]]);
  });

  it("says nothing and writes nothing when nothing changed", () => {
    const d = decide(state("on_track"), obs("on_track"), ctx());
    expect(d).toEqual({ next: null, events: [], snapshot: false });
  });

  it("writes a snapshot without an event when only the figures moved", () => {
    const d = decide(state("on_track"), obs("on_track", { figuresKey: "new figures" }), ctx());
    expect(d.events).toEqual([]);
    expect(d.snapshot).toBe(true);
    expect(d.next).toMatchObject({ version: 5, statusSince: iso(T0 - 30 * DAY) });
  });

  it("opens and closes staleness as its own alert", () => {
    const opened = decide(state("on_track"), obs("on_track", { stale: true }), ctx());
    expect(opened.events.map((e) => [e.type, e.severity])).toEqual([["plan.stale", "warning"]]);
    expect(opened.next).toMatchObject({
      stale: true,
      staleSince: iso(T0),
      lastNotifiedAt: iso(T0),
    });

    const closed = decide(opened.next, obs("on_track"), ctx({ now: iso(T0 + DAY) }));
    expect(closed.events.map((e) => [e.type, e.severity, e.rank])).toEqual([
      ["plan.fresh", "resolved", "warning"],
    ]);
    expect(closed.next).toMatchObject({ stale: false, staleSince: null, lastNotifiedAt: null });
  });

  it("announces a status change and new figures arriving together", () => {
    const d = decide(state("on_track", { stale: true }), obs("off_track"), ctx());
    expect(d.events.map((e) => e.type)).toEqual(["plan.status_changed", "plan.fresh"]);
  });
});

describe("reminders", () => {
  const open = state("off_track", { lastNotifiedAt: iso(T0 - 7 * DAY) });

  it("repeats an open alert once the interval has passed", () => {
    const d = decide(open, obs("off_track"), ctx());
    expect(d.events).toEqual([
      expect.objectContaining({ type: "plan.reminder", severity: "critical", status: "off_track" }),
    ]);
    expect(d.next).toMatchObject({ lastNotifiedAt: iso(T0), version: 5 });
    expect(d.snapshot).toBe(false);
  });

  it("stays quiet before the interval", () => {
    const d = decide(open, obs("off_track"), ctx({ now: iso(T0 - 1) }));
    expect(d.next).toBeNull();
  });

  it("follows the configured interval", () => {
    const d = decide(open, obs("off_track"), ctx({ repeatIntervalMs: 8 * DAY }));
    expect(d.next).toBeNull();
  });

  it("repeats staleness as a warning", () => {
    const stale = state("on_track", { stale: true, lastNotifiedAt: iso(T0 - 8 * DAY) });
    const d = decide(stale, obs("on_track", { stale: true }), ctx());
    expect(d.events[0]).toMatchObject({ type: "plan.reminder", severity: "warning", stale: true });
  });

  it("never repeats a final verdict, good news or a period waiting for its figure", () => {
    for (const status of ["missed", "achieved", "ahead", "on_track", "period_over"] as const) {
      expect(decide(state(status), obs(status), ctx()).next).toBeNull();
      // Even a leftover timestamp only gets cleared, without a word.
      const s = state(status, { lastNotifiedAt: iso(T0 - 30 * DAY) });
      const d = decide(s, obs(status), ctx());
      expect(d.events).toEqual([]);
      expect(d.next?.lastNotifiedAt).toBeNull();
    }
  });

  it("stops once the plan is no longer watched", () => {
    expect(decide(open, obs("off_track", { watched: false }), ctx()).next).toBeNull();
  });
});

describe("silences", () => {
  it("records a muted transition and does not count it as sent", () => {
    const d = decide(state("on_track"), obs("off_track"), ctx({ muted: true }));
    expect(d.events).toEqual([
      expect.objectContaining({ type: "plan.status_changed", muted: true }),
    ]);
    expect(d.next).toMatchObject({ status: "off_track", lastNotifiedAt: null });
  });

  it("sends no reminder while muted, and one as soon as the silence ends", () => {
    const mutedOpen = state("off_track", { lastNotifiedAt: null });
    expect(decide(mutedOpen, obs("off_track"), ctx({ muted: true })).next).toBeNull();
    const after = decide(mutedOpen, obs("off_track"), ctx());
    expect(after.events).toEqual([
      expect.objectContaining({ type: "plan.reminder", muted: false }),
    ]);
  });
});
