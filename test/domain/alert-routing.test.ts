import { describe, expect, it } from "vitest";
import {
  type DestinationFilter,
  isSilenced,
  type SilenceMatcher,
  type Subject,
  wants,
} from "../../src/domain/alert-routing";

const subject: Subject = {
  planId: "nghe-an.exports.2026",
  indicatorId: "nghe-an.exports",
  scope: "nghe-an",
  tags: ["trade", "exports"],
};
const NOW = "2026-05-01T00:00:00.000Z";

function silence(overrides: Partial<SilenceMatcher>): SilenceMatcher {
  return {
    planId: null,
    indicatorId: null,
    scope: null,
    until: "2026-06-01T00:00:00.000Z",
    ...overrides,
  };
}

describe("silences", () => {
  it("match a plan, an indicator or a scope", () => {
    expect(isSilenced([silence({ planId: subject.planId })], subject, NOW)).toBe(true);
    expect(isSilenced([silence({ indicatorId: subject.indicatorId })], subject, NOW)).toBe(true);
    expect(isSilenced([silence({ scope: "nghe-an" })], subject, NOW)).toBe(true);
    expect(isSilenced([silence({ scope: "ha-noi" })], subject, NOW)).toBe(false);
  });

  it("need every matcher they set to match", () => {
    expect(isSilenced([silence({ scope: "nghe-an", planId: "other" })], subject, NOW)).toBe(false);
  });

  it("end at their until, exclusive", () => {
    const s = silence({ scope: "nghe-an", until: NOW });
    expect(isSilenced([s], subject, NOW)).toBe(false);
    expect(isSilenced([s], subject, "2026-04-30T23:59:59.999Z")).toBe(true);
  });

  it("with no matcher mute nothing", () => {
    expect(isSilenced([silence({})], subject, NOW)).toBe(false);
  });
});

describe("destination filters", () => {
  const all: DestinationFilter = {
    id: "wh_1",
    enabled: true,
    scopes: [],
    tags: [],
    eventTypes: [],
    minSeverity: "info",
  };
  const change = { type: "plan.status_changed", rank: "warning" } as const;

  it("empty filters take everything", () => {
    expect(wants(all, { type: "plan.reminder", rank: "info" }, subject)).toBe(true);
  });

  it("a disabled destination takes nothing", () => {
    expect(wants({ ...all, enabled: false }, change, subject)).toBe(false);
  });

  it("filter by scope, tag and type", () => {
    expect(wants({ ...all, scopes: ["ha-noi"] }, change, subject)).toBe(false);
    expect(wants({ ...all, scopes: ["ha-noi", "nghe-an"] }, change, subject)).toBe(true);
    expect(wants({ ...all, tags: ["industry"] }, change, subject)).toBe(false);
    expect(wants({ ...all, tags: ["exports"] }, change, subject)).toBe(true);
    expect(wants({ ...all, eventTypes: ["plan.stale"] }, change, subject)).toBe(false);
  });

  it("rank resolutions as the alert they resolve", () => {
    const critical = { ...all, minSeverity: "critical" as const };
    expect(wants(critical, { type: "plan.status_changed", rank: "critical" }, subject)).toBe(true);
    expect(wants(critical, { type: "plan.status_changed", rank: "warning" }, subject)).toBe(false);
    const good = { ...all, minSeverity: "good" as const };
    expect(wants(good, { type: "plan.status_changed", rank: "info" }, subject)).toBe(false);
    expect(wants(good, { type: "plan.fresh", rank: "warning" }, subject)).toBe(true);
  });
});
