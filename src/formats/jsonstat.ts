// A PxWeb table in JSON-stat 2.0 into figures. Statistics offices publish through PxWeb (Viet
// Nam's among them), whose API answers in JSON-stat: a cube of dimensions and a flat value
// array. The person importing says once which dimension holds the areas, which the
// indicators and which the time, and what each category is called here; every selected cell
// then becomes one figure, or one error that names the cell by its categories.
import JSONstat, { type JsonStatDimension, type JsonStatInstance } from "jsonstat-toolkit";
import { parseIsoDate } from "../domain/dates";
import type { IsoDate } from "../domain/types";
import { scaleExponent, shiftDecimal } from "../domain/units";
import { ACTUAL_STATUSES, type ActualStatus } from "../domain/vocabulary";
import type { JsonStatErrorCode } from "../schemas/formats";
import { parsePxTime } from "./pxweb-time";
import { type ActualRow, type FormatError, formatError } from "./rows";

/** A dimension of the table, and our slug for each of its categories to import. */
export interface DimensionMapping {
  dimension: string;
  /** Category id → our slug. Categories left out are not imported. */
  categories: Record<string, string>;
}

export interface JsonStatMapping {
  /** Where the areas are, or the one area the whole table covers. */
  area: DimensionMapping | { value: string };
  /** Where the indicators are, or the one indicator the whole table holds. */
  indicator: DimensionMapping | { value: string };
  /** Our indicator id; default `{area}.{indicator}`, as in `nghe-an.goods-exports`. */
  id_template?: string;
  period: {
    dimension: string;
    /** Year-to-date totals: each code's period starts on 1 January. */
    cumulative?: boolean;
    /** Time codes PxWeb does not spell in its usual way, renamed: {"Sơ bộ 2024": "2024"}. */
    codes?: Record<string, string>;
  };
  /** Every other dimension with more than one category, fixed to the category to import. */
  fixed?: Record<string, string>;
  /** The scale the table's values are in (`million`, `triệu`); none means base units. */
  scale?: string;
  /** The status of every imported figure... */
  status: ActualStatus;
  /** ...unless the cell's status symbol says otherwise; an unlisted symbol is an error. */
  status_by_symbol?: Record<string, ActualStatus>;
  /** ...or its time code does (a year PxWeb labels preliminary, for instance). */
  status_by_period?: Record<string, ActualStatus>;
  /** The publication day; default the day of the table's `updated`. */
  reported_at?: IsoDate;
  /** Default: the table's source and label, and its PxWeb table id. */
  source?: string;
}

export { JSONSTAT_ERROR_CODES } from "../schemas/formats";

/** A cell's problem: `row` and the path are its position in the value array. */
export interface JsonStatError extends FormatError {
  /** The cell's category id in each dimension. */
  categories?: Record<string, string>;
}

export interface JsonStatFigure {
  /** Position in the table's value array. */
  index: number;
  categories: Record<string, string>;
  area: string;
  /** The unit the table states for the cell's measure, such as `triệu USD`. */
  unit?: string;
  input: ActualRow;
}

export interface JsonStatImport {
  figures: JsonStatFigure[];
  /** Selected cells with no value: PxWeb marks those not (yet) available with `..`. */
  skipped: { index: number; categories: Record<string, string>; status: string | null }[];
  errors: JsonStatError[];
}

const SLUG = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

const pointer = (key: string) => key.replaceAll("~", "~0").replaceAll("/", "~1");

const mappingError = (path: string, code: JsonStatErrorCode, message: string): JsonStatError => ({
  path: path ? `/mapping/${path}` : "/mapping",
  row: 0,
  code,
  message,
});

function cellError(
  index: number,
  categories: Record<string, string>,
  code: JsonStatErrorCode,
  message: string,
): JsonStatError {
  const where = Object.entries(categories)
    .map(([dim, cat]) => `${dim}=${cat}`)
    .join(", ");
  return { ...formatError("cells", index, undefined, code, `${where}: ${message}`), categories };
}

/** The dataset in a JSON-stat response: a dataset itself, or the first one of a collection. */
function datasetOf(response: unknown): JsonStatInstance | null {
  if (typeof response !== "object" || response === null) return null;
  try {
    const top = JSONstat(response);
    const ds = top.class === "dataset" ? top : top.Dataset(0);
    return ds?.class === "dataset" && ds.id.length > 0 ? ds : null;
  } catch {
    // The toolkit throws on a dataset whose dimensions do not match its id.
    return null;
  }
}

/** The publication day: the mapping's, or the day the table was last updated. */
function reportedDay(ds: JsonStatInstance, mapping: JsonStatMapping): IsoDate | null {
  const day = mapping.reported_at ?? ds.updated?.slice(0, 10);
  return day !== undefined && parseIsoDate(day) ? day : null;
}

function defaultSource(ds: JsonStatInstance): string | undefined {
  const px = ds.extension?.px;
  const tableId =
    typeof px === "object" && px !== null && "tableid" in px && typeof px.tableid === "string"
      ? px.tableid
      : undefined;
  const parts = [ds.source, tableId && `table ${tableId}`, ds.label].filter(Boolean);
  return parts.length ? parts.join(", ") : undefined;
}

interface Axis {
  /** The mapping's key, for error paths. */
  name: string;
  dimension: JsonStatDimension;
  id: string;
  /** Category ids to import, in the table's order. */
  categories: string[];
}

/**
 * Maps a JSON-stat 2.0 dataset (as PxWeb answers with `format=json-stat2`) to figures. Problems
 * with the mapping itself come back alone, under `/mapping/...`; otherwise every selected cell
 * is either a figure, skipped (no value), or an error under `/cells/<index>`. Values are
 * converted to base units exactly, as the API's `scale` would.
 */
export function importJsonStat(
  response: unknown,
  mapping: JsonStatMapping,
  options: { maxCells?: number } = {},
): JsonStatImport {
  const ds = datasetOf(response);
  if (!ds) {
    return {
      figures: [],
      skipped: [],
      errors: [
        {
          path: "",
          row: 0,
          code: "not_jsonstat_dataset",
          message: "Expected a JSON-stat 2.0 dataset, as PxWeb answers with format=json-stat2.",
        },
      ],
    };
  }
  const errors: JsonStatError[] = [];
  const used = new Set<string>();
  const axis = (name: string, id: string, wanted?: readonly string[]): Axis | null => {
    const dimension = ds.id.includes(id) ? ds.Dimension(id) : null;
    if (!dimension) {
      errors.push(
        mappingError(
          `${name}/dimension`,
          "unknown_dimension",
          `The table has no dimension '${id}'; it has ${ds.id.join(", ")}.`,
        ),
      );
      return null;
    }
    if (used.has(id)) {
      errors.push(
        mappingError(`${name}/dimension`, "dimension_mapped_twice", `'${id}' is mapped twice.`),
      );
      return null;
    }
    used.add(id);
    for (const cat of wanted ?? []) {
      if (!dimension.id.includes(cat)) {
        errors.push(
          mappingError(
            `${name}/categories/${pointer(cat)}`,
            "unknown_category",
            `Dimension '${id}' has no category '${cat}'.`,
          ),
        );
      }
    }
    const categories = wanted ? dimension.id.filter((c) => wanted.includes(c)) : dimension.id;
    return { name, dimension, id, categories };
  };

  const axes: Axis[] = [];
  const slugs: Partial<Record<"area" | "indicator", Record<string, string>>> = {};
  const fixedSlug: Partial<Record<"area" | "indicator", string>> = {};
  for (const name of ["area", "indicator"] as const) {
    const m = mapping[name];
    if ("value" in m) {
      if (!SLUG.test(m.value)) {
        errors.push(mappingError(`${name}/value`, "bad_mapping", `'${m.value}' is not a slug.`));
      }
      fixedSlug[name] = m.value;
      continue;
    }
    for (const [cat, slug] of Object.entries(m.categories)) {
      if (!SLUG.test(slug)) {
        errors.push(
          mappingError(
            `${name}/categories/${pointer(cat)}`,
            "bad_mapping",
            `'${slug}' is not a slug: lower-case words joined by '-' or '.'.`,
          ),
        );
      }
    }
    const a = axis(name, m.dimension, Object.keys(m.categories));
    if (a) axes.push(a);
    slugs[name] = m.categories;
  }
  const period = axis("period", mapping.period.dimension);
  if (period) axes.push(period);
  for (const [id, cat] of Object.entries(mapping.fixed ?? {})) {
    const a = axis(`fixed/${pointer(id)}`, id, [cat]);
    if (a) axes.push(a);
  }
  for (const id of ds.id) {
    const size = ds.Dimension(id)?.length ?? 0;
    if (!used.has(id) && size > 1) {
      errors.push(
        mappingError(
          `fixed/${pointer(id)}`,
          "unmapped_dimension",
          `Dimension '${id}' has ${size} categories; map it, or fix it to one in 'fixed'.`,
        ),
      );
    }
  }
  const template = mapping.id_template ?? "{area}.{indicator}";
  const sampleId = template.replaceAll("{area}", "a").replaceAll("{indicator}", "b");
  if (!template.includes("{indicator}") || !SLUG.test(sampleId)) {
    errors.push(
      mappingError(
        "id_template",
        "bad_mapping",
        "The template must give a slug and name {indicator}, as in {area}.{indicator}.",
      ),
    );
  }
  const exponent = scaleExponent(mapping.scale);
  if (exponent === null) {
    errors.push(mappingError("scale", "bad_mapping", `Unknown scale word '${mapping.scale}'.`));
  }
  const statuses: readonly string[] = ACTUAL_STATUSES;
  const statusMaps = [
    ["status", { "": mapping.status }],
    ["status_by_symbol", mapping.status_by_symbol ?? {}],
    ["status_by_period", mapping.status_by_period ?? {}],
  ] as const;
  for (const [key, map] of statusMaps) {
    for (const [from, status] of Object.entries(map)) {
      if (!statuses.includes(status)) {
        errors.push(
          mappingError(
            key === "status" ? key : `${key}/${from}`,
            "bad_mapping",
            `'${status}' is not estimate, preliminary or final.`,
          ),
        );
      }
    }
  }
  const reportedAt = reportedDay(ds, mapping);
  if (!reportedAt) {
    errors.push(
      mappingError(
        "reported_at",
        "bad_mapping",
        "The table has no update date; give the day it was published as reported_at.",
      ),
    );
  }
  if (errors.length || !period || exponent === null || !reportedAt) {
    return { figures: [], skipped: [], errors };
  }

  // Row-major strides: the last dimension varies fastest in JSON-stat's value array.
  const strides = ds.size.map((_, i) => ds.size.slice(i + 1).reduce((a, b) => a * b, 1));
  const position = (dimensionId: string, category: string) =>
    ds.Dimension(dimensionId)?.Category(category)?.index ?? 0;
  const metric = ds.role?.metric?.[0];
  const source = mapping.source ?? defaultSource(ds);
  const result: JsonStatImport = { figures: [], skipped: [], errors };

  // Counted before any cell is built: the selection is a product of category counts, and a
  // mapping that leaves a large dimension open can select millions of cells.
  const selected = axes.reduce((n, a) => n * a.categories.length, 1);
  if (options.maxCells !== undefined && selected > options.maxCells) {
    errors.push(
      mappingError(
        "",
        "too_many_cells",
        `The mapping selects ${selected} cells; at most ${options.maxCells} are imported at once. Map fewer categories, or split the table.`,
      ),
    );
    return { figures: [], skipped: [], errors };
  }

  // Every combination of the selected categories, in the table's order.
  let combos: Record<string, string>[] = [{}];
  for (const a of axes) {
    combos = combos.flatMap((c) => a.categories.map((cat) => ({ ...c, [a.id]: cat })));
  }
  const axisOf = (name: string) => axes.find((a) => a.name === name);
  for (const combo of combos) {
    // In the table's dimension order, as PxWeb shows a cell's coordinates.
    const categories = Object.fromEntries(
      ds.id.filter((id) => id in combo).map((id) => [id, combo[id] ?? ""]),
    );
    const index = ds.id.reduce((sum, id, i) => {
      const cat = categories[id] ?? ds.Dimension(id)?.id[0] ?? "";
      return sum + position(id, cat) * (strides[i] ?? 0);
    }, 0);
    const cell = ds.Data(index);
    if (!cell || cell.value === null || cell.value === "") {
      result.skipped.push({ index, categories, status: cell?.status ?? null });
      continue;
    }
    const fail = (code: JsonStatErrorCode, message: string) =>
      errors.push(cellError(index, categories, code, message));

    const timeCode = categories[period.id] ?? "";
    const time = parsePxTime(
      mapping.period.codes?.[timeCode] ?? timeCode,
      mapping.period.cumulative,
    );
    if (!time.ok) {
      fail(time.code, time.message);
      continue;
    }
    const value = typeof cell.value === "number" ? cell.value : Number.NaN;
    if (!Number.isFinite(value)) {
      fail("bad_value", `'${cell.value}' is not a number.`);
      continue;
    }
    let status: ActualStatus = mapping.status_by_period?.[timeCode] ?? mapping.status;
    if (cell.status !== null && cell.status !== "") {
      const bySymbol = mapping.status_by_symbol?.[cell.status];
      if (!bySymbol) {
        fail(
          "unknown_status_symbol",
          `The value carries the status symbol '${cell.status}'; say in status_by_symbol what it means.`,
        );
        continue;
      }
      status = bySymbol;
    }
    if (reportedAt < time.start) {
      fail(
        "reported_before_period",
        `Published ${reportedAt}, before the period begins (${time.start}); check reported_at.`,
      );
      continue;
    }
    const slugOf = (name: "area" | "indicator") => {
      const a = axisOf(name);
      return a ? (slugs[name]?.[categories[a.id] ?? ""] ?? "") : (fixedSlug[name] ?? "");
    };
    const area = slugOf("area");
    const metricCategory = metric && (categories[metric] ?? ds.Dimension(metric)?.id[0]);
    const unit = metricCategory
      ? ds.Dimension(metric)?.Category(metricCategory)?.unit?.base
      : undefined;
    const input: ActualRow = {
      indicator_id: template
        .replaceAll("{area}", area)
        .replaceAll("{indicator}", slugOf("indicator")),
      period_start: time.start,
      period_end: time.end,
      value: shiftDecimal(value, exponent),
      status,
      reported_at: reportedAt,
    };
    if (source) input.source = source;
    result.figures.push({ index, categories, area, ...(unit ? { unit } : {}), input });
  }
  return result;
}
