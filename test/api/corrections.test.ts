// A figure's identity is everything it says. Before, re-sending a figure that differed only in
// its source, note or printed ratios answered 200 {"duplicates":1} ("already stored exactly as
// sent") and kept the old text and the warning computed from it. Now such a figure is a
// correction: a vintage of its own that supersedes the one it repeats, counted from then on,
// audited as a correction, and the answer says which vintage it corrects and what changed.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  actualBody,
  auditOf,
  call,
  createIndicator,
  createPlan,
  dump,
  postActuals,
  uid,
} from "../factories";

interface Outcome {
  outcome: string;
  id: number | null;
  corrects?: number | null;
  changed?: string[];
}
interface Written {
  inserted: { id: number; note: string | null; source: string | null }[];
  duplicates: number;
  outcomes: Outcome[];
}

async function post(body: unknown): Promise<{ status: number; body: Written }> {
  const res = await postActuals(body);
  return { status: res.status, body: (await res.json()) as Written };
}

async function vintages(indicator: string) {
  const res = await call(`/api/indicators/${indicator}/actuals?revisions=all`);
  return ((await res.json()) as { actuals: Record<string, unknown>[] }).actuals;
}

describe("a figure sent again with something else to say", () => {
  it.each([
    ["its note", { note: "Revised wording." }, ["note"]],
    ["its source", { source: "Statistical yearbook 2024" }, ["source"]],
    ["its printed attainment", { reported_attainment: 0.8458 }, ["reported_attainment"]],
    ["its printed growth", { reported_yoy: 0.3201 }, ["reported_yoy"]],
    ["its note and its source", { note: "n", source: "s" }, ["source", "note"]],
  ])("a changed %s is a correction, stored and counted", async (_name, change, changed) => {
    const ind = await createIndicator();
    const first = await post(actualBody(ind, { note: "Estimate.", source: "Bulletin 9" }));
    const originalId = first.body.inserted[0]?.id;
    const corrected = await post(
      actualBody(ind, { note: "Estimate.", source: "Bulletin 9", ...change }),
    );
    expect(corrected.status).toBe(201);
    expect(corrected.body.duplicates).toBe(0);
    expect(corrected.body.outcomes).toEqual([
      { outcome: "corrected", id: corrected.body.inserted[0]?.id, corrects: originalId, changed },
    ]);
    // Both vintages are on file; the correction, recorded later, is the one that counts.
    expect(await vintages(ind)).toHaveLength(2);
    const [audit] = await auditOf("actual", String(corrected.body.inserted[0]?.id));
    expect(audit?.action).toBe("correct");
    expect(audit?.old?.id).toBe(originalId);
    expect(audit?.new?.id).toBe(corrected.body.inserted[0]?.id);
  });

  it("a corrected printed ratio changes the warning the plan shows", async () => {
    const ind = await createIndicator();
    const plan = await createPlan(ind);
    // 2,326 of 2,750 million is 84.58%: a printed 80% is flagged, a printed 84.58% is not.
    await post(actualBody(ind, { reported_attainment: 0.8 }));
    const evaluation = async () =>
      (await (await call(`/api/plans/${plan.id}/evaluation?as_of=2024-10-15`)).json()) as {
        warnings: { code: string }[];
        actual: { reported_attainment: number };
      };
    expect((await evaluation()).warnings).toHaveLength(1);
    const corrected = await post(actualBody(ind, { reported_attainment: 0.8458 }));
    expect(corrected.body.outcomes[0]?.outcome).toBe("corrected");
    const after = await evaluation();
    expect(after.warnings).toEqual([]);
    expect(after.actual.reported_attainment).toBe(0.8458);
  });

  it("sent twice is still stored once, and the old wording sent again does not undo it", async () => {
    const ind = await createIndicator();
    const original = await post(actualBody(ind, { note: "First." }));
    const correction = await post(actualBody(ind, { note: "Second." }));
    const before = await dump(env.DB);
    const again = await post(actualBody(ind, { note: "Second." }));
    expect(again.status).toBe(200);
    expect(again.body.outcomes).toEqual([
      { outcome: "unchanged", id: correction.body.inserted[0]?.id },
    ]);
    const old = await post(actualBody(ind, { note: "First." }));
    expect(old.body.outcomes).toEqual([
      { outcome: "unchanged", id: original.body.inserted[0]?.id },
    ]);
    expect(await dump(env.DB)).toBe(before);
    const latest = await call(`/api/indicators/${ind}/actuals`);
    const { actuals } = (await latest.json()) as { actuals: { note: string }[] };
    expect(actuals.map((a) => a.note)).toEqual(["Second."]);
  });

  it("within one request: the first is created, the second corrects it", async () => {
    const ind = await createIndicator();
    const res = await post([
      actualBody(ind, { note: "Draft." }),
      actualBody(ind, { note: "Final wording." }),
      actualBody(ind, { note: "Final wording." }),
    ]);
    expect(res.body.outcomes.map((o) => [o.outcome, o.corrects ?? null])).toEqual([
      ["created", null],
      ["corrected", null],
      ["duplicate", null],
    ]);
    expect(res.body.outcomes[2]?.id).toBe(res.body.outcomes[1]?.id);
  });

  it("a new number or report date is a revision, not a correction", async () => {
    const ind = await createIndicator();
    await post(actualBody(ind));
    const revised = await post(actualBody(ind, { value: 2400, reported_at: "2024-10-20" }));
    expect(revised.body.outcomes).toMatchObject([{ outcome: "revised" }]);
    const period = await post(actualBody(ind, { period_end: "2024-06-30" }));
    expect(period.body.outcomes).toMatchObject([{ outcome: "created" }]);
  });
});

describe("a CSV row that corrects a stored figure", () => {
  it("answers corrected, with the vintage it corrects", async () => {
    const ind = await createIndicator({}, uid("ind"));
    const stored = await post(actualBody(ind, { value: 2326, note: "Estimate." }));
    const res = await call("/api/import", {
      method: "POST",
      headers: { "content-type": "text/csv", authorization: "Bearer test-admin-token" },
      body: `indicator_id,period_start,period_end,value,scale,status,reported_at,note\n${ind},2024-01-01,2024-09-30,2326,million,estimate,2024-10-05,Estimate; revised wording.\n`,
    });
    expect(res.status).toBe(200);
    const result = (await res.json()) as {
      summary: Record<string, number>;
      rows: Outcome[];
    };
    expect(result.summary.corrected).toBe(1);
    expect(result.rows[0]).toMatchObject({
      outcome: "corrected",
      corrects: stored.body.inserted[0]?.id,
      changed: ["note"],
    });
  });
});
