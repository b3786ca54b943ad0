// POST /api/import/sdmx: an SDMX-CSV message of targets and figures, checked row by row as the
// JSON API would, written in one batch or not at all.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  ADMIN,
  auditOf,
  call,
  createIndicator,
  createPlan,
  createToken,
  DATA_TABLES,
  dump,
  uid,
} from "../factories";

interface Result {
  format: string;
  dry_run: boolean;
  summary: Record<string, number>;
  rows: { row: number; dataflow: string; outcome: string; id: string | number | null }[];
  ignored_columns: string[];
}
interface Problem {
  code: string;
  status: number;
  detail: string;
  errors: { path: string; row?: number; column?: string; code?: string; message: string }[];
}

const FIGURES = "dataflow,TARGET_MONITOR:FIGURES(1.0.0),I";
const TARGETS = "dataflow,TARGET_MONITOR:TARGETS(1.0.0),I";
/** Both dataflows' columns, as a message holding rows of both has them. */
const HEADER =
  "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE,UNIT_MULT,PLAN_ID,COMMENT_OBS,VALID_FROM";

const message = (...lines: string[]) => `${[HEADER, ...lines].join("\r\n")}\r\n`;

function post(body: string | Uint8Array, query = "", headers: Record<string, string> = ADMIN) {
  return call(`/api/import/sdmx${query}`, {
    method: "POST",
    headers: { "content-type": "application/vnd.sdmx.data+csv; version=2.0.0", ...headers },
    body,
  });
}

async function imported(body: string, query = "", headers = ADMIN): Promise<Result> {
  const res = await post(body, query, headers);
  if (res.status !== 200) throw new Error(`import: ${res.status} ${await res.text()}`);
  return (await res.json()) as Result;
}

async function refused(body: string | Uint8Array, status: number, query = ""): Promise<Problem> {
  const before = await dump(env.DB);
  const res = await post(body, query);
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect(await dump(env.DB)).toBe(before);
  return (await res.json()) as Problem;
}

const brief = (p: Problem) => p.errors.map((e) => [e.row, e.column, e.code]);

/** A scope of its own with goods exports in USD. */
async function province() {
  const scope = uid("area");
  const indicator = await createIndicator({ scope }, `${scope}.exports`);
  return { scope, indicator, code: indicator.replaceAll(".", "_") };
}

async function vintages(indicator: string) {
  const res = await call(`/api/indicators/${indicator}/actuals?revisions=all`);
  return ((await res.json()) as { actuals: Record<string, unknown>[] }).actuals;
}

describe("importing an SDMX-CSV message", () => {
  it("shows a dry run, then writes targets and figures with their audit entries", async () => {
    const { scope, indicator, code } = await province();
    const plan = `${indicator}.2024`;
    const file = message(
      `${TARGETS},${scope},${code},2024,2.75,,USD,9,${plan},,`,
      `${FIGURES},${scope},${code},2024-01-01/P9M,2326,E,USD,6,,"Estimate, 84.58% of plan",2024-10-05`,
      `${FIGURES},${scope},${code},2024-01-01/2024-09-30,2300,P,USD,6,,,2024-11-02`,
      `${FIGURES},${scope},${code},2023,2.5,A: Normal value,USD: US dollar,9,,,2024-02-15T08:00:00Z`,
    );
    const before = await dump(env.DB);
    const dry = await imported(file, "?dry_run=true");
    expect(dry).toEqual({
      format: "sdmx-csv",
      dry_run: true,
      summary: {
        rows: 4,
        created: 3,
        updated: 0,
        revised: 1,
        corrected: 0,
        unchanged: 0,
        duplicate: 0,
      },
      rows: [
        { row: 2, dataflow: "targets", outcome: "created", id: plan },
        { row: 3, dataflow: "figures", outcome: "created", id: null },
        { row: 4, dataflow: "figures", outcome: "revised", id: null },
        { row: 5, dataflow: "figures", outcome: "created", id: null },
      ],
      ignored_columns: [],
    });
    expect(await dump(env.DB)).toBe(before);

    const done = await imported(file);
    expect(done.rows.map((r) => r.outcome)).toEqual(["created", "created", "revised", "created"]);
    const stored = await vintages(indicator);
    expect(stored.map((a) => [a.period_end, a.value, a.status, a.reported_at, a.note])).toEqual([
      ["2023-12-31", 2_500_000_000, "final", "2024-02-15", null],
      ["2024-09-30", 2_326_000_000, "estimate", "2024-10-05", "Estimate, 84.58% of plan"],
      ["2024-09-30", 2_300_000_000, "preliminary", "2024-11-02", null],
    ]);
    expect(done.rows.slice(1).map((r) => r.id)).toEqual([
      stored[1]?.id,
      stored[2]?.id,
      stored[0]?.id,
    ]);
    const target = (await (await call(`/api/plans/${plan}`)).json()) as {
      plan: { target: number };
    };
    expect(target.plan.target).toBe(2_750_000_000);
    expect((await auditOf("plan", plan)).map((e) => [e.action, e.actor])).toEqual([
      ["create", "admin"],
    ]);
    expect((await auditOf("actual", String(stored[0]?.id))).map((e) => e.action)).toEqual([
      "create",
    ]);

    const again = await imported(file);
    expect(again.summary).toMatchObject({ rows: 4, unchanged: 4 });
  });

  it("reads a semicolon file with decimal commas, and a chosen decimal mark", async () => {
    const { scope, code, indicator } = await province();
    const semi = message(`${FIGURES},${scope},${code},2024-M09,"284,4",E,USD,6,,,2024-10-06`)
      .replaceAll(",", ";")
      .replace('"284;4"', "284,4");
    expect((await imported(semi)).summary.created).toBe(1);
    const point = message(
      `${FIGURES},${scope},${code},2024-M08,296.4,P,USD,6,,,2024-09-06`,
    ).replaceAll(",", ";");
    const problem = await refused(point, 422);
    expect(brief(problem)).toEqual([[2, "OBS_VALUE", "bad_number"]]);
    expect((await imported(point, "?decimal=point")).summary.created).toBe(1);
    expect((await vintages(indicator)).map((a) => a.value)).toEqual([296_400_000, 284_400_000]);
  });

  it("dates figures without VALID_FROM by ?reported_at, and refuses them without it", async () => {
    const { scope, code, indicator } = await province();
    const file = `STRUCTURE,STRUCTURE_ID,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MULT,OBS_CONF
dataflow,TARGET_MONITOR:FIGURES(1.0.0),${scope},${code},2024-Q3,812.5,P,6,F
`;
    expect(brief(await refused(file, 422))).toEqual([[2, "VALID_FROM", "missing_value"]]);
    const done = await imported(file, "?reported_at=2024-10-10");
    expect(done.ignored_columns).toEqual(["OBS_CONF"]);
    expect((await vintages(indicator)).map((a) => [a.period_start, a.reported_at])).toEqual([
      ["2024-07-01", "2024-10-10"],
    ]);
  });
});

describe("a message refused whole, with every problem by row, column and code", () => {
  it("names an observation status it cannot map, and writes none of the other rows", async () => {
    const { scope, code } = await province();
    const problem = await refused(
      message(
        `${TARGETS},${scope},${code},2024,2.75,,USD,9,${uid("plan")},,`,
        `${FIGURES},${scope},${code},2024-M09,284.4,E,USD,6,,,2024-10-06`,
        `${FIGURES},${scope},${code},2024-M08,296.4,F,USD,6,,,2024-09-06`,
        `${FIGURES},${scope},${code},2024-M07,268.4,M,USD,6,,,2024-08-06`,
      ),
      422,
    );
    expect(problem.code).toBe("validation_failed");
    expect(problem.detail).toBe("2 problems in the file; nothing was written.");
    expect(brief(problem)).toEqual([
      [4, "OBS_STATUS", "unknown_obs_status"],
      [5, "OBS_STATUS", "unknown_obs_status"],
    ]);
    expect(problem.errors[0]).toMatchObject({
      path: "/rows/4/OBS_STATUS",
      message:
        "The observation status 'F' has no counterpart here; use E (estimate), P (preliminary), A (final).",
    });
  });

  it("holds every row to the JSON API's rules", async () => {
    const { scope, code } = await province();
    const plan = uid("plan");
    const problem = await refused(
      message(
        `${FIGURES},${scope},${code},2024-M09,284.4,E,USD,6,,${"x".repeat(4001)},2024-10-06`,
        `${FIGURES},${scope},${code},2024-M08,296.4,E,USD,6,,"bad\u0007note",2024-09-06`,
        `${TARGETS},${scope},${code},2024,0,,USD,9,${plan},,`,
      ),
      422,
    );
    expect(brief(problem)).toEqual([
      [2, "COMMENT_OBS", "invalid_value"],
      [3, "COMMENT_OBS", "invalid_value"],
      [4, "OBS_VALUE", "invalid_value"],
    ]);
    expect(problem.errors[2]?.message).toBe("A flow target must be above zero.");
  });

  it("refuses unknown indicators, and rows whose area or unit is not the indicator's", async () => {
    const { scope, code } = await province();
    const problem = await refused(
      message(
        `${FIGURES},${scope},${scope}_imports,2024-M09,284.4,E,USD,6,,,2024-10-06`,
        `${FIGURES},ha-noi,${code},2024-M09,284.4,E,USD,6,,,2024-10-06`,
        `${FIGURES},${scope},${code},2024-M08,284.4,E,VND,6,,,2024-09-06`,
      ),
      422,
    );
    expect(brief(problem)).toEqual([
      [2, "INDICATOR", "unknown_indicator"],
      [3, "REF_AREA", "area_mismatch"],
      [4, "UNIT_MEASURE", "unit_mismatch"],
    ]);
    const unknownOnly = await refused(
      message(`${FIGURES},${scope},${scope}_imports,2024-M09,284.4,E,USD,6,,,2024-10-06`),
      422,
    );
    expect(unknownOnly.code).toBe("unknown_indicator");
  });

  it("refuses a file that is not UTF-8, not CSV, not SDMX-CSV or empty", async () => {
    const { scope, code } = await province();
    const latin1 = new Uint8Array([...new TextEncoder().encode(message()), 0xe9, 0x0a]);
    expect((await refused(latin1, 400)).code).toBe("malformed_csv");
    const quote = await refused(
      message(`${FIGURES},${scope},${code},2024-M09,28"4,E,USD,6,,,2024-10-06`),
      400,
    );
    expect(quote.code).toBe("malformed_csv");
    expect(quote.errors[0]).toMatchObject({ row: 2, code: "csv_syntax" });
    const plain = await refused("indicator_id,period_start,value\r\nx,2024-01-01,1\r\n", 422);
    expect(brief(plain)).toEqual([[1, undefined, "not_sdmx_csv"]]);
    expect((await refused(message(), 422)).code).toBe("validation_failed");
  });

  it("refuses more than 10,000 rows before reading what they say", async () => {
    const { scope, code } = await province();
    const row = `${FIGURES},${scope},${code},2024-M09,1,E,USD,0,,,2024-10-06`;
    const problem = await refused(message(...Array(10_001).fill(row)), 422);
    expect(problem.errors).toEqual([{ path: "/rows", message: "At most 10000 rows." }]);
  });
});

describe("who may import", () => {
  it("holds a scoped token to its scope, and names the rows outside it", async () => {
    const own = await province();
    const other = await province();
    const token = await createToken({ scopes: ["write"], indicator_scope: own.scope });
    const file = message(
      `${FIGURES},${own.scope},${own.code},2024-M09,284.4,E,USD,6,,,2024-10-06`,
      `${FIGURES},${other.scope},${other.code},2024-M09,284.4,E,USD,6,,,2024-10-06`,
    );
    // The token's last use is recorded on its first request, so only the data and the audit
    // log are compared.
    const tables = [...DATA_TABLES, "audit_log"];
    const before = await dump(env.DB, tables);
    const res = await post(file, "", token.bearer);
    expect(res.status).toBe(403);
    const problem = (await res.json()) as Problem;
    expect(problem.code).toBe("forbidden");
    expect(problem.errors.map((e) => e.path)).toEqual(["/rows/3/INDICATOR"]);
    expect(await dump(env.DB, tables)).toBe(before);

    const mine = message(`${FIGURES},${own.scope},${own.code},2024-M09,284.4,E,USD,6,,,2024-10-06`);
    const done = await imported(mine, "", token.bearer);
    const entries = await auditOf("actual", String(done.rows[0]?.id));
    expect(entries.map((e) => e.actor)).toEqual([token.id]);
  });

  it("needs a token that may write, and a body that is CSV", async () => {
    const { scope, code } = await province();
    const file = message(`${FIGURES},${scope},${code},2024-M09,284.4,E,USD,6,,,2024-10-06`);
    const reader = await createToken({ scopes: ["read"] });
    expect((await post(file, "", {})).status).toBe(401);
    expect((await post(file, "", reader.bearer)).status).toBe(403);
    const json = await call("/api/import/sdmx", {
      method: "POST",
      headers: { "content-type": "application/json", ...ADMIN },
      body: JSON.stringify({ file }),
    });
    expect(json.status).toBe(415);
    const textCsv = await call("/api/import/sdmx?dry_run=true", {
      method: "POST",
      headers: { "content-type": "text/csv; charset=utf-8", ...ADMIN },
      body: file,
    });
    expect(textCsv.status).toBe(200);
  });
});

it("keeps a target and figures of the same message together: a failed figure loses the target too", async () => {
  const { scope, code } = await province();
  const plan = uid("plan");
  await refused(
    message(
      `${TARGETS},${scope},${code},2024,2.75,,USD,9,${plan},,`,
      `${FIGURES},${scope},${code},2024-M09,284.4,X,USD,6,,,2024-10-06`,
    ),
    422,
  );
  expect((await call(`/api/plans/${plan}`)).status).toBe(404);
  const existing = await createPlan(`${scope}.exports`);
  const revision = await imported(
    message(`${TARGETS},${scope},${code},2024,3,,USD,9,${existing.id},,`),
  );
  expect(revision.rows).toEqual([
    { row: 2, dataflow: "targets", outcome: "revised", id: existing.id },
  ]);
});
