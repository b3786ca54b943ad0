// CSV rows → the objects the JSON API validates. Each row goes through the very schema its JSON
// counterpart does (PUT /api/indicators/:id, POST /api/plans, POST /api/actuals), so a file and a
// request obey identical rules; only reading a cell (decimal mark, scale words) is CSV's own.

import type { z } from "@hono/zod-openapi";
import { IMPORT_KINDS, type ImportKind } from "../domain/vocabulary";
import type { FieldError } from "../lib/errors";
import { type ActualBody, ActualInputSchema } from "../schemas/actual";
import { SlugSchema } from "../schemas/common";
import { type IndicatorBody, IndicatorInputSchema } from "../schemas/indicator";
import { PlanCreateSchema } from "../schemas/plan";
import {
  type Cell,
  canonicalScale,
  type DecimalMark,
  readAliases,
  readFigure,
  readJsonCell,
  readList,
  readNumber,
  readPhasing,
  readRatio,
} from "./cells";
import type { CsvRecord } from "./csv";
import { DEFAULT_CSV_LIMITS } from "./csv-limits";
import { ProblemList } from "./problem-list";

/**
 * A problem with one cell (`/rows/<row>/<column>`) or a whole row (`/rows/<row>`), with the row
 * numbered as a spreadsheet shows it: the header is row 1.
 */
export interface RowError extends FieldError {
  row: number;
  column?: string;
}

const THRESHOLD_COLUMNS = {
  threshold_ahead: "ahead",
  threshold_on_track: "on_track",
  threshold_at_risk: "at_risk",
  threshold_ahead_pp: "ahead_pp",
  threshold_on_track_pp: "on_track_pp",
  threshold_at_risk_pp: "at_risk_pp",
} as const;

/** The documented header of each kind. Optional columns may be left out of the file. */
export const COLUMNS = {
  indicators: {
    all: [
      "id",
      "name",
      "name_vi",
      "aliases",
      "scope",
      "scope_name",
      "scope_name_vi",
      "scope_level",
      "unit",
      "measure",
      "cadence",
      "tags",
      "description",
      "source",
      "release_rule",
      "concept",
    ],
    required: ["id", "name", "scope", "unit", "measure", "cadence"],
  },
  plans: {
    all: [
      "id",
      "indicator_id",
      "title",
      "period_start",
      "period_end",
      "target",
      "scale",
      "comparator",
      "phasing",
      "baseline_value",
      "baseline_date",
      ...Object.keys(THRESHOLD_COLUMNS),
      "source",
      "note",
    ],
    required: ["indicator_id", "period_start", "period_end", "target"],
  },
  actuals: {
    all: [
      "indicator_id",
      "period_start",
      "period_end",
      "value",
      "scale",
      "status",
      "reported_at",
      "source",
      "reported_attainment",
      "reported_yoy",
      "note",
    ],
    required: ["indicator_id", "period_start", "period_end", "value", "status", "reported_at"],
  },
} as const satisfies Record<ImportKind, { all: readonly string[]; required: readonly string[] }>;

export function rowError(row: number, column: string, message: string): RowError {
  if (!column) return { path: `/rows/${row}`, row, message };
  const pointer = column.replaceAll("~", "~0").replaceAll("/", "~1");
  return { path: `/rows/${row}/${pointer}`, row, column, message };
}

/** "Period start", "period-start" and "PERIOD_START" all name `period_start`. */
export function normalizeColumn(name: string): string {
  return name
    .normalize("NFC")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/** The kind a header describes: each kind has one column no other kind has. */
export function detectKind(columns: readonly string[]): ImportKind | null {
  const has = (c: string) => columns.includes(c);
  const found = IMPORT_KINDS.filter((k) =>
    k === "plans" ? has("target") : k === "actuals" ? has("value") : has("measure"),
  );
  return found.length === 1 ? (found[0] ?? null) : null;
}

/** A header's columns, or its problems: the first ones listed, and how many there were. */
export type Header =
  | { kind: ImportKind; columns: string[] }
  | { errors: RowError[]; total: number };

/**
 * Checks the header row against the kind's documented columns. Problems past `maxProblems` are
 * counted, not built: a header of a million unknown columns must not cost a million messages.
 */
export function readHeader(
  fields: readonly string[],
  kind: ImportKind | undefined,
  maxProblems: number = DEFAULT_CSV_LIMITS.problems,
): Header {
  const columns = fields.map(normalizeColumn);
  const resolved = kind ?? detectKind(columns);
  if (!resolved) {
    return {
      errors: [
        rowError(
          1,
          "",
          "Cannot tell what the file holds from its header; add ?kind=indicators, plans or actuals.",
        ),
      ],
      total: 1,
    };
  }
  const spec = COLUMNS[resolved];
  const known: readonly string[] = spec.all;
  const unknown = `Unknown column for ${resolved}; expected some of: ${known.join(", ")}.`;
  const problems = new ProblemList<RowError>(maxProblems);
  const seen = new Set<string>();
  columns.forEach((column, i) => {
    if (!known.includes(column)) {
      if (problems.count()) problems.list(rowError(1, column || `column ${i + 1}`, unknown));
    } else if (seen.has(column)) {
      if (problems.count()) problems.list(rowError(1, column, "This column appears twice."));
    }
    seen.add(column);
  });
  for (const required of spec.required) {
    if (!seen.has(required) && problems.count()) {
      problems.list(rowError(1, required, "This column is required."));
    }
  }
  return problems.total > 0
    ? { errors: problems.listed, total: problems.total }
    : { kind: resolved, columns };
}

export interface MappedRow<T> {
  row: number;
  input: T;
}

export type PlanCreateInput = z.infer<typeof PlanCreateSchema>;
export type IndicatorRowInput = IndicatorBody & { id: string };

/**
 * One record read into what the JSON API validates, or its problems (at most one per column,
 * so a row costs a bounded number of messages however many of its cells are wrong).
 */
export type MappedRecord<T> = { input: T } | { errors: RowError[] };

/** Reads one record at a time, as the file arrives: nothing of earlier records is kept here. */
export type RecordMapper<T> = (record: CsvRecord) => MappedRecord<T>;

interface IssueLike {
  path: PropertyKey[];
  message: string;
}

/** A row in progress: its cells by column, and the problems found so far. */
class RowReader {
  readonly errors: RowError[] = [];
  private readonly failed = new Set<string>();

  constructor(
    readonly row: number,
    private readonly cells: ReadonlyMap<string, string>,
  ) {}

  /** The trimmed cell, or undefined when empty or absent; "Required." for a required one. */
  text(column: string, required = false): string | undefined {
    const value = this.cells.get(column)?.trim();
    if (value) return value;
    if (required) this.fail(column, "Required.");
    return undefined;
  }

  read<T>(column: string, parse: (cell: string) => Cell<T>, required = false): T | undefined {
    const cell = this.text(column, required);
    if (cell === undefined) return undefined;
    const parsed = parse(cell);
    if (parsed.ok) return parsed.value;
    this.fail(column, parsed.message);
    return undefined;
  }

  /** The row's `scale` cell in the spelling the schema accepts. */
  scale(): string | undefined {
    const cell = this.text("scale");
    if (cell === undefined) return undefined;
    const scale = canonicalScale(cell);
    if (scale === null) {
      this.fail("scale", `Unknown scale word '${cell}'.`);
      return undefined;
    }
    return scale;
  }

  fail(column: string, message: string) {
    if (this.failed.has(column)) return;
    this.failed.add(column);
    this.errors.push(rowError(this.row, column, message));
  }

  /** Schema issues, each on the column a person has to fix; one message per cell. */
  issues(issues: readonly IssueLike[], columnOf: (path: PropertyKey[]) => string) {
    for (const issue of issues) this.fail(columnOf(issue.path), issue.message);
  }
}

function defined<T extends object>(draft: T): T {
  return Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined)) as T;
}

function mapper<T>(
  columns: readonly string[],
  build: (reader: RowReader) => T | undefined,
): RecordMapper<T> {
  return (record) => {
    if (record.fields.length !== columns.length) {
      return {
        errors: [
          rowError(
            record.row,
            "",
            `Has ${record.fields.length} fields; the header has ${columns.length}.`,
          ),
        ],
      };
    }
    const cells = new Map(columns.map((c, i) => [c, record.fields[i] ?? ""]));
    const reader = new RowReader(record.row, cells);
    const input = build(reader);
    return input !== undefined && reader.errors.length === 0
      ? { input }
      : { errors: reader.errors };
  };
}

const firstKey = (path: PropertyKey[]) => String(path[0] ?? "");

export function indicatorMapper(columns: readonly string[]): RecordMapper<IndicatorRowInput> {
  return mapper(columns, (r) => {
    const id = r.text("id", true);
    const draft = defined({
      name: r.text("name", true),
      name_vi: r.text("name_vi"),
      aliases: r.read("aliases", (c) => ({ ok: true, value: readAliases(c) })),
      scope: r.text("scope", true),
      scope_name: r.text("scope_name"),
      scope_name_vi: r.text("scope_name_vi"),
      scope_level: r.text("scope_level"),
      unit: r.text("unit", true),
      measure: r.text("measure", true),
      cadence: r.text("cadence", true),
      tags: r.read("tags", (c) => ({ ok: true, value: readList(c) })),
      description: r.text("description"),
      source: r.text("source"),
      release_rule: r.read("release_rule", readJsonCell),
      concept: r.text("concept"),
    });
    const parsedId = SlugSchema.safeParse(id);
    if (id !== undefined && !parsedId.success) r.issues(parsedId.error.issues, () => "id");
    const parsed = IndicatorInputSchema.safeParse(draft);
    if (!parsed.success) {
      r.issues(parsed.error.issues, firstKey);
      return undefined;
    }
    return parsedId.success ? { ...parsed.data, id: parsedId.data } : undefined;
  });
}

function planColumn(path: PropertyKey[]): string {
  const [head, sub] = path;
  if (head === "baseline") return sub === "date" ? "baseline_date" : "baseline_value";
  if (head === "thresholds") {
    const entry = Object.entries(THRESHOLD_COLUMNS).find(([, key]) => key === sub);
    return entry ? entry[0] : "threshold_ahead";
  }
  return String(head ?? "");
}

export function planMapper(
  columns: readonly string[],
  mark: DecimalMark,
): RecordMapper<PlanCreateInput> {
  return mapper(columns, (r) => {
    // Figures are converted to base units here (a scale word in the cell, else the row's
    // `scale`), exactly as the JSON API's `scale` would, so the schema sees no scale at all.
    const scale = r.scale();
    const figure = (cell: string) => readFigure(cell, mark, scale);
    const baselineValue = r.read("baseline_value", figure);
    const baselineDate = r.text("baseline_date");
    const thresholds = defined(
      Object.fromEntries(
        Object.entries(THRESHOLD_COLUMNS).map(([column, key]) => [
          key,
          r.read(column, (c) => readNumber(c, mark)),
        ]),
      ),
    );
    const draft = defined({
      id: r.text("id"),
      indicator_id: r.text("indicator_id", true),
      title: r.text("title"),
      period_start: r.text("period_start", true),
      period_end: r.text("period_end", true),
      target: r.read("target", figure, true),
      comparator: r.text("comparator"),
      phasing: r.read("phasing", (c) => readPhasing(c, mark)),
      baseline:
        baselineValue !== undefined || baselineDate !== undefined
          ? { value: baselineValue, date: baselineDate }
          : undefined,
      thresholds: Object.keys(thresholds).length ? thresholds : undefined,
      source: r.text("source"),
      note: r.text("note"),
    });
    const parsed = PlanCreateSchema.safeParse(draft);
    if (!parsed.success) {
      r.issues(parsed.error.issues, planColumn);
      return undefined;
    }
    return parsed.data;
  });
}

export function actualMapper(
  columns: readonly string[],
  mark: DecimalMark,
): RecordMapper<ActualBody> {
  return mapper(columns, (r) => {
    const scale = r.scale();
    const draft = defined({
      indicator_id: r.text("indicator_id", true),
      period_start: r.text("period_start", true),
      period_end: r.text("period_end", true),
      value: r.read("value", (c) => readFigure(c, mark, scale), true),
      status: r.text("status", true),
      reported_at: r.text("reported_at", true),
      source: r.text("source"),
      reported_attainment: r.read("reported_attainment", (c) => readRatio(c, mark)),
      reported_yoy: r.read("reported_yoy", (c) => readRatio(c, mark)),
      note: r.text("note"),
    });
    const parsed = ActualInputSchema.safeParse(draft);
    if (!parsed.success) {
      r.issues(parsed.error.issues, firstKey);
      return undefined;
    }
    return parsed.data;
  });
}
