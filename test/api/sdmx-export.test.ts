// GET /api/export/sdmx/figures and /targets: what an SDMX tool or a spreadsheet receives, read
// by csv-parse rather than by our own reader.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { todayUtc } from "../../src/lib/clock";
import {
  ADMIN,
  actualBody,
  call,
  createIndicator,
  createPlan,
  postActuals,
  send,
  uid,
} from "../factories";

type Row = Record<string, string>;

async function get(path: string): Promise<{ res: Response; body: string }> {
  const res = await call(path);
  // Decoded by hand, keeping a byte order mark: workerd warns when .text() meets a media type
  // it does not know as text.
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  return { res, body: decoder.decode(await res.arrayBuffer()) };
}

async function rows(path: string, delimiter = ","): Promise<Row[]> {
  const { res, body } = await get(path);
  expect(res.status, body).toBe(200);
  return parse(body, { columns: true, delimiter, bom: true }) as Row[];
}

/** An area of its own with goods exports: two vintages of Jan–Sep 2024, and 2023. */
async function area() {
  const scope = uid("area");
  const exports = await createIndicator({ scope, tags: ["trade", "exports"] }, `${scope}.exports`);
  const cpi = await createIndicator(
    { scope, unit: "%", measure: "rate", tags: ["prices"] },
    `${scope}.cpi`,
  );
  const res = await postActuals([
    actualBody(exports, { value: 2326, reported_at: "2024-10-05" }),
    actualBody(exports, { value: 2300, status: "preliminary", reported_at: "2024-11-02" }),
    actualBody(exports, {
      period_start: "2023-01-01",
      period_end: "2023-12-31",
      value: 2.5,
      scale: "billion",
      status: "final",
      reported_at: "2024-02-15",
    }),
    actualBody(cpi, {
      period_start: "2024-07-01",
      period_end: "2024-09-30",
      value: 3.27,
      scale: undefined,
      reported_at: "2024-10-06",
    }),
  ]);
  expect(res.status).toBe(201);
  return { scope, exports, cpi };
}

describe("GET /api/export/sdmx/figures", () => {
  it("answers SDMX-CSV 2.0 to anyone, as a file to save", async () => {
    const { scope } = await area();
    const { res, body } = await get(`/api/export/sdmx/figures?area=${scope}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(
      "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8",
    );
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="target-monitor-figures.csv"',
    );
    expect(body.startsWith("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,TIME_PERIOD,")).toBe(
      true,
    );
  });

  it("gives the latest vintage of each figure, or every vintage with its validity", async () => {
    const { scope, exports } = await area();
    const code = exports.replaceAll(".", "_");
    const latest = await rows(`/api/export/sdmx/figures?area=${scope}`);
    expect(latest.map((r) => [r.INDICATOR, r.TIME_PERIOD, r.OBS_VALUE, r.OBS_STATUS])).toEqual([
      [`${scope}_cpi`, "2024-Q3", "3.27", "E"],
      [code, "2023", "2500000000", "A"],
      [code, "2024-01-01/P9M", "2300000000", "P"],
    ]);
    for (const query of [
      "revisions=all",
      "includeHistory=true",
      "revisions=all&includeHistory=true",
    ]) {
      const all = await rows(
        `/api/export/sdmx/figures?area=${scope}&indicator=${exports}&${query}`,
      );
      expect(all.map((r) => [r.OBS_VALUE, r.VALID_FROM, r.VALID_TO])).toEqual([
        ["2500000000", "2024-02-15", ""],
        ["2326000000", "2024-10-05", "2024-11-02"],
        ["2300000000", "2024-11-02", ""],
      ]);
    }
  });

  it("travels in time: only what was reported by as_of (or SDMX's asOf), as it stood", async () => {
    const { scope, exports } = await area();
    for (const query of ["as_of=2024-10-20", "asOf=2024-10-20", "asOf=2024-10-20T23:59:59Z"]) {
      const then = await rows(
        `/api/export/sdmx/figures?indicator=${exports}&${query}&revisions=all`,
      );
      expect(then.map((r) => [r.OBS_VALUE, r.VALID_TO])).toEqual([
        ["2500000000", ""],
        ["2326000000", ""],
      ]);
    }
    const { res } = await get(`/api/export/sdmx/figures?area=${scope}&as_of=2024-10-20`);
    expect(res.headers.get("content-disposition")).toContain("figures-as-of-2024-10-20.csv");
    expect(await rows(`/api/export/sdmx/figures?indicator=${exports}&as_of=2024-01-01`)).toEqual(
      [],
    );
  });

  it("filters by indicator (its id or SDMX code), tag and period", async () => {
    const { scope, exports, cpi } = await area();
    const ids = async (query: string) =>
      (await rows(`/api/export/sdmx/figures?area=${scope}&${query}`)).map(
        (r) => `${r.INDICATOR} ${r.TIME_PERIOD}`,
      );
    const code = exports.replaceAll(".", "_");
    expect(await ids(`indicator=${code}`)).toEqual([`${code} 2023`, `${code} 2024-01-01/P9M`]);
    expect(await ids("tag=prices")).toEqual([`${cpi.replaceAll(".", "_")} 2024-Q3`]);
    expect(await ids("tag=exports&start_period=2024")).toEqual([`${code} 2024-01-01/P9M`]);
    expect(await ids("tag=exports&startPeriod=2024-01")).toEqual([`${code} 2024-01-01/P9M`]);
    expect(await ids("tag=exports&end_period=2024-Q2")).toEqual([`${code} 2023`]);
    expect(await ids("end_period=2024-Q3&start_period=2024-Q3")).toEqual([
      `${cpi.replaceAll(".", "_")} 2024-Q3`,
    ]);
    expect(await ids("tag=no-such-tag")).toEqual([]);
  });

  it("writes semicolons and decimal commas, a chosen unit multiplier and start/end ranges", async () => {
    const { scope } = await area();
    const semi = await rows(
      `/api/export/sdmx/figures?area=${scope}&separator=semicolon&unit_mult=6&time_range=end`,
      ";",
    );
    expect(semi.map((r) => [r.TIME_PERIOD, r.OBS_VALUE, r.UNIT_MULT])).toEqual([
      ["2024-Q3", "0,00000327", "6"],
      ["2023", "2500", "6"],
      ["2024-01-01/2024-09-30", "2300", "6"],
    ]);
    const { body } = await get(`/api/export/sdmx/figures?area=${scope}&bom=true`);
    expect(body.charCodeAt(0)).toBe(0xfeff);
  });

  it("refuses parameters it cannot follow, and aliases that disagree", async () => {
    for (const [query, path] of [
      ["start_period=2024-W05x", "/start_period"],
      ["endPeriod=Q3", "/endPeriod"],
      ["as_of=2024-02-30", "/as_of"],
      ["asOf=yesterday", "/asOf"],
      ["unit_mult=13", "/unit_mult"],
      ["separator=tab", "/separator"],
      ["indicator=Nghe An", "/indicator"],
      ["as_of=2024-10-01&asOf=2024-10-02", "/asOf"],
      ["revisions=latest&includeHistory=true", "/includeHistory"],
      ["start_period=2024&startPeriod=2023", "/startPeriod"],
    ]) {
      const res = await call(`/api/export/sdmx/figures?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      const problem = (await res.json()) as { code: string; errors: { path: string }[] };
      expect(problem.code, query).toBe("invalid_query");
      expect(
        problem.errors.map((e) => e.path),
        query,
      ).toContain(path);
    }
  });
});

describe("an export larger than one page", () => {
  it("reads page after page and writes every row once, in order", async () => {
    const scope = uid("area");
    // More indicators than one query may name, and one indicator with more vintages than a
    // page holds, so the export reads several pages of each kind.
    const ids = Array.from({ length: 95 }, (_, i) => `${scope}.i${String(i).padStart(3, "0")}`);
    const indicators = [
      "id,name,scope,scope_level,unit,measure,cadence",
      ...ids.map((id) => `${id},Exports,${scope},locality,USD,flow,monthly`),
    ];
    const imported = await call("/api/import", {
      method: "POST",
      headers: { "content-type": "text/csv", ...ADMIN },
      body: `${indicators.join("\r\n")}\r\n`,
    });
    expect(imported.status).toBe(200);
    expect(
      (await postActuals(ids.map((id, i) => actualBody(id, { value: i + 1, scale: undefined }))))
        .status,
    ).toBe(201);
    const big = ids[0] as string;
    for (let batch = 0; batch < 6; batch += 1) {
      const items = Array.from({ length: 1000 }, (_, i) => {
        const day = batch * 1000 + i;
        return actualBody(big, {
          value: day,
          scale: undefined,
          reported_at: new Date(Date.UTC(2024, 9, 6) + day * 86_400_000).toISOString().slice(0, 10),
        });
      });
      expect((await postActuals(items)).status).toBe(201);
    }
    const all = await rows(`/api/export/sdmx/figures?area=${scope}&revisions=all`);
    expect(all).toHaveLength(95 + 6000);
    expect(all.map((r) => r.INDICATOR)).toEqual(
      [...Array(6001).fill(big), ...ids.slice(1)].map((id) => id.replaceAll(".", "_")),
    );
    // The vintages of the big indicator's one period chain, each valid until the next.
    const chain = all.slice(0, 6001);
    expect(chain.slice(0, -1).map((r) => r.VALID_TO)).toEqual(
      chain.slice(1).map((r) => r.VALID_FROM),
    );
    expect(chain[6000]?.VALID_TO).toBe("");
    const latest = await rows(`/api/export/sdmx/figures?area=${scope}`);
    expect(latest.map((r) => r.OBS_VALUE)).toEqual([
      "5999",
      ...ids.slice(1).map((_, i) => String(i + 2)),
    ]);
  });
});

describe("GET /api/export/sdmx/targets", () => {
  it("gives each plan's current target, or every revision, with its own thresholds", async () => {
    const { exports } = await area();
    const plan = await createPlan(exports, { thresholds: { ahead: 1.2, on_track: 0.9 } });
    const revise = await send("PUT", `/api/plans/${plan.id}`, {
      indicator_id: exports,
      period_start: "2024-01-01",
      period_end: "2024-12-31",
      target: 3,
      scale: "billion",
      thresholds: { ahead: 1.2, on_track: 0.9 },
    });
    expect(revise.status).toBe(200);
    const latest = await rows(`/api/export/sdmx/targets?indicator=${exports}`);
    expect(
      latest.map((r) => [
        r.PLAN_ID,
        r.REVISION,
        r.OBS_VALUE,
        r.THRESHOLD_AHEAD,
        r.THRESHOLD_AT_RISK,
      ]),
    ).toEqual([[plan.id, "2", "3000000000", "1.2", ""]]);
    const all = await rows(`/api/export/sdmx/targets?indicator=${exports}&includeHistory=true`);
    expect(all.map((r) => [r.REVISION, r.OBS_VALUE])).toEqual([
      ["1", "2750000000"],
      ["2", "3000000000"],
    ]);
    // A revision counts from the day it was recorded.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(await rows(`/api/export/sdmx/targets?indicator=${exports}&as_of=${yesterday}`)).toEqual(
      [],
    );
    expect(
      (await rows(`/api/export/sdmx/targets?indicator=${exports}&as_of=${todayUtc()}`)).length,
    ).toBe(1);
  });

  it("is a public read, like every GET", async () => {
    const { exports } = await area();
    await createPlan(exports);
    const res = await call(`/api/export/sdmx/targets?indicator=${exports}`, { headers: ADMIN });
    const anonymous = await call(`/api/export/sdmx/targets?indicator=${exports}`);
    expect(anonymous.status).toBe(200);
    expect(new Uint8Array(await anonymous.arrayBuffer())).toEqual(
      new Uint8Array(await res.arrayBuffer()),
    );
  });
});
