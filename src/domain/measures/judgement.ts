import type { ActualInput, Evaluation, Phasing, PlanInput, Thresholds } from "../types";

/**
 * What every measure is judged from: the plan, the phasing it is judged with (its own, or the
 * one its history gave), the figure it is judged on, and its rules.
 */
export interface MeasureContext {
  plan: PlanInput;
  phasing: Phasing;
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

/**
 * The evaluation a measure writes its status and figures onto. A figure the measure does not
 * compute is left as the engine set it (null). Written in place rather than returned as an
 * object of its own: the engine judges every plan of a country on each run, and a judgement
 * object per plan only to be copied onto the evaluation is memory written twice.
 */
export type MeasureJudgement = Pick<
  Evaluation,
  | "status"
  | "attainment"
  | "expectedFraction"
  | "expectedToDate"
  | "pace"
  | "projection"
  | "projectedAttainment"
  | "requiredMonthlyRate"
  | "gapPp"
>;
