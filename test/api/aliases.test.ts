// Indicators carry aliases, the other names bulletins use for them: through the JSON API, a CSV
// file and a backup. And every change says in the audit log how it was made.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  ADMIN,
  actualBody,
  auditOf,
  call,
  indicatorBody,
  postActuals,
  send,
  uid,
} from "../factories";

function importCsv(csv: string, query = "") {
  return call(`/api/import${query}`, {
    method: "POST",
    headers: { "content-type": "text/csv", ...ADMIN },
    body: csv,
  });
}

describe("indicator aliases", () => {
  it("are stored, shown and replaced through PUT /api/indicators/:id", async () => {
    const id = uid("ind");
    const aliases = ["kim ngạch nhập khẩu", "import turnover"];
    const created = await send("PUT", `/api/indicators/${id}`, indicatorBody({ aliases }));
    expect(created.status).toBe(201);
    expect(((await created.json()) as { aliases: string[] }).aliases).toEqual(aliases);
    const read = (await (await call(`/api/indicators/${id}`)).json()) as { aliases: string[] };
    expect(read.aliases).toEqual(aliases);
    const replaced = await send(
      "PUT",
      `/api/indicators/${id}`,
      indicatorBody({ aliases: ["nhập khẩu"] }),
    );
    expect(((await replaced.json()) as { aliases: string[] }).aliases).toEqual(["nhập khẩu"]);
  });

  it("default to none", async () => {
    const id = uid("ind");
    const res = await send("PUT", `/api/indicators/${id}`, indicatorBody());
    expect(((await res.json()) as { aliases: string[] }).aliases).toEqual([]);
  });

  it.each([
    ["the same alias twice, whatever its case", ["Exports", "exports"]],
    ["an empty alias", ["  "]],
    ["a control character", ["ex\u0007ports"]],
    ["more than 30", Array.from({ length: 31 }, (_, i) => `alias ${i}`)],
    ["one of 121 characters", ["x".repeat(121)]],
  ])("refuse %s, writing nothing", async (_, aliases) => {
    const id = uid("ind");
    const res = await send("PUT", `/api/indicators/${id}`, indicatorBody({ aliases }));
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { code: string; errors: { path: string }[] };
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors[0]?.path).toMatch(/^\/aliases/);
    expect((await call(`/api/indicators/${id}`)).status).toBe(404);
  });

  it("come from a CSV column, separated by semicolons so a name may hold commas", async () => {
    const id = uid("ind");
    const csv = [
      "id,name,aliases,scope,scope_level,unit,measure,cadence",
      `${id},Electronics exports,"thiết bị, linh kiện điện tử; electronic components",nghe-an,locality,USD,flow,monthly`,
    ].join("\n");
    const res = await importCsv(csv);
    expect(res.status).toBe(200);
    const read = (await (await call(`/api/indicators/${id}`)).json()) as { aliases: string[] };
    expect(read.aliases).toEqual(["thiết bị, linh kiện điện tử", "electronic components"]);
  });

  it("travel in a backup, and a backup made before aliases restores with none", async () => {
    const id = uid("ind");
    await send("PUT", `/api/indicators/${id}`, indicatorBody({ aliases: ["xuất khẩu"] }));
    const doc = (await (await call("/api/export")).json()) as {
      indicators: { id: string; aliases?: string[] }[];
    };
    expect(doc.indicators.find((i) => i.id === id)?.aliases).toEqual(["xuất khẩu"]);
    for (const indicator of doc.indicators) delete indicator.aliases;
    // A restore goes only into an empty database.
    await env.DB.batch(
      ["actuals", "plan_revisions", "plans", "indicators", "areas", "meta"].map((t) =>
        env.DB.prepare(`delete from ${t}`),
      ),
    );
    const res = await call("/api/import", {
      method: "POST",
      headers: { "content-type": "application/json", ...ADMIN },
      body: JSON.stringify(doc),
    });
    expect(res.status).toBe(200);
    const read = (await (await call(`/api/indicators/${id}`)).json()) as { aliases: string[] };
    expect(read.aliases).toEqual([]);
  });
});

describe("the audit log says how each change was made", () => {
  it("`api` for the JSON API and `csv` for a file, and filters on it", async () => {
    const id = uid("ind");
    await send("PUT", `/api/indicators/${id}`, indicatorBody());
    const csv = [
      "indicator_id,period_start,period_end,value,scale,status,reported_at",
      `${id},2024-01-01,2024-03-31,500,million,estimate,2024-04-05`,
    ].join("\n");
    expect((await importCsv(csv)).status).toBe(200);
    await postActuals(actualBody(id));
    const [indicatorEntry] = await auditOf("indicator", id);
    expect(indicatorEntry?.via).toBe("api");
    const res = await call(`/api/audit?entity=actual&via=csv&limit=500`, { headers: ADMIN });
    const { entries } = (await res.json()) as {
      entries: { via: string; new: { indicator_id: string; period_end: string } }[];
    };
    const mine = entries.filter((e) => e.new.indicator_id === id);
    expect(mine.map((e) => [e.via, e.new.period_end])).toEqual([["csv", "2024-03-31"]]);
  });

  it("refuses an unknown channel in the filter", async () => {
    const res = await call("/api/audit?via=fax", { headers: ADMIN });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("invalid_query");
  });
});
