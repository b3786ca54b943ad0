import type { ActualInput, Evaluation, PlanInput, Thresholds } from "../types";
import type { Status } from "../vocabulary";

/** What every measure is judged from: the plan, the figure it is judged on, and its rules. */
export interface MeasureContext {
  plan: PlanInput;
  actual: ActualInput;
  thresholds: Readonly<Thresholds>;
  /**
   * The plan's start and end and the figure's period end as day numbers: read and checked once
   * by the engine, so a measure does not parse them again.
   */
  startDay: number;
  endDay: number;
  figureEndDay: number;
  /** The figure covers the plan's whole period, so the verdict can be final. */
  coversWholePeriod: boolean;
  monthsRemaining: number;
}

/** The figures a measure computes, and its status. */
export type MeasureJudgement = Partial<
  Pick<
    Evaluation,
    | "attainment"
    | "expectedFraction"
    | "expectedToDate"
    | "pace"
    | "projection"
    | "projectedAttainment"
    | "requiredMonthlyRate"
    | "gapPp"
  >
> & { status: Status };
