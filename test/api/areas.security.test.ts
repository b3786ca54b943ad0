// Areas as rows of their own, and what a token limited to one of them may do. Before, a Nghe An
// office could create `ha-noi.*` ids (then refused to the Ha Noi office on its own ids), name
// its scope "Ha Noi" so the overview showed two groups titled Ha Noi, tag its indicator so an
// admin's tag-filtered destination received its alerts, and two offices creating one id at the
// same moment both got 201, the later silently replacing the earlier.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { buildApp } from "../../src/app";
import {
  ADMIN,
  actualBody,
  auditOf,
  call,
  createIndicator,
  createPlan,
  createToken,
  dump,
  ensureArea,
  indicatorBody,
  send,
  uid,
} from "../factories";

interface Problem {
  code: string;
  errors?: { path: string; message: string }[];
}

async function expectRefused(res: Response, status: number, code: string, path?: string) {
  const problem = (await res.json()) as Problem;
  expect(res.status, JSON.stringify(problem)).toBe(status);
  expect(problem.code).toBe(code);
  if (path) expect(problem.errors?.map((e) => e.path)).toContain(path);
  return problem;
}

/** A token's first use records when it was used; done before a test takes its snapshot. */
async function used(...bearers: Record<string, string>[]) {
  for (const headers of bearers) await call("/api/areas", { headers });
}

function importCsv(lines: string[], headers: Record<string, string>) {
  return call("/api/import", {
    method: "POST",
    headers: { "content-type": "text/csv", ...headers },
    body: `${lines.join("\n")}\n`,
  });
}

describe("an area", () => {
  it("is created, renamed and deleted by an admin, each change audited", async () => {
    const id = uid("area");
    const created = await send("PUT", `/api/areas/${id}`, {
      name: "Nghe An",
      name_vi: "Nghệ An",
      level: "locality",
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ id, name: "Nghe An", parent_id: null });
    const renamed = await send("PUT", `/api/areas/${id}`, {
      name: "Nghe An province",
      name_vi: "Tỉnh Nghệ An",
      level: "locality",
    });
    expect(renamed.status).toBe(200);
    // The same again changes nothing and records nothing.
    await send("PUT", `/api/areas/${id}`, {
      name: "Nghe An province",
      name_vi: "Tỉnh Nghệ An",
      level: "locality",
    });
    expect((await auditOf("area", id)).map((e) => e.action)).toEqual(["update", "create"]);
    expect((await call(`/api/areas/${id}`, { method: "DELETE", headers: ADMIN })).status).toBe(204);
    expect((await call(`/api/areas/${id}`)).status).toBe(404);
  });

  it("names a parent of a higher level, and never itself", async () => {
    const country = uid("country");
    const region = uid("region");
    await ensureArea(country, { name: "Viet Nam", level: "country" });
    await ensureArea(region, { name: "North Central", level: "region", parent_id: country });
    const province = uid("prov");
    const ok = await send("PUT", `/api/areas/${province}`, {
      name: "Ha Tinh",
      level: "locality",
      parent_id: region,
    });
    expect(ok.status).toBe(201);
    const before = await dump(env.DB);
    for (const [body, path] of [
      [{ name: "X", level: "locality", parent_id: province }, "/parent_id"],
      [{ name: "X", level: "locality", parent_id: uid("nowhere") }, "/parent_id"],
      [{ name: "X", level: "region", parent_id: province }, "/parent_id"],
    ] as const) {
      await expectRefused(
        await send("PUT", `/api/areas/${uid("area")}`, body),
        422,
        "validation_failed",
        path,
      );
    }
    await expectRefused(
      await send("PUT", `/api/areas/${province}`, {
        name: "X",
        level: "locality",
        parent_id: province,
      }),
      422,
      "validation_failed",
      "/parent_id",
    );
    // A region with provinces inside it cannot become a locality.
    await expectRefused(
      await send("PUT", `/api/areas/${region}`, {
        name: "X",
        level: "locality",
        parent_id: country,
      }),
      422,
      "validation_failed",
      "/level",
    );
    expect(await dump(env.DB)).toBe(before);
  });

  it("cannot be deleted while an indicator, a token or another area names it", async () => {
    const id = uid("prov");
    await createIndicator({ scope: id });
    const before = await dump(env.DB);
    await expectRefused(
      await call(`/api/areas/${id}`, { method: "DELETE", headers: ADMIN }),
      409,
      "area_in_use",
    );
    const tokenArea = uid("prov");
    await createToken({ scopes: ["write"], indicator_scope: tokenArea });
    await expectRefused(
      await call(`/api/areas/${tokenArea}`, { method: "DELETE", headers: ADMIN }),
      409,
      "area_in_use",
    );
    expect((await call(`/api/areas/${id}`)).status).toBe(200);
    expect(before).toBeTruthy();
  });

  it("is renamed only by an admin, never by a write token", async () => {
    const id = uid("prov");
    await ensureArea(id);
    const writer = await createToken({ scopes: ["write"] });
    const office = await createToken({ scopes: ["write"], indicator_scope: id });
    await used(writer.bearer, office.bearer);
    const before = await dump(env.DB);
    for (const bearer of [writer.bearer, office.bearer]) {
      await expectRefused(
        await send("PUT", `/api/areas/${id}`, { name: "Ha Noi", level: "locality" }, bearer),
        403,
        "forbidden",
      );
    }
    await expectRefused(
      await call(`/api/areas/${id}`, {
        method: "PUT",
        body: "{}",
        headers: { "content-type": "application/json" },
      }),
      401,
      "unauthorized",
    );
    expect(await dump(env.DB)).toBe(before);
  });

  it("must exist before a token is limited to it", async () => {
    const before = await dump(env.DB);
    await expectRefused(
      await send("POST", "/api/tokens", {
        name: "x",
        scopes: ["write"],
        indicator_scope: uid("nowhere"),
      }),
      422,
      "unknown_scope",
      "/indicator_scope",
    );
    expect(await dump(env.DB)).toBe(before);
  });
});

describe("an indicator cannot relabel its area", () => {
  it("a limited token naming its scope 'Ha Noi' is refused, and the overview keeps the area's name", async () => {
    const mine = uid("prov");
    const office = await createToken({ scopes: ["write"], indicator_scope: mine });
    const id = `${mine}.exports`;
    expect(
      (
        await send(
          "PUT",
          `/api/indicators/${id}`,
          indicatorBody({ scope: mine, tags: [] }),
          office.bearer,
        )
      ).status,
    ).toBe(201);
    const before = await dump(env.DB);
    for (const body of [
      indicatorBody({ scope: mine, tags: [], scope_name: "Ha Noi" }),
      indicatorBody({ scope: mine, tags: [], scope_name_vi: "Hà Nội" }),
      indicatorBody({ scope: mine, tags: [], scope_level: "country" }),
    ]) {
      await expectRefused(
        await send("PUT", `/api/indicators/${id}`, body, office.bearer),
        422,
        "validation_failed",
      );
      await expectRefused(
        await send("PUT", `/api/indicators/${id}`, body, ADMIN),
        422,
        "validation_failed",
      );
    }
    expect(await dump(env.DB)).toBe(before);
    const shown = (await (await call(`/api/indicators/${id}`)).json()) as { scope_name: string };
    expect(shown.scope_name).toBe("Nghe An");
  });

  it("every indicator of an area shows the area's current names", async () => {
    const area = uid("prov");
    const a = await createIndicator({ scope: area });
    const b = await createIndicator({ scope: area });
    await createPlan(a);
    await send("PUT", `/api/areas/${area}`, { name: "Nghe An province", level: "locality" });
    for (const id of [a, b]) {
      const shown = (await (await call(`/api/indicators/${id}`)).json()) as {
        scope_name: string;
        scope_name_vi: string | null;
      };
      expect(shown).toMatchObject({ scope_name: "Nghe An province", scope_name_vi: null });
    }
    const page = await (await call(`/?scope=${area}`)).text();
    expect(page).toContain("Nghe An province");
  });

  it("an unknown area is refused to a limited token, and defined by an admin only with its level", async () => {
    const before = await dump(env.DB);
    await expectRefused(
      await send(
        "PUT",
        `/api/indicators/${uid("ind")}`,
        indicatorBody({ scope: uid("nowhere"), scope_level: undefined }),
      ),
      422,
      "unknown_scope",
      "/scope",
    );
    expect(await dump(env.DB)).toBe(before);
    const area = uid("prov");
    await createIndicator({ scope: area, scope_name: "Da Nang", scope_name_vi: "Đà Nẵng" });
    expect(await (await call(`/api/areas/${area}`)).json()).toMatchObject({
      name: "Da Nang",
      name_vi: "Đà Nẵng",
      level: "locality",
    });
    expect((await auditOf("area", area)).map((e) => e.action)).toEqual(["create"]);
  });
});

describe("ids a limited token creates", () => {
  it("live in its own area's namespace, so another office keeps its own ids", async () => {
    const nghean = uid("nghe-an");
    const hanoi = uid("ha-noi");
    const office = await createToken({ scopes: ["write"], indicator_scope: nghean });
    const hanoiOffice = await createToken({ scopes: ["write"], indicator_scope: hanoi });
    await used(office.bearer);
    const before = await dump(env.DB);
    // An indicator of its own area under the other province's name.
    await expectRefused(
      await send(
        "PUT",
        `/api/indicators/${hanoi}.goods-imports`,
        indicatorBody({ scope: nghean, tags: [] }),
        office.bearer,
      ),
      403,
      "forbidden",
      "/id",
    );
    await expectRefused(
      await importCsv(
        [
          "id,name,scope,unit,measure,cadence",
          `${hanoi}.goods-imports,Imports,${nghean},USD,flow,monthly`,
        ],
        office.bearer,
      ),
      403,
      "forbidden",
      "/rows/2/id",
    );
    expect(await dump(env.DB)).toBe(before);

    const own = `${nghean}.goods-exports`;
    expect(
      (
        await send(
          "PUT",
          `/api/indicators/${own}`,
          indicatorBody({ scope: nghean, tags: [] }),
          office.bearer,
        )
      ).status,
    ).toBe(201);
    const plansBefore = await dump(env.DB);
    // A plan of its own indicator under the other province's id.
    await expectRefused(
      await send(
        "POST",
        "/api/plans",
        {
          id: `${hanoi}.goods-exports.2027`,
          indicator_id: own,
          period_start: "2027-01-01",
          period_end: "2027-12-31",
          target: 1,
        },
        office.bearer,
      ),
      403,
      "forbidden",
      "/id",
    );
    await expectRefused(
      await send(
        "PUT",
        `/api/plans/${hanoi}.goods-exports.2027`,
        { indicator_id: own, period_start: "2027-01-01", period_end: "2027-12-31", target: 1 },
        office.bearer,
      ),
      403,
      "forbidden",
      "/id",
    );
    await expectRefused(
      await importCsv(
        [
          "id,indicator_id,period_start,period_end,target",
          `${hanoi}.x.2027,${own},2027-01-01,2027-12-31,1`,
        ],
        office.bearer,
      ),
      403,
      "forbidden",
      "/rows/2/id",
    );
    expect(await dump(env.DB)).toBe(plansBefore);

    // Its own default plan id is in its namespace; the Ha Noi office creates its own ids.
    expect(
      (
        await send(
          "POST",
          "/api/plans",
          { indicator_id: own, period_start: "2027-01-01", period_end: "2027-12-31", target: 1 },
          office.bearer,
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await send(
          "PUT",
          `/api/indicators/${hanoi}.goods-imports`,
          indicatorBody({ scope: hanoi, tags: [] }),
          hanoiOffice.bearer,
        )
      ).status,
    ).toBe(201);
  });
});

describe("tags a limited token sets", () => {
  it("cannot route its alerts to a destination filtering on an admin's tag", async () => {
    const area = uid("prov");
    const office = await createToken({ scopes: ["write"], indicator_scope: area });
    const id = `${area}.exports`;
    await used(office.bearer);
    const before = await dump(env.DB);
    await expectRefused(
      await send(
        "PUT",
        `/api/indicators/${id}`,
        indicatorBody({ scope: area, tags: ["trade"] }),
        office.bearer,
      ),
      403,
      "forbidden",
      "/tags",
    );
    await expectRefused(
      await importCsv(
        ["id,name,scope,unit,measure,cadence,tags", `${id},Exports,${area},USD,flow,monthly,trade`],
        office.bearer,
      ),
      403,
      "forbidden",
      "/rows/2/tags",
    );
    expect(await dump(env.DB)).toBe(before);
    // Tags in its own namespace are its to set.
    expect(
      (
        await send(
          "PUT",
          `/api/indicators/${id}`,
          indicatorBody({ scope: area, tags: [`${area}.trade`] }),
          office.bearer,
        )
      ).status,
    ).toBe(201);
  });

  it("cannot remove the tags an admin routes on, only keep them", async () => {
    const area = uid("prov");
    const office = await createToken({ scopes: ["write"], indicator_scope: area });
    const id = `${area}.exports`;
    await send("PUT", `/api/indicators/${id}`, indicatorBody({ scope: area, tags: ["trade"] }));
    await used(office.bearer);
    const before = await dump(env.DB);
    await expectRefused(
      await send(
        "PUT",
        `/api/indicators/${id}`,
        indicatorBody({ scope: area, tags: [] }),
        office.bearer,
      ),
      403,
      "forbidden",
      "/tags",
    );
    expect(await dump(env.DB)).toBe(before);
    const kept = await send(
      "PUT",
      `/api/indicators/${id}`,
      indicatorBody({ scope: area, tags: ["trade", `${area}.exports`], name: "Exports" }),
      office.bearer,
    );
    expect(kept.status).toBe(200);
  });
});

/**
 * A D1 binding whose write batches wait until `parties` of them have arrived: both requests
 * have read the database before either writes, the interleaving that let two creations win.
 */
function meetingD1(target: D1Database, parties: number): D1Database {
  let arrived = 0;
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  // A request's D1 session (withSession) waits the same way.
  const handler: ProxyHandler<D1Database> = {
    get(t, prop) {
      if (prop === "withSession") {
        return (bookmark?: string) =>
          new Proxy(t.withSession(bookmark) as unknown as D1Database, handler);
      }
      if (prop === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          arrived += 1;
          if (arrived >= parties) open();
          await gate;
          return t.batch(statements);
        };
      }
      const value: unknown = Reflect.get(t, prop, t);
      return typeof value === "function" ? value.bind(t) : value;
    },
  };
  return new Proxy(target, handler);
}

describe("two creations of one new indicator at the same moment", () => {
  const app = buildApp();

  async function putAt(db: D1Database, id: string, body: unknown, headers: Record<string, string>) {
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request(`https://monitor.test/api/indicators/${id}`, {
        method: "PUT",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      }),
      { ...env, DB: db },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return res;
  }

  it("one wins with 201, the other gets 409, and one audit entry records it", async () => {
    const area = uid("prov");
    const office = await createToken({ scopes: ["write"], indicator_scope: area });
    const unlimited = await createToken({ scopes: ["write"] });
    const id = `${area}.exports`;
    const db = meetingD1(env.DB, 2);
    const [a, b] = await Promise.all([
      putAt(
        db,
        id,
        indicatorBody({ scope: area, tags: [], name: "From the office" }),
        office.bearer,
      ),
      putAt(
        db,
        id,
        indicatorBody({ scope: area, tags: [], name: "From head office" }),
        unlimited.bearer,
      ),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    expect(((await loser.json()) as Problem).code).toBe("conflict");
    const entries = await auditOf("indicator", id);
    expect(entries.map((e) => [e.action, e.old])).toEqual([["create", null]]);
    const stored = (await (await call(`/api/indicators/${id}`)).json()) as { name: string };
    expect(stored.name).toBe(entries[0]?.new?.name);
    // A figure for it is the winner's to record.
    expect((await send("POST", "/api/actuals", actualBody(id))).status).toBe(201);
  });

  it("two edits racing each other: one applies, the other gets 409", async () => {
    const id = await createIndicator();
    const db = meetingD1(env.DB, 2);
    const [a, b] = await Promise.all([
      putAt(db, id, indicatorBody({ name: "First" }), ADMIN),
      putAt(db, id, indicatorBody({ name: "Second" }), ADMIN),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await auditOf("indicator", id)).map((e) => e.action)).toEqual(["update", "create"]);
  });
});
