import type { Locale } from "./locale";
import { indicatorName, type PlanView, TONE, type Tone } from "./model";

// Shields-style colours, darkened so white 11px text keeps a 4.5:1 contrast.
const FILL: Readonly<Record<Tone, string>> = {
  good: "#1e7b45",
  warn: "#a15c00",
  bad: "#c0322b",
  none: "#57606a",
};

/**
 * Approximate advance widths of Verdana at 11px, the badge font: the SVG has to size itself
 * before any browser measures the text, as shields.io does with its own width table. Letters
 * are measured without their diacritics (Vietnamese tone marks do not widen a letter).
 */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text.normalize("NFD").replace(/\p{M}/gu, "")) {
    if ("ijlI.,:;!|'()[] ".includes(ch)) width += 3.9;
    else if ("mwMW%@".includes(ch)) width += 10.5;
    else if (/[A-Z]/.test(ch)) width += 7.6;
    else width += 6.9;
  }
  return Math.ceil(width);
}

export function Badge({ label, message, tone }: { label: string; message: string; tone: Tone }) {
  const left = textWidth(label) + 12;
  const right = textWidth(message) + 12;
  const width = left + right;
  const text = `${label}: ${message}`;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={width}
      height="20"
      viewBox={`0 0 ${width} 20`}
      role="img"
      aria-label={text}
    >
      <title>{text}</title>
      <linearGradient id="s" x2="0" y2="100%">
        <stop offset="0" stop-color="#bbb" stop-opacity=".1" />
        <stop offset="1" stop-opacity=".1" />
      </linearGradient>
      <clipPath id="r">
        <rect width={width} height="20" rx="3" fill="#fff" />
      </clipPath>
      <g clip-path="url(#r)">
        <rect width={left} height="20" fill="#454b52" />
        <rect x={left} width={right} height="20" fill={FILL[tone]} />
        <rect width={width} height="20" fill="url(#s)" />
      </g>
      <g
        fill="#fff"
        text-anchor="middle"
        font-family="Verdana,Geneva,DejaVu Sans,sans-serif"
        font-size="11"
      >
        <text x={left / 2} y="15" fill="#010101" fill-opacity=".3">
          {label}
        </text>
        <text x={left / 2} y="14">
          {label}
        </text>
        <text x={left + right / 2} y="15" fill="#010101" fill-opacity=".3">
          {message}
        </text>
        <text x={left + right / 2} y="14">
          {message}
        </text>
      </g>
    </svg>
  );
}

/** A plan's badge: its name and period, then attainment and status ("84.6% · ahead"). */
export function PlanBadge({ l, view }: { l: Locale; view: PlanView }) {
  const { plan, indicator, evaluation } = view;
  const message = [
    evaluation.attainment === null ? null : l.percent(evaluation.attainment, 1),
    l.status(evaluation.status).toLocaleLowerCase(l.lang),
  ]
    .filter(Boolean)
    .join(" · ");
  return (
    <Badge
      label={`${indicatorName(indicator, l.lang)} ${l.period(plan.periodStart, plan.periodEnd)}`}
      message={message}
      tone={TONE[evaluation.status]}
    />
  );
}

/** The site icon, served from this origin so the browser's icon request stays here too. */
export function Favicon() {
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" role="img">
      <title>Target monitor</title>
      <rect width="16" height="16" rx="3" fill="#14213d" />
      <path d="M3 12l3-4 3 2 4-6" fill="none" stroke="#fff" stroke-width="2" />
    </svg>
  );
}
