// Growth on the same period last year, through the Worker: the JSON API, /api/status, the plan
// page, and the next webhook in every format. The figures are Nghe An's 9-month exports:
// "ước đạt 2.326 triệu USD, tăng 32,01% so với cùng kỳ năm 2023" (Nghe An Department of
// Industry and Trade), so Jan–Sep 2023 was 1,762 million USD.
import { describe, expect, it } from "vitest";
import { drainOutbox } from "../../src/monitor/drain";
import { actualBody, call, createIndicator, createPlan, postActuals, uid } from "../factories";
import { at, createWebhook, db, evaluateAt, settings } from "../monitor/helpers";
import { scriptedReceiver } from "../webhooks/receiver";

interface Evaluation {
  status: string;
  yoy_growth: number | null;
  prior_year_value: number | null;
  implied_prior_year_value: number | null;
  year_on_year: {
    prior_period: { start: string; end: string } | null;
    prior: { id: number; value: number; status: string; period_end: string } | null;
    reported: number | null;
    implied: boolean;
  } | null;
  warnings: { code: string; reported: number; computed: number; difference_pp: number }[];
  actual: { reported_yoy: number | null } | null;
}

const AS_OF = "2024-10-15";

async function evaluationOf(planId: string): Promise<Evaluation> {
  const res = await call(`/api/plans/${planId}/evaluation?as_of=${AS_OF}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Evaluation;
}

async function statusOf(scope: string): Promise<Evaluation | undefined> {
  const res = await call(`/api/status?scope=${scope}&as_of=${AS_OF}`);
  const body = (await res.json()) as { plans: { evaluation: Evaluation }[] };
  return body.plans[0]?.evaluation;
}

async function pageText(planId: string): Promise<string> {
  const html = await (await call(`/plans/${planId}?as_of=${AS_OF}`)).text();
  return html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

/** The bulletin's Jan–Sep 2024 figure, with the growth it printed. */
async function nineMonths(scope: string, target = 2750) {
  const indicator = await createIndicator({ scope });
  const plan = await createPlan(indicator, { target });
  const res = await postActuals(
    actualBody(indicator, { value: 2326, reported_yoy: 0.3201, reported_at: "2024-10-05" }),
  );
  expect(res.status).toBe(201);
  return { indicator, plan: plan.id };
}

function janSep2023(indicator: string, value: number) {
  return postActuals(
    actualBody(indicator, {
      period_start: "2023-01-01",
      period_end: "2023-09-30",
      value,
      status: "final",
      reported_at: "2023-10-20",
    }),
  );
}

describe("a new user posts Nghe An's Jan–Sep 2023 exports", () => {
  it("first sees the prior the printed growth implies, labelled implied", async () => {
    const { plan } = await nineMonths(uid("scope"));
    const e = await evaluationOf(plan);
    expect(e.yoy_growth).toBeNull();
    expect(e.prior_year_value).toBeNull();
    expect((e.implied_prior_year_value ?? 0) / 1e6).toBeCloseTo(1761.99, 2);
    expect(e.year_on_year).toEqual({
      prior_period: { start: "2023-01-01", end: "2023-09-30" },
      prior: null,
      reported: 0.3201,
      implied: true,
    });
    expect(await pageText(plan)).toContain(
      "Same period last year (implied) 1.762 bn USD derived from the printed +32.01%; no figure for Jan–Sep 2023 on file",
    );
  });

  it("then sees the computed 32.01% from 1,762 million beside the printed rate", async () => {
    const scope = uid("scope");
    const { indicator, plan } = await nineMonths(scope);
    expect((await janSep2023(indicator, 1762)).status).toBe(201);
    const e = await evaluationOf(plan);
    expect(e.yoy_growth?.toFixed(4)).toBe("0.3201");
    expect(e.actual?.reported_yoy).toBe(0.3201);
    expect(e.prior_year_value).toBe(1_762_000_000);
    expect(e.implied_prior_year_value).toBeNull();
    expect(e.year_on_year?.prior).toMatchObject({
      value: 1_762_000_000,
      status: "final",
      period_end: "2023-09-30",
    });
    expect(e.year_on_year?.implied).toBe(false);
    expect(e.warnings).toEqual([]);
    // The polled status answer carries the same figures.
    expect((await statusOf(scope))?.yoy_growth).toBe(e.yoy_growth);
    const text = await pageText(plan);
    expect(text).toContain(
      "On the same period last year +32.01% against 1.762 bn USD for Jan–Sep 2023 · source prints +32.01%",
    );
    const overview = await (await call(`/?scope=${scope}&as_of=${AS_OF}`)).text();
    expect(overview.replace(/<[^>]+>/g, " ")).toMatch(
      /2\.33 bn USD\s+Jan–Sep 2024\s+\+32\.01% on the same period last year/,
    );
  });
});

describe("a prior-year figure the printed growth disagrees with", () => {
  it("is flagged in the API, in /api/status and on the page", async () => {
    const scope = uid("scope");
    const { indicator, plan } = await nineMonths(scope);
    await janSep2023(indicator, 1700);
    const e = await evaluationOf(plan);
    expect(e.warnings).toEqual([
      {
        code: "reported_yoy_mismatch",
        reported: 0.3201,
        computed: 2326 / 1700 - 1,
        difference_pp: expect.closeTo(4.8135, 4),
      },
    ]);
    // A disagreement is a warning beside the judgment, not a judgment.
    expect(e.status).toBe("ahead");
    expect((await statusOf(scope))?.warnings.map((w) => w.code)).toEqual(["reported_yoy_mismatch"]);
    expect(await pageText(plan)).toContain(
      "The source reports growth of +32.01% on the same period last year, but the figures give +36.82%: 4.81 percentage points apart.",
    );
    const vi = await (await call(`/plans/${plan}?as_of=${AS_OF}&lang=vi`)).text();
    expect(vi).toContain("Nguồn ghi tăng +32,01% so với cùng kỳ năm trước");
  });

  it("goes out in the next webhook, in every format", async () => {
    const scope = uid("scope");
    // A target of 4,000 million puts Jan–Sep's 2,326 million off track: an alert for every
    // format, Alertmanager included.
    const { indicator, plan } = await nineMonths(scope, 4000);
    await janSep2023(indicator, 1700);
    const hooks = new Map<string, string>();
    for (const format of ["json", "slack", "discord", "alertmanager"]) {
      const hook = await createWebhook({
        url: `https://hooks.example.com/${scope}/${format}`,
        format,
        filters: { scopes: [scope] },
      });
      hooks.set(format, hook.id);
    }
    const now = at(`${AS_OF}T00:00:00Z`);
    await evaluateAt(now);
    const receiver = scriptedReceiver(() => "ok");
    await drainOutbox(db, { now, settings, transport: receiver.transport, maxBatches: 10 });
    const bodyFor = (format: string) => {
      const got = receiver.copies.find((c) => c.url.includes(`/${scope}/${format}`));
      expect(got, format).toBeDefined();
      return got?.body ?? "";
    };

    const json = JSON.parse(bodyFor("json")) as {
      data: { plan: { id: string }; status: string; evaluation: Evaluation };
    };
    expect(json.data.plan.id).toBe(plan);
    expect(json.data.status).toBe("off_track");
    expect(json.data.evaluation.yoy_growth).toBeCloseTo(2326 / 1700 - 1, 12);
    expect(json.data.evaluation.prior_year_value).toBe(1_700_000_000);
    expect(json.data.evaluation.warnings.map((w) => w.code)).toEqual(["reported_yoy_mismatch"]);

    const words = "the source prints +32.01% on last year, the figures give +36.82%".replaceAll(
      "+",
      "\\+",
    );
    expect(bodyFor("slack")).toMatch(new RegExp(`\\*Warning\\*\\\\n${words}`));
    expect(bodyFor("slack")).toContain("*Same period last year*\\n+36.82% on 1.7B USD");
    expect(bodyFor("discord")).toMatch(new RegExp(`"name":"Warning","value":"${words}"`));
    const [alert] = JSON.parse(bodyFor("alertmanager")) as {
      labels: Record<string, string>;
      annotations: Record<string, string>;
    }[];
    expect(alert?.labels.alertname).toBe("TargetOffTrack");
    expect(alert?.annotations.description).toContain(
      "Warning: the source prints +32.01% on last year, the figures give +36.82%",
    );
    expect(hooks.size).toBe(4);
  });
});

describe("measures without a year on year", () => {
  it("a growth-rate target has none: its figure already is a growth", async () => {
    const scope = uid("scope");
    const indicator = await createIndicator({ scope, measure: "rate", unit: "%" });
    const plan = await createPlan(indicator, { target: 10, scale: undefined });
    await postActuals(
      actualBody(indicator, {
        period_end: "2024-07-31",
        value: 10.16,
        scale: undefined,
        reported_at: "2024-08-10",
      }),
    );
    const e = await evaluationOf(plan.id);
    expect(e.year_on_year).toBeNull();
    expect(e.yoy_growth).toBeNull();
  });
});
