import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  actualBody,
  call,
  createIndicator,
  createPlan,
  dump,
  indicatorBody,
  postActuals,
  send,
  uid,
} from "../factories";

interface Indicator {
  id: string;
  name: string;
  scope_name: string;
  tags: string[];
  created_at: string;
  updated_at: string;
}

describe("PUT /api/indicators/:id", () => {
  it("creates with 201, then replaces with 200 keeping created_at", async () => {
    const id = uid("ind");
    const first = await send("PUT", `/api/indicators/${id}`, indicatorBody());
    expect(first.status).toBe(201);
    const created = (await first.json()) as Indicator;
    expect(created).toMatchObject({ id, name: "Goods exports", scope_name: "Nghe An" });

    const second = await send("PUT", `/api/indicators/${id}`, indicatorBody({ name: "Exports" }));
    expect(second.status).toBe(200);
    const replaced = (await second.json()) as Indicator;
    expect(replaced.name).toBe("Exports");
    expect(replaced.created_at).toBe(created.created_at);
  });

  it("treats re-sending the same definition as a no-op", async () => {
    const id = await createIndicator();
    const before = await dump(env.DB);
    const res = await send("PUT", `/api/indicators/${id}`, indicatorBody());
    expect(res.status).toBe(200);
    expect(await dump(env.DB)).toBe(before);
  });

  it("defaults the scope's display name to the scope slug", async () => {
    const id = uid("ind");
    const { scope_name, ...body } = indicatorBody({ scope: "vietnam", scope_level: "country" });
    const res = await send("PUT", `/api/indicators/${id}`, body);
    expect(((await res.json()) as Indicator).scope_name).toBe("vietnam");
  });

  it("refuses to change the measure of an indicator that has figures", async () => {
    const id = await createIndicator();
    await postActuals(actualBody(id));
    const before = await dump(env.DB);
    const res = await send("PUT", `/api/indicators/${id}`, indicatorBody({ measure: "level" }));
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe("conflict");
    expect(await dump(env.DB)).toBe(before);
  });
});

describe("GET /api/indicators", () => {
  it("lists and reads indicators", async () => {
    const id = await createIndicator({ tags: ["trade", "exports"] });
    const list = (await (await call("/api/indicators")).json()) as { indicators: Indicator[] };
    expect(list.indicators.map((i) => i.id)).toContain(id);
    const one = (await (await call(`/api/indicators/${id}`)).json()) as Indicator;
    expect(one.tags).toEqual(["trade", "exports"]);
    expect((await call(`/api/indicators/${uid("missing")}`)).status).toBe(404);
  });
});

describe("DELETE /api/indicators/:id", () => {
  it("deletes an unused indicator", async () => {
    const id = await createIndicator();
    const res = await call(`/api/indicators/${id}`, {
      method: "DELETE",
      headers: { authorization: "Bearer test-admin-token" },
    });
    expect(res.status).toBe(204);
    expect((await call(`/api/indicators/${id}`)).status).toBe(404);
  });

  it("refuses while a plan uses it, and deletes nothing", async () => {
    const id = await createIndicator();
    await createPlan(id);
    const before = await dump(env.DB);
    const res = await call(`/api/indicators/${id}`, {
      method: "DELETE",
      headers: { authorization: "Bearer test-admin-token" },
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe("indicator_in_use");
    expect(await dump(env.DB)).toBe(before);
  });

  it("answers 404 for an unknown id", async () => {
    const res = await call(`/api/indicators/${uid("missing")}`, {
      method: "DELETE",
      headers: { authorization: "Bearer test-admin-token" },
    });
    expect(res.status).toBe(404);
  });
});
