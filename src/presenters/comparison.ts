// The completeness and comparison views as JSON.
import type { CompletenessTally } from "../domain/completeness";
import type { CompletenessView } from "../evaluation/completeness";
import type { ConceptComparison } from "../evaluation/concept";
import type { CompletenessOut, ConceptOut } from "../schemas/comparison";

function tallyOut(t: CompletenessTally) {
  return {
    expected: t.expected,
    received: t.received,
    on_time: t.onTime,
    late: t.late,
    missing: t.missing,
    not_yet_due: t.notYetDue,
    reporting_rate: t.reportingRate,
    timeliness_rate: t.timelinessRate,
  };
}

export function completenessOut(view: CompletenessView): CompletenessOut {
  const { period, result } = view;
  return {
    period: { label: period.label, cadence: period.cadence, start: period.start, end: period.end },
    as_of: result.asOf,
    data_version: view.dataVersion,
    overall: tallyOut(result.overall),
    areas: result.areas.map((a) => ({
      area: a.area,
      name: view.areas.get(a.area)?.name ?? a.area,
      name_vi: view.areas.get(a.area)?.nameVi ?? null,
      ...tallyOut(a),
    })),
    cells: result.cells.map((c) => ({
      area: c.area,
      indicator_id: c.indicatorId,
      indicator_name: view.indicators.get(c.indicatorId)?.name ?? c.indicatorId,
      vintage: c.vintage,
      due: c.due,
      state: c.state,
      reported_on: c.reportedOn,
      days_late: c.daysLate,
      days_overdue: c.daysOverdue,
      days_until_due: c.daysUntilDue,
    })),
  };
}

export function conceptOut(view: ConceptComparison): ConceptOut {
  const { table, region } = view;
  return {
    concept: view.concept,
    as_of: view.asOf,
    data_version: view.dataVersion,
    by: table.by,
    order: table.order,
    period: view.period,
    region: region
      ? {
          area: region.area,
          name: region.areaRow?.name ?? region.area,
          name_vi: region.areaRow?.nameVi ?? null,
          indicator_id: region.indicator.id,
          value: table.region?.value ?? null,
          growth: table.region?.growth ?? null,
        }
      : null,
    counts: {
      areas: table.counts.areas,
      with_growth: table.counts.withGrowth,
      grew: table.counts.grew,
      above_region: table.counts.aboveRegion,
    },
    areas: table.rows.map((row) => {
      const e = row.entry;
      return {
        rank: row.rank,
        tied: row.tied,
        area: e.area,
        name: e.areaRow?.name ?? e.area,
        name_vi: e.areaRow?.nameVi ?? null,
        indicator_id: e.indicator.id,
        unit: e.indicator.unit,
        plan_id: e.plan?.plan.id ?? null,
        status: e.status,
        value: e.value,
        growth: row.growth,
        share: row.share,
        grew: row.grew,
        above_region: row.aboveRegion,
        attainment: e.attainment,
        pace: e.pace,
        period_start: e.figure?.periodStart ?? null,
        period_end: e.figure?.periodEnd ?? null,
        reported_at: e.figure?.reportedAt ?? null,
        source: e.figure?.source ?? null,
      };
    }),
  };
}
