// English strings for the status page, the badge and the feed. `{name}` marks a value filled in
// at render time; the filled-in string is rendered as text, so values are escaped like any other.
// vi.ts must have exactly these keys (the compiler and a test both check).
import { comparisonEn } from "./comparison-en";
import { deskEn } from "./desk-en";

export const en = {
  site_title: "Target monitor",
  site_tagline: "Official targets against the figures reported so far",
  language: "Language",
  overview_heading: "How the targets are doing",
  skip_to_content: "Skip to content",

  status_achieved: "Achieved",
  status_ahead: "Ahead",
  status_on_track: "On track",
  status_at_risk: "At risk",
  status_off_track: "Off track",
  status_missed: "Missed",
  status_period_over: "Period over",
  status_no_data: "No data",
  status_stale: "Stale",
  stale_title: "The next figure is overdue",
  period_over_title: "The period has ended and the figure for its end is not in yet",
  period_over_reading: "Final figure not yet in; last reading {period}: {status}",
  period_over_no_figure: "Final figure not yet in; no figure was reported for the period",

  summary_heading: "Summary",
  summary_total: "{n} targets",
  filters_heading: "Filters",
  filter_scope: "Area",
  filter_tag: "Topic",
  filter_status: "Status",
  filter_all: "All",
  filter_active: "Showing {shown} of {total} targets.",
  filter_clear: "Show all",
  no_plans: "No targets match these filters.",
  overview_by_area: "{total} targets in {areas} areas: too many for one page. Choose an area.",
  overview_page_of: "Targets {from}–{to} of {total} on this page; the summary counts them.",
  overview_page: "Targets {from}–{to} on this page; the summary counts them.",
  overview_pages: "Pages of targets",
  overview_next_page: "Next targets →",
  overview_first_page: "← First targets",

  level_locality: "Province or city",
  level_region: "Region",
  level_country: "Country",

  table_caption: "Targets in {scope}, as of {date}",
  col_name: "Indicator",
  col_period: "Period",
  col_target: "Target",
  col_latest: "Latest figure",
  col_attainment: "Attainment",
  col_pace: "Pace vs expected",
  col_projection: "Projection",
  col_status: "Status",
  col_updated: "Reported",
  col_source: "Source",
  no_figure: "No figure yet",
  bar_label: "{attainment} of the target; {expected} expected by {date}",
  bar_label_plain: "{attainment} of the target",
  projection_of_target: "{share} of target",
  gap_points: "{gap} pts vs target",
  yoy_sub: "{growth} on the same period last year",
  yoy_sub_printed: "{growth} on the same period last year (as printed)",

  as_of_note: "Evaluated as of {date}.",
  as_of_form_label: "Status as of",
  as_of_submit: "Show",
  as_of_reset: "Today",
  just_now: "just now",
  data_changed: "Data last changed {ago} ({time}).",
  no_data_yet: "No data has been recorded yet.",
  auto_update: "This page checks for new figures and updates itself.",
  feed_link: "Atom feed of status changes",
  api_link: "JSON API",
  footer_note:
    "Figures are those reported by each source. Attainment, pace, projection and status are computed by this monitor.",

  back_to_all: "All targets",
  plan_heading: "{name}, {period}",
  h_figures: "Key figures",
  h_chart: "Progress against the target path",
  h_warnings: "Warnings",
  h_method: "How this is computed",
  h_vintages: "Reported figures and revisions",
  h_alerts: "Status changes",
  h_about: "Source and notes",
  h_embed: "Badge",
  embed_text: "Embed this target's status elsewhere:",

  fig_target: "Target",
  fig_latest: "Latest figure",
  fig_attainment: "Attainment",
  fig_expected: "Expected by then",
  fig_pace: "Pace vs expected",
  fig_projection: "Projection for the period",
  fig_required: "Needed per remaining month",
  fig_gap: "Gap to target",
  fig_progress: "Progress since baseline",
  fig_last_reading: "Last reading",
  fig_yoy: "On the same period last year",
  fig_yoy_note: "against {prior} for {period}",
  fig_yoy_printed: "source prints {printed}",
  fig_yoy_implied: "Same period last year (implied)",
  fig_yoy_implied_note: "derived from the printed {printed}; no figure for {period} on file",
  fig_next_due: "Next figure due",
  fig_stale_after: "Stale after",
  fig_months_left: "Remaining months: {n}",
  fig_period_complete: "Period complete",

  progress_target_achieved: "target achieved",
  progress_substantial: "substantial progress",
  progress_moderate: "moderate progress",
  progress_limited: "limited progress",
  progress_deterioration: "deterioration",

  chart_title: "{name}: figures against the target path",
  chart_desc_flow:
    "Cumulative figures from {start}: {value} for {date}, against a target of {target} by {end}. The target path is {phasing}.",
  chart_desc_level:
    "Figures for each period, latest {value} for {date}, against a target of {target} by {end}.",
  chart_desc_rate: "Reported rates, latest {value} for {date}, against a target of {target}.",
  chart_desc_empty: "No figures yet; the target is {target} by {end}.",
  chart_desc_projection: "At the current pace the period ends at {projection}.",
  legend_actual: "Reported",
  legend_path: "Target path",
  legend_projection: "Projection at current pace",
  legend_target: "Target",
  legend_as_of: "As of",
  phasing_linear: "linear (by calendar days)",
  phasing_seasonal: "seasonal (monthly weights)",
  phasing_history: "seasonal, from this indicator's own history ({years})",
  phasing_history_fallback: "linear (by calendar days), as the indicator's history is too thin",

  vintages_older: "Older vintages",
  vintages_caption: "Every figure reported for periods ending within {period}, with each revision",
  col_covered: "Period covered",
  col_value: "Value",
  col_kind: "Kind",
  col_use: "Use",
  kind_estimate: "estimate",
  kind_preliminary: "preliminary",
  kind_final: "final",
  vintage_used: "counts",
  vintage_latest: "latest for its period",
  vintage_superseded: "revised later",
  vintage_after_as_of: "reported after {date}",
  vintage_late: "late: {n} days after its due date, {date}",
  reported_attainment_note: "source says {share} of plan",
  no_vintages: "No figures have been reported for this period.",
  other_periods: "Figures for other periods are in the API: {link}",

  alerts_caption: "Status changes recorded by the monitor, newest first",
  col_when: "When",
  col_change: "Change",
  col_detail: "Detail",
  event_stale: "figures overdue",
  event_fresh: "figures up to date again",
  event_reminder: "still {status}",
  event_muted: "muted",
  event_detail: "Attainment {attainment}, evaluated as of {date}.",
  event_detail_no_figure: "No figure yet, evaluated as of {date}.",
  no_alerts: "No status changes recorded yet.",
  h_timeline: "How the judgment moved",
  timeline_caption: "Each time the monitor's judgment or figures changed, newest first",
  no_history: "The monitor has not judged this plan yet; its first run records it.",
  cause_first_seen: "first judged",
  cause_new_figure: "new figure: {period}, {value}",
  cause_revised_figure: "revised figure: {period}, {value}",
  cause_plan_revised: "target revised",
  cause_time_passed: "time passed (no new figure)",

  warning_mismatch:
    "The source reports {reported} of plan, but the figures give {computed}: {diff} percentage points apart. Check the target or the figure.",
  warning_yoy_mismatch:
    "The source reports growth of {reported} on the same period last year, but the figures give {computed}: {diff} percentage points apart. Check the prior-year figure or the printed rate.",

  method_flow:
    "The target is {target} for {period}. The latest cumulative figure, {value} for {covered}, is {attainment} of it. The target path is {phasing}: it expects {expectedShare} of the target ({expected}) by {date}, so the pace is {pace} of what was expected. At that pace the period would end at {projection}, {projectedAttainment} of the target.",
  method_level:
    "The target is {target} by the end of {period}. The latest figure, {value} for {covered}, is {attainment} of it.",
  method_level_baseline:
    "On a straight line from the baseline of {baseline} ({baselineDate}) to the target, {expected} was expected by {date}; the figure is {pace} of that.",
  method_rate:
    "The target is a rate of {target} for {period}. The latest figure, {value} for {covered}, is {gap} percentage points from it.",
  method_no_data: "The target is {target} for {period}. No figure has been reported yet.",
  method_thresholds_ratio:
    "Status compares the pace with thresholds: ahead from {ahead}, on track from {onTrack}, at risk from {atRisk}, off track below that.",
  method_thresholds_pp:
    "Status compares the gap with thresholds: ahead from +{ahead} points, on track within {onTrack} points, at risk within {atRisk} points, off track beyond that.",
  method_at_least:
    "The target is achieved once a figure reaches it and missed if the figure for the whole period falls short.",
  method_at_most:
    "This target is a ceiling: staying under it counts as achieved at the end of the period, and exceeding it as missed.",
  method_level_final:
    "A level can still move either way until the end of the period, so only the figure for that end decides: achieved if it is at or beyond the target, missed otherwise. Before that, at or beyond the target reads as ahead or on track.",
  method_rate_final:
    "A rate for part of the period says nothing final, so only the figure for the whole period decides: achieved if it is at or beyond the target, missed otherwise.",
  method_period_over:
    "The period ended on {end} without a figure reaching that date, so the target is no longer judged on pace: the last reading, on the figure for {covered}, was {status}. No month remains to act in, so no monthly rate is shown; the figure for the whole period will decide.",
  method_period_over_no_figure:
    "The period ended on {end} without any figure for it; the figure for the whole period will decide.",
  method_yoy: "Growth on the same period last year ({priorPeriod}: {prior}): {growth}.",
  method_yoy_printed: "The source printed {printed}.",
  method_yoy_implied:
    "No figure for the same period last year ({priorPeriod}) is on file; the printed growth of {printed} implies {prior} for it (derived, not reported).",
  method_history:
    "The target path follows the indicator's own seasons: by each month end it expects the average share of the year's total reached by then in {years}.",
  method_history_fallback:
    "The plan asks for a target path from the indicator's history, but it needs at least {min} complete calendar years among the {window} before the plan starts ({found}), so the path is linear.",
  method_history_found: "complete years found: {years}",
  method_history_none: "none found",
  method_freshness:
    "A {cadence} figure is expected {lag} days after the period it covers ends; {grace} days later the target is marked stale.",
  method_freshness_rule:
    "A {cadence} figure is due on the day this indicator's release calendar sets for its period; {grace} days later the target is marked stale.",
  method_progress:
    "Since the baseline, the figure has grown {observed} a year over {years} years (counted in calendar months), against the {required} a year the target needs. Open SDG's ratio, sign × direction × observed ÷ |required| = {ratio}, gives its label: {label}.",
  cadence_monthly: "monthly",
  cadence_quarterly: "quarterly",
  cadence_annual: "annual",

  error_not_found: "Not found",
  error_no_plan: "There is no target with the id “{id}”.",
  error_bad_request: "Bad request",
  error_bad_date: "“{value}” is not a date; use YYYY-MM-DD.",

  badge_unknown: "unknown target",
  feed_title: "Target monitor: status changes",
  feed_subtitle: "Each entry is a target whose status changed.",
  feed_entry_title: "{name} ({period}): {change}",

  unit_units: "units",

  ...deskEn,
  ...comparisonEn,
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
