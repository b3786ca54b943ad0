// A restore holds every row of a backup to the API's own rules. Before, its schema was built
// from the answers' shapes, so ids that are not slugs, impossible dates, negative targets and
// control characters were restored, after which /api/status, the pages, /metrics and the
// badges answered 500 to everyone. Each such backup must now be refused with a 422 naming the
// row and field, and write nothing.
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
} from "../factories";

// biome-ignore lint/suspicious/noExplicitAny: a backup is edited freely to break it.
type Doc = any;

async function wipe() {
  await env.DB.batch(
    ["actuals", "plan_revisions", "plans", "indicators", "api_tokens", "areas", "meta"].map((t) =>
      env.DB.prepare(`delete from ${t}`),
    ),
  );
}

function restore(doc: unknown) {
  return call("/api/import", {
    method: "POST",
    headers: { "content-type": "application/json", ...ADMIN },
    body: JSON.stringify(doc),
  });
}

/** A small valid backup: one area, a flow and a rate indicator, their plans and figures. */
async function validBackup(): Promise<Doc> {
  await wipe();
  const exports = await createIndicator();
  const growth = await createIndicator({ measure: "rate", unit: "%" });
  await createPlan(exports, { note: "Resolution 01" });
  await createPlan(growth, { target: 10.5, scale: undefined });
  await postActuals([actualBody(exports, { note: "Estimate." })]);
  const doc = (await (await call("/api/export")).json()) as Doc;
  await wipe();
  return doc;
}

const edits: { name: string; edit: (d: Doc) => void; path: string }[] = [
  {
    name: "an area id that is not a slug",
    edit: (d) => {
      d.areas[0].id = "Nghe An";
      for (const ind of d.indicators) ind.scope = "Nghe An";
    },
    path: "/areas/0/id",
  },
  {
    name: "an area name with U+FFFE",
    edit: (d) => (d.areas[0].name = "Nghe\ufffeAn"),
    path: "/areas/0/name",
  },
  {
    name: "an area name the API would trim",
    edit: (d) => (d.areas[0].name = " Nghe An"),
    path: "/areas/0/name",
  },
  {
    name: "an indicator id that is not a slug",
    edit: (d) => {
      const old = d.indicators[0].id;
      d.indicators[0].id = "../etc";
      for (const entry of d.plans) {
        for (const plan of [entry.plan, ...entry.revisions.map((r: Doc) => r.plan)]) {
          if (plan.indicator_id === old) plan.indicator_id = "../etc";
        }
      }
      for (const a of d.actuals) if (a.indicator_id === old) a.indicator_id = "../etc";
    },
    path: "/indicators/0/id",
  },
  {
    name: "an indicator name with a control character",
    edit: (d) => (d.indicators[0].name = "a\u0007b"),
    path: "/indicators/0/name",
  },
  {
    name: "an indicator name on two lines",
    edit: (d) => (d.indicators[0].name = "a\nb"),
    path: "/indicators/0/name",
  },
  {
    name: "a tag that is not a slug",
    edit: (d) => (d.indicators[0].tags = ["Trade!"]),
    path: "/indicators/0/tags/0",
  },
  {
    name: "an indicator relabelling its area",
    edit: (d) => (d.indicators[0].scope_name = "Ha Noi"),
    path: "/indicators/0/scope_name",
  },
  {
    name: "an impossible timestamp",
    edit: (d) => (d.indicators[0].created_at = "2024-02-30T00:00:00.000Z"),
    path: "/indicators/0/created_at",
  },
  {
    name: "a timestamp in another spelling",
    edit: (d) => (d.indicators[0].updated_at = "yesterday"),
    path: "/indicators/0/updated_at",
  },
  {
    name: "a plan id that is not a slug",
    edit: (d) => (d.plans[0].plan.id = d.plans[0].revisions[0].plan.id = "Plan 2024"),
    path: "/plans/0/plan/id",
  },
  {
    name: "an impossible period start",
    edit: (d) =>
      (d.plans[0].plan.period_start = d.plans[0].revisions[0].plan.period_start = "2024-02-30"),
    path: "/plans/0/plan/period_start",
  },
  {
    name: "a period that ends before it starts",
    edit: (d) =>
      (d.plans[0].plan.period_end = d.plans[0].revisions[0].plan.period_end = "2023-12-31"),
    path: "/plans/0/plan/period_end",
  },
  {
    name: "a negative flow target",
    edit: (d) => (d.plans.find((p: Doc) => p.plan.target > 100).plan.target = -5),
    path: "/plans/0/plan/target",
  },
  {
    name: "weights that add up to Infinity",
    edit: (d) => (d.plans[0].plan.phasing = { monthly_weights: Array(12).fill(1e308) }),
    path: "/plans/0/plan/phasing/monthly_weights",
  },
  {
    name: "thresholds out of order",
    edit: (d) => (d.plans[0].plan.thresholds = { ahead: 0.5, on_track: 0.9 }),
    path: "/plans/0/plan/thresholds",
  },
  {
    name: "a revision with a control character in its note",
    edit: (d) => (d.plans[0].revisions[0].plan.note = "a\u0000b"),
    path: "/plans/0/revisions/0/plan/note",
  },
  {
    name: "a figure with an impossible date",
    edit: (d) => (d.actuals[0].period_end = "2024-13-01"),
    path: "/actuals/0/period_end",
  },
  {
    name: "a figure reported before its period",
    edit: (d) => (d.actuals[0].reported_at = "2023-01-01"),
    path: "/actuals/0/reported_at",
  },
  {
    name: "a figure note with U+FFFF",
    edit: (d) => (d.actuals[0].note = "x\uffff"),
    path: "/actuals/0/note",
  },
  {
    name: "a printed ratio the API refuses",
    edit: (d) => (d.actuals[0].reported_attainment = 1e6),
    path: "/actuals/0/reported_attainment",
  },
];

describe("a backup that breaks the API's rules", () => {
  it.each(edits)("$name → 422 at $path, nothing written", async ({ edit, path }) => {
    const doc = await validBackup();
    edit(doc);
    const before = await dump(env.DB);
    const res = await restore(doc);
    const problem = (await res.json()) as { code: string; errors: { path: string }[] };
    expect(res.status, JSON.stringify(problem)).toBe(422);
    expect(problem.code).toBe("validation_failed");
    expect(
      problem.errors.map((e) => e.path),
      JSON.stringify(problem.errors),
    ).toContain(path);
    expect(await dump(env.DB)).toBe(before);
  });

  it("a valid one still restores, and the status answers", async () => {
    const doc = await validBackup();
    expect((await restore(doc)).status).toBe(200);
    expect((await call("/api/status")).status).toBe(200);
  });

  it("lists the first 100 problems and counts them all", async () => {
    const doc = await validBackup();
    const template = doc.actuals[0];
    doc.actuals = Array.from({ length: 150 }, (_, i) => ({
      ...template,
      id: i + 1,
      value: i,
      period_end: "2024-02-30",
    }));
    const res = await restore(doc);
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { detail: string; errors: unknown[] };
    expect(problem.errors).toHaveLength(100);
    expect(problem.detail).toMatch(/^150 rows/);
  });
});
