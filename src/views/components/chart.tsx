import type { IndicatorRow } from "../../db/schema";
import type { Evaluation } from "../../domain/types";
import { type ChartModel, type ChartPoint, dayPosition, xTicks } from "../chart-model";
import { axisScale, formatMonthShort, formatNumber } from "../format";
import type { Locale } from "../locale";

// Drawing space in SVG units; the SVG scales to its box and keeps this aspect ratio.
const W = 560;
const H = 300;
const LEFT = 50;
const RIGHT = 14;
const TOP = 26;
const BOTTOM = 30;
const PLOT_W = W - LEFT - RIGHT;
const PLOT_H = H - TOP - BOTTOM;

const round = (n: number) => Math.round(n * 10) / 10;

interface Scales {
  x(date: string): number;
  xAt(days: number): number;
  y(value: number): number;
}

function scales(model: ChartModel): Scales {
  const total = dayPosition(model.start, model.end);
  const low = model.yTicks[0] ?? 0;
  const high = model.yTicks.at(-1) ?? 1;
  const xAt = (days: number) => round(LEFT + (days / total) * PLOT_W);
  return {
    xAt,
    x: (date) => xAt(dayPosition(model.start, date)),
    y: (value) => round(TOP + (1 - (value - low) / (high - low || 1)) * PLOT_H),
  };
}

function line(points: readonly ChartPoint[], s: Scales): string {
  return points.map((p) => `${s.x(p.date)},${s.y(p.value)}`).join(" ");
}

/** Tick labels in one scale for the whole axis, named once above it ("bn USD", "tỷ USD"). */
function axisLabels(l: Locale, model: ChartModel, indicator: IndicatorRow) {
  const maxAbs = Math.max(...model.yTicks.map(Math.abs));
  const { divisor, word } =
    model.measure === "rate" ? { divisor: 1, word: "" } : axisScale(maxAbs, l.lang);
  return {
    title: [word, l.unit(indicator)].filter(Boolean).join(" "),
    label: (value: number) => formatNumber(value / divisor, l.lang, 2),
  };
}

function describe(
  l: Locale,
  model: ChartModel,
  indicator: IndicatorRow,
  evaluation: Evaluation,
  phasing: string,
): string {
  const q = (v: number) => l.quantity(v, indicator);
  const target = q(model.target);
  const endText = l.date(model.end);
  const last = model.actual.filter((p) => p.periodStart !== undefined).at(-1);
  if (!last) return l.t("chart_desc_empty", { target, end: endText });
  const value = q(last.value);
  const date = l.period(last.periodStart ?? last.date, last.date);
  const key =
    model.measure === "flow"
      ? "chart_desc_flow"
      : model.measure === "level"
        ? "chart_desc_level"
        : "chart_desc_rate";
  const text = l.t(key, { start: l.date(model.start), value, date, target, end: endText, phasing });
  return evaluation.projection !== null && model.projection.length > 0
    ? `${text} ${l.t("chart_desc_projection", { projection: q(evaluation.projection) })}`
    : text;
}

interface Part {
  l: Locale;
  model: ChartModel;
  s: Scales;
  indicator: IndicatorRow;
}

/** Value gridlines and their labels, in one scale named above the axis. */
function YAxis({ l, model, s, indicator }: Part) {
  const axis = axisLabels(l, model, indicator);
  return (
    <>
      <text x="4" y="12">
        {axis.title}
      </text>
      {model.yTicks.map((v) => (
        <>
          <line class="grid" x1={LEFT} x2={W - RIGHT} y1={s.y(v)} y2={s.y(v)} />
          <text x={LEFT - 6} y={s.y(v) + 4} text-anchor="end">
            {axis.label(v)}
          </text>
        </>
      ))}
    </>
  );
}

/** Month (or year) boundaries along the bottom, labelled where there is room. */
function XAxis({ l, model, s }: Omit<Part, "indicator">) {
  const { unit, ticks } = xTicks(model.start, model.end);
  return (
    <>
      {ticks.map((tick) => (
        <>
          <line
            class="axis"
            x1={s.xAt(tick.at)}
            x2={s.xAt(tick.at)}
            y1={H - BOTTOM}
            y2={H - BOTTOM + 5}
          />
          {tick.labelAt === null ? null : (
            <text x={s.xAt(tick.labelAt)} y={H - BOTTOM + 18} text-anchor="middle">
              {unit === "month" ? formatMonthShort(tick.month, l.lang) : String(tick.year)}
            </text>
          )}
        </>
      ))}
      <line class="axis" x1={LEFT} x2={W - RIGHT} y1={H - BOTTOM} y2={H - BOTTOM} />
    </>
  );
}

/** The target, the evaluation date, and the three lines: path, projection, reported. */
function Lines({ l, model, s, indicator }: Part) {
  const targetY = s.y(model.target);
  return (
    <>
      <line class="target" x1={LEFT} x2={W - RIGHT} y1={targetY} y2={targetY} />
      <text x={LEFT + 6} y={targetY - 6}>
        {`${l.t("legend_target")}: ${l.quantity(model.target, indicator)}`}
      </text>
      {model.asOf ? (
        <line class="asof" x1={s.x(model.asOf)} x2={s.x(model.asOf)} y1={TOP} y2={H - BOTTOM} />
      ) : null}
      {model.path.length > 1 ? <polyline class="path" points={line(model.path, s)} /> : null}
      {model.projection.length > 1 ? (
        <polyline class="proj" points={line(model.projection, s)} />
      ) : null}
      {model.actual.length > 1 ? <polyline class="actual" points={line(model.actual, s)} /> : null}
    </>
  );
}

/** Where the projection ends, with its value. */
function ProjectionEnd({ l, model, s, indicator, projection }: Part & { projection: number }) {
  const end = model.projection.at(-1);
  if (!end) return null;
  return (
    <>
      <circle class="pdot" cx={s.x(end.date)} cy={s.y(end.value)} r="4.5">
        <title>{`${l.t("legend_projection")}: ${l.quantity(projection, indicator)}`}</title>
      </circle>
      <text
        x={s.x(end.date) - 8}
        y={s.y(end.value) + (end.value >= model.target ? -9 : 17)}
        text-anchor="end"
      >
        {l.quantity(projection, indicator)}
      </text>
    </>
  );
}

function Legend({ l, model }: { l: Locale; model: ChartModel }) {
  return (
    <ul class="legend">
      <li class="l-actual">{l.t("legend_actual")}</li>
      {model.path.length > 1 ? <li class="l-path">{l.t("legend_path")}</li> : null}
      {model.projection.length > 1 ? <li class="l-proj">{l.t("legend_projection")}</li> : null}
      <li class="l-target">{l.t("legend_target")}</li>
      {model.asOf ? (
        <li class="l-asof">{`${l.t("legend_as_of")}: ${l.date(model.asOf)}`}</li>
      ) : null}
    </ul>
  );
}

/**
 * The figures against the target path, as inline SVG (no script, no external file). Named by
 * <title> and described in words by <desc>, so a screen reader gets the chart's message; each
 * reported point has its own <title> for a pointer hover.
 */
export function Chart(props: {
  l: Locale;
  model: ChartModel;
  indicator: IndicatorRow;
  evaluation: Evaluation;
  name: string;
  phasing: string;
}) {
  const { l, model, indicator, evaluation } = props;
  const s = scales(model);
  const part: Part = { l, model, s, indicator };
  const reported = model.actual.filter((p) => p.periodStart !== undefined);
  return (
    <figure class="chart">
      <div class="scroll">
        <svg
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-labelledby="chart-title chart-desc"
          data-points={String(reported.length)}
        >
          <title id="chart-title">{l.t("chart_title", { name: props.name })}</title>
          <desc id="chart-desc">{describe(l, model, indicator, evaluation, props.phasing)}</desc>
          <g>
            <YAxis {...part} />
            <XAxis l={l} model={model} s={s} />
            <Lines {...part} />
          </g>
          {reported.map((p) => (
            <circle class="dot" cx={s.x(p.date)} cy={s.y(p.value)} r="4.5">
              <title>{`${l.period(p.periodStart ?? p.date, p.date)}: ${l.quantity(p.value, indicator, 4)}`}</title>
            </circle>
          ))}
          {evaluation.projection !== null ? (
            <ProjectionEnd {...part} projection={evaluation.projection} />
          ) : null}
        </svg>
      </div>
      <figcaption>
        <Legend l={l} model={model} />
      </figcaption>
    </figure>
  );
}
