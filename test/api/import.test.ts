// POST /api/import with text/csv: a file of indicators, plans or actuals, all-or-nothing.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  ADMIN,
  actualBody,
  call,
  createIndicator,
  createPlan,
  dump,
  postActuals,
  uid,
} from "../factories";

interface RowResult {
  row: number;
  outcome: string;
  id: string | number | null;
}
interface ImportResult {
  kind: string;
  dry_run: boolean;
  summary: Record<string, number>;
  rows: RowResult[];
}
interface Problem {
  code: string;
  status: number;
  detail: string;
  errors?: { path: string; row?: number; column?: string; message: string }[];
}

function postCsv(body: string | Uint8Array, query = "", headers: Record<string, string> = {}) {
  return call(`/api/import${query}`, {
    method: "POST",
    headers: { "content-type": "text/csv; charset=utf-8", ...ADMIN, ...headers },
    body,
  });
}

async function imported(body: string | Uint8Array, query = ""): Promise<ImportResult> {
  const res = await postCsv(body, query);
  if (res.status !== 200) throw new Error(`import: ${res.status} ${await res.text()}`);
  return (await res.json()) as ImportResult;
}

const csv = (...lines: string[]) => `${lines.join("\r\n")}\r\n`;

const ACTUALS_HEADER =
  "indicator_id,period_start,period_end,value,scale,status,reported_at,source,reported_attainment,reported_yoy,note";

async function vintages(indicator: string) {
  const res = await call(`/api/indicators/${indicator}/actuals?revisions=all`);
  return ((await res.json()) as { actuals: Record<string, unknown>[] }).actuals;
}

describe("indicators from CSV", () => {
  it("creates, updates and leaves unchanged, row by row", async () => {
    const [a, b] = [uid("ind"), uid("ind")];
    const header =
      "id,name,name_vi,scope,scope_name,scope_name_vi,scope_level,unit,measure,cadence,tags";
    const file = csv(
      header,
      `${a},Goods exports,Xuất khẩu hàng hóa,nghe-an,Nghe An,Nghệ An,locality,USD,flow,monthly,trade;exports`,
      `${b},Industrial production index,Chỉ số sản xuất công nghiệp,nghe-an,,,locality,%,rate,monthly,`,
    );
    const first = await imported(file);
    expect(first.kind).toBe("indicators");
    expect(first.rows).toEqual([
      { row: 2, outcome: "created", id: a },
      { row: 3, outcome: "created", id: b },
    ]);
    const stored = (await (await call(`/api/indicators/${a}`)).json()) as Record<string, unknown>;
    expect(stored).toMatchObject({ name_vi: "Xuất khẩu hàng hóa", tags: ["trade", "exports"] });

    const before = await dump(env.DB);
    expect((await imported(file)).summary).toMatchObject({ rows: 2, unchanged: 2 });
    expect(await dump(env.DB)).toBe(before);

    const renamed = file.replace("Goods exports", "Exports of goods");
    expect((await imported(renamed)).rows.map((r) => r.outcome)).toEqual(["updated", "unchanged"]);
  });

  it("refuses to change the measure of an indicator in use, as PUT does", async () => {
    const ind = await createIndicator();
    await createPlan(ind);
    const before = await dump(env.DB);
    const res = await postCsv(
      csv(
        "id,name,scope,scope_level,unit,measure,cadence",
        `${ind},X,nghe-an,locality,USD,level,monthly`,
      ),
    );
    expect(res.status).toBe(409);
    const problem = (await res.json()) as Problem;
    expect(problem.code).toBe("conflict");
    expect(problem.errors).toMatchObject([{ path: "/rows/2/measure", row: 2, column: "measure" }]);
    expect(await dump(env.DB)).toBe(before);
  });
});

describe("plans from CSV", () => {
  it("creates a plan and records a changed target as a new revision", async () => {
    const ind = await createIndicator();
    const header = "id,indicator_id,period_start,period_end,target,scale,phasing,source";
    const file = csv(
      header,
      `,${ind},2024-01-01,2024-12-31,2.75,billion,linear,Resolution 01/NQ-HĐND`,
      `,${ind},2024-01-01,2024-12-31,2.75,billion,linear,Resolution 01/NQ-HĐND`,
      `,${ind},2024-01-01,2024-12-31,"3,000",million,linear,Resolution 05/NQ-HĐND`,
    );
    const planId = `${ind}.2024`;
    const result = await imported(file);
    expect(result.rows).toEqual([
      { row: 2, outcome: "created", id: planId },
      { row: 3, outcome: "duplicate", id: planId },
      { row: 4, outcome: "revised", id: planId },
    ]);
    const detail = (await (await call(`/api/plans/${planId}`)).json()) as {
      plan: { target: number; revision: number };
      revisions: { revision: number; plan: { target: number } }[];
    };
    expect(detail.plan).toMatchObject({ target: 3_000_000_000, revision: 2 });
    expect(detail.revisions.map((r) => r.plan.target)).toEqual([2_750_000_000, 3_000_000_000]);

    const again = await imported(
      csv(header, `,${ind},2024-01-01,2024-12-31,3,billion,,Resolution 05/NQ-HĐND`),
    );
    expect(again.rows).toEqual([{ row: 2, outcome: "unchanged", id: planId }]);
  });

  it("obeys the JSON API's rules: a flow target must be above zero", async () => {
    const ind = await createIndicator();
    const before = await dump(env.DB);
    const res = await postCsv(
      csv("indicator_id,period_start,period_end,target", `${ind},2024-01-01,2024-12-31,0`),
    );
    expect(res.status).toBe(422);
    const problem = (await res.json()) as Problem;
    expect(problem.errors).toMatchObject([{ path: "/rows/2/target", row: 2, column: "target" }]);
    expect(await dump(env.DB)).toBe(before);
    const json = await call("/api/plans", {
      method: "POST",
      headers: { "content-type": "application/json", ...ADMIN },
      body: JSON.stringify({
        indicator_id: ind,
        period_start: "2024-01-01",
        period_end: "2024-12-31",
        target: 0,
      }),
    });
    expect(json.status).toBe(422);
  });
});

describe("many indicators and plans", () => {
  it("go in one batch, chunked under D1's 100 parameters per statement", async () => {
    const ids = Array.from({ length: 50 }, () => uid("bulk"));
    const indicators = csv(
      "id,name,scope,scope_level,unit,measure,cadence",
      ...ids.map((id, i) => `${id},Indicator ${i},province-${i % 7},locality,USD,flow,monthly`),
    );
    const plans = csv(
      "indicator_id,period_start,period_end,target,scale",
      ...ids.flatMap((id) => [
        `${id},2024-01-01,2024-12-31,100,million`,
        `${id},2025-01-01,2025-12-31,120,million`,
      ]),
    );
    const before = await dump(env.DB);
    expect((await imported(indicators, "?dry_run=true")).summary.created).toBe(50);
    expect(await dump(env.DB)).toBe(before);
    expect((await imported(indicators)).summary.created).toBe(50);
    const afterIndicators = await dump(env.DB);
    expect((await imported(plans, "?kind=plans&dry_run=true")).summary.created).toBe(100);
    expect(await dump(env.DB)).toBe(afterIndicators);
    expect((await imported(plans)).summary.created).toBe(100);
    const revised = await imported(plans.replaceAll(",120,", ",130,"));
    expect(revised.summary).toMatchObject({ unchanged: 50, revised: 50 });
    const listed = (await (await call(`/api/plans?indicator=${ids[7]}`)).json()) as {
      plans: { target: number; revision: number }[];
    };
    expect(listed.plans.map((p) => [p.target, p.revision])).toEqual([
      [100_000_000, 1],
      [130_000_000, 2],
    ]);
  });
});

describe("actuals from CSV", () => {
  it("reads a Vietnamese bulletin: BOM, semicolons, decimal comma and scale words", async () => {
    const ind = await createIndicator();
    const file = `\uFEFF${csv(
      "indicator_id;period_start;period_end;value;status;reported_at;reported_attainment;note",
      `${ind};2024-01-01;2024-09-30;2.326 triệu;estimate;2024-10-05;84,58%;Ước tính 9 tháng`,
      `${ind};2024-01-01;2024-12-31;2,75 tỷ;preliminary;2025-01-06;;`,
    )}`;
    const result = await imported(new TextEncoder().encode(file), "?decimal=comma");
    expect(result.summary).toMatchObject({ rows: 2, created: 2 });
    const stored = await vintages(ind);
    expect(stored.map((a) => [a.value, a.reported_attainment, a.note])).toEqual([
      [2_326_000_000, 0.8458, "Ước tính 9 tháng"],
      [2_750_000_000, null, null],
    ]);
  });

  it("reads 2.326 as 2,326 with decimal=comma and as 2.326 without", async () => {
    const ind = await createIndicator();
    const line = (d: string) => `${ind},2024-01-01,2024-09-30,2.326,million,estimate,${d},,,,`;
    await imported(csv(ACTUALS_HEADER, line("2024-10-05")), "?decimal=comma");
    await imported(csv(ACTUALS_HEADER, line("2024-10-06")));
    expect((await vintages(ind)).map((a) => a.value)).toEqual([2_326_000_000, 2_326_000]);
  });

  it("keeps quoted commas, quotes and line breaks exactly", async () => {
    const ind = await createIndicator();
    const note = 'Cục Thống kê: "ước tính", chưa chính thức\nSửa đổi sau';
    const source = "Báo Nghệ An, 05/10/2024";
    await imported(
      csv(
        ACTUALS_HEADER,
        `${ind},2024-01-01,2024-09-30,2326,million,estimate,2024-10-05,"${source}",,,"${note.replaceAll('"', '""')}"`,
      ),
    );
    expect(await vintages(ind)).toMatchObject([{ source, note }]);
  });

  it("answers created, revised, unchanged and duplicate per row", async () => {
    const ind = await createIndicator();
    const first = await postActuals(actualBody(ind, { value: 2326, reported_at: "2024-10-05" }));
    const storedId = ((await first.json()) as { inserted: { id: number }[] }).inserted[0]?.id;
    const file = csv(
      ACTUALS_HEADER,
      `${ind},2024-01-01,2024-09-30,2326,million,estimate,2024-10-05,,,,`, // already stored
      `${ind},2024-01-01,2024-09-30,2340,million,preliminary,2024-11-02,,,,`, // new vintage
      `${ind},2024-01-01,2024-06-30,1500,million,estimate,2024-07-05,,,,`, // new period
      `${ind},2024-01-01,2024-06-30,1.5,billion,estimate,2024-07-05,,,,`, // same figure again
    );
    const before = await dump(env.DB);
    const dry = await imported(file, "?dry_run=true");
    expect(await dump(env.DB)).toBe(before);
    expect(dry.dry_run).toBe(true);
    expect(dry.rows).toEqual([
      { row: 2, outcome: "unchanged", id: storedId },
      { row: 3, outcome: "revised", id: null },
      { row: 4, outcome: "created", id: null },
      { row: 5, outcome: "duplicate", id: null },
    ]);

    const real = await imported(file);
    expect(real.rows.map((r) => r.outcome)).toEqual(dry.rows.map((r) => r.outcome));
    const ids = real.rows.map((r) => r.id);
    expect(ids.every((id) => typeof id === "number")).toBe(true);
    expect(ids[3]).toBe(ids[2]);
    expect(real.summary).toEqual({
      rows: 4,
      created: 1,
      updated: 0,
      revised: 1,
      corrected: 0,
      unchanged: 1,
      duplicate: 1,
    });
    expect(await vintages(ind)).toHaveLength(3);
  });

  it("imports 10,000 rows in one all-or-nothing batch", async () => {
    const indicators = await Promise.all(Array.from({ length: 10 }, () => createIndicator()));
    const lines = [ACTUALS_HEADER];
    for (let i = 0; i < 10_000; i += 1) {
      const ind = indicators[i % 10];
      const month = String((Math.floor(i / 10) % 12) + 1).padStart(2, "0");
      const year = 1900 + Math.floor(i / 120);
      lines.push(
        `${ind},${year}-01-01,${year}-${month}-28,"${1000 + i},5",triệu,final,${year + 1}-01-15,"Niên giám, ${year}",,,`,
      );
    }
    const file = csv(...lines);
    const before = await dump(env.DB);
    const t0 = performance.now();
    const dry = await imported(file, "?dry_run=true&decimal=comma");
    const t1 = performance.now();
    expect(dry.summary.created).toBe(10_000);
    expect(await dump(env.DB)).toBe(before);
    const real = await imported(file, "?decimal=comma");
    const t2 = performance.now();
    console.log(
      `10,000-row CSV (${(file.length / 1e6).toFixed(2)} MB): dry run ${(t1 - t0).toFixed(0)} ms, import ${(t2 - t1).toFixed(0)} ms`,
    );
    expect(real.summary.created).toBe(10_000);
    const count = await env.DB.prepare(
      `select count(*) as n, min(value) as lo from actuals where indicator_id in (${indicators.map(() => "?").join(",")})`,
    )
      .bind(...indicators)
      .first<{ n: number; lo: number }>();
    expect(count).toEqual({ n: 10_000, lo: 1_000_500_000 });
  }, 60_000);
});

describe("a bad file is refused whole, with every problem by row and column", () => {
  it("lists per-row errors with the row a spreadsheet shows and writes nothing", async () => {
    const ind = await createIndicator();
    const file = csv(
      ACTUALS_HEADER,
      `${ind},2024-01-01,2024-09-30,2326,million,estimate,2024-10-05,,,,`,
      `${ind},2024-01-01,2024-09-30,"2,33",million,estimate,2024-10-05,,,,"two
line note"`,
      `${ind},2024-01-01,2024-09-30,2326,million,rumour,2024-10-05,,,,`,
      `${ind},2024-01-01,2024-09-30,2326,gazillion,final,2023-10-05,,,,`,
    );
    const before = await dump(env.DB);
    const res = await postCsv(file, "?decimal=comma");
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as Problem;
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors?.map((e) => [e.path, e.row, e.column])).toEqual([
      ["/rows/4/status", 4, "status"],
      ["/rows/5/scale", 5, "scale"],
      ["/rows/5/reported_at", 5, "reported_at"],
    ]);
    expect(await dump(env.DB)).toBe(before);
  });

  it("says unknown_indicator when that is all that is wrong", async () => {
    const before = await dump(env.DB);
    const res = await postCsv(
      csv(ACTUALS_HEADER, "no-such-indicator,2024-01-01,2024-09-30,1,,final,2024-10-05,,,,"),
    );
    expect(res.status).toBe(422);
    const problem = (await res.json()) as Problem;
    expect(problem.code).toBe("unknown_indicator");
    expect(problem.errors).toMatchObject([
      { path: "/rows/2/indicator_id", row: 2, column: "indicator_id" },
    ]);
    expect(await dump(env.DB)).toBe(before);
  });

  const latin1 = new Uint8Array([...new TextEncoder().encode("id,name\nx,"), 0xe9, 0x0a]);
  const tooMany = () =>
    csv(
      ACTUALS_HEADER,
      ...Array.from(
        { length: 10_001 },
        (_, i) => `x,2024-01-01,2024-09-30,${i},,final,2024-10-05,,,,`,
      ),
    );

  it.each([
    {
      name: "an unclosed quote",
      body: () => csv("a,value", '1,"2'),
      status: 400,
      code: "malformed_csv",
      path: "/rows/2",
    },
    { name: "a file that is not UTF-8", body: () => latin1, status: 400, code: "malformed_csv" },
    { name: "an empty file", body: () => "", status: 422, code: "validation_failed" },
    {
      name: "a header without rows",
      body: () => csv(ACTUALS_HEADER),
      status: 422,
      code: "validation_failed",
    },
    {
      name: "an unknown column",
      body: () =>
        csv(`${ACTUALS_HEADER},colour`, "x,2024-01-01,2024-09-30,1,,final,2024-10-05,,,,,red"),
      status: 422,
      code: "validation_failed",
      path: "/rows/1/colour",
    },
    {
      name: "a header of no known kind",
      body: () => csv("foo,bar", "1,2"),
      status: 422,
      code: "validation_failed",
      path: "/rows/1",
    },
    { name: "10,001 rows", body: tooMany, status: 422, code: "validation_failed", path: "/rows" },
    {
      name: "an unknown kind",
      body: () => csv(ACTUALS_HEADER),
      query: "?kind=budgets",
      status: 400,
      code: "invalid_query",
    },
    {
      name: "a bad decimal mark",
      body: () => csv(ACTUALS_HEADER),
      query: "?decimal=dot",
      status: 400,
      code: "invalid_query",
    },
    {
      name: "a spreadsheet file",
      body: () => "PK\u0003\u0004",
      headers: { "content-type": "application/vnd.ms-excel" },
      status: 415,
      code: "unsupported_media_type",
    },
    {
      name: "a body over 8 MiB",
      body: () => `${ACTUALS_HEADER}\n${"x".repeat(8 * 1024 * 1024)}`,
      status: 413,
      code: "payload_too_large",
    },
    {
      name: "no token",
      body: () => csv(ACTUALS_HEADER),
      headers: { authorization: "" },
      status: 401,
      code: "unauthorized",
    },
  ] as {
    name: string;
    body: () => string | Uint8Array;
    query?: string;
    headers?: Record<string, string>;
    status: number;
    code: string;
    path?: string;
  }[])("$name → $status $code", async (c) => {
    const before = await dump(env.DB);
    const res = await postCsv(c.body(), c.query ?? "", c.headers ?? {});
    expect(res.status).toBe(c.status);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as Problem;
    expect(problem.code).toBe(c.code);
    if (c.path) expect(problem.errors?.map((e) => e.path)).toContain(c.path);
    expect(await dump(env.DB)).toBe(before);
  });

  it("lists at most 100 problems but counts them all", async () => {
    const lines = Array.from(
      { length: 150 },
      () => "x,2024-01-01,2024-09-30,oops,,final,2024-10-05,,,,",
    );
    const res = await postCsv(csv(ACTUALS_HEADER, ...lines));
    const problem = (await res.json()) as Problem;
    expect(problem.errors).toHaveLength(100);
    expect(problem.detail).toContain("150 problems");
  });
});

describe("a file is read as it arrives and stops at the first limit it passes", () => {
  const MiB = 1024 * 1024;

  /** A body with no Content-Length, in 64 KiB chunks, as a client streaming a file sends it. */
  function streamed(text: string): ReadableStream<Uint8Array> {
    const bytes = new TextEncoder().encode(text);
    let at = 0;
    return new ReadableStream({
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(at, at + 64 * 1024));
        at += 64 * 1024;
      },
    });
  }

  it.each([
    {
      name: "an 8 MiB header of empty columns",
      body: () => ",".repeat(8 * MiB),
      errors: [{ path: "/rows/1", row: 1 }],
      detail: /More than 64 fields/,
    },
    {
      name: "a row of 65 fields",
      body: () => csv(ACTUALS_HEADER, ",".repeat(64)),
      errors: [{ path: "/rows/2", row: 2 }],
      detail: /More than 64 fields/,
    },
    {
      name: "10,001 blank lines under the header",
      body: () => `${ACTUALS_HEADER}\n${"\n".repeat(10_001)}x`,
      errors: [{ path: "/rows/10002", row: 10_002 }],
      detail: /More than 10000 empty rows/,
    },
    {
      name: "a quoted field that never closes",
      body: () => `${ACTUALS_HEADER}\n"${"x".repeat(MiB)}`,
      errors: [{ path: "/rows/2", row: 2 }],
      detail: /longer than 10000 characters/,
    },
  ])("$name → 422 naming the row, nothing written", async (c) => {
    const before = await dump(env.DB);
    const res = await postCsv(c.body());
    expect(res.status).toBe(422);
    const problem = (await res.json()) as Problem;
    expect(problem.code).toBe("validation_failed");
    expect(problem.detail).toMatch(c.detail);
    expect(problem.errors).toMatchObject(c.errors);
    expect(await dump(env.DB)).toBe(before);
  });

  it("refuses a body past 8 MiB sent without a length, from the bytes themselves", async () => {
    const ind = await createIndicator();
    const row = `${ind},2024-01-01,2024-09-30,1,,final,2024-10-05,,,,${"n".repeat(900)}\r\n`;
    const text = csv(ACTUALS_HEADER) + row.repeat(Math.ceil((8 * MiB) / row.length));
    const before = await dump(env.DB);
    const res = await postCsv(streamed(text) as unknown as Uint8Array);
    expect(res.status).toBe(413);
    expect(((await res.json()) as Problem).code).toBe("payload_too_large");
    expect(await dump(env.DB)).toBe(before);
  });

  it("lists the first 100 problems of 10,000 bad rows, by row, and counts every one", async () => {
    const bad = "?,?,?,?,?,?,?,?,?,?,?";
    const res = await postCsv(csv(ACTUALS_HEADER, ...Array.from({ length: 10_000 }, () => bad)));
    expect(res.status).toBe(422);
    const problem = (await res.json()) as Problem;
    expect(problem.errors).toHaveLength(100);
    const rows = problem.errors?.map((e) => e.row ?? 0) ?? [];
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(rows[0]).toBe(2);
    // Eight cells of every row break a rule the JSON API also has.
    expect(problem.detail).toMatch(/^\d+ problems in the file/);
    expect(Number(problem.detail.split(" ")[0])).toBeGreaterThanOrEqual(10_000 * 6);
  });
});
