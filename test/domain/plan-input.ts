// The plan the engine's tests start from: a flow target of 100 over 2024, judged monthly and
// phased linearly. Each test overrides what it is about.
import type { PlanInput } from "../../src/domain/types";

export function plan(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    id: "plan",
    measure: "flow",
    cadence: "monthly",
    periodStart: "2024-01-01",
    periodEnd: "2024-12-31",
    target: 100,
    comparator: "at_least",
    phasing: { kind: "linear" },
    ...overrides,
  };
}
