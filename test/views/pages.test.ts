// The status page's routes, called through the Worker's own fetch inside workerd.
import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { actualBody, call, createIndicator, createPlan, postActuals, uid } from "../factories";
import { assertWellFormedXml } from "./xml";

const AS_OF = "2024-10-15";

/** A plan in a scope of its own (so filters can isolate it) with the seed's 9-month exports. */
async function seedPlan(
  options: {
    indicator?: Record<string, unknown>;
    plan?: Record<string, unknown>;
    actuals?: Record<string, unknown>[];
  } = {},
) {
  const scope = uid("scope");
  const indicator = await createIndicator({ scope, ...options.indicator });
  const plan = await createPlan(indicator, options.plan);
  for (const overrides of options.actuals ?? [{}]) {
    const res = await postActuals(actualBody(indicator, overrides));
    expect(res.status).toBe(201);
  }
  return { indicator, plan: plan.id, scope };
}

async function page(path: string, headers: HeadersInit = {}) {
  const res = await call(path, { headers });
  return { res, html: await res.text() };
}

/** The markup of one plan's row on the overview. */
function row(html: string, planId: string): string {
  const start = html.indexOf(`<tr id="plan-${planId}"`);
  expect(start, `row of ${planId}`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf("</tr>", start));
}

/** Visible text, roughly: tags removed and the entities we emit decoded. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&")
    .replace(/\s+/g, " ");
}

function nonceOf(res: Response): string {
  const csp = res.headers.get("content-security-policy") ?? "";
  const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  return nonce ?? "";
}

async function runMonitorAt(iso: string) {
  await worker.scheduled(
    createScheduledController({ scheduledTime: new Date(iso), cron: "*/15 * * * *" }),
    env,
    createExecutionContext(),
  );
}

describe("overview", () => {
  it("shows each plan's target, latest figure, attainment, pace, projection and status", async () => {
    const { plan, scope } = await seedPlan();
    const { res, html } = await page(`/?as_of=${AS_OF}&scope=${scope}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const cells = text(row(html, plan));
    expect(cells).toContain("Goods exports");
    expect(cells).toContain("2024");
    expect(cells).toContain("2.75 bn USD");
    expect(cells).toContain("2.33 bn USD");
    expect(cells).toContain("Jan–Sep 2024");
    expect(cells).toContain("84.58%");
    expect(cells).toContain("112.98%");
    expect(cells).toContain("3.11 bn USD");
    expect(cells).toContain("Ahead");
    expect(cells).toContain("5 Oct 2024");
    // The bar's marker sits at expected-to-date: 274 of 366 days of 2024.
    expect(row(html, plan)).toMatch(/class="mark" x1="74\.86"/);
  });

  it("counts every status in the summary and filters by scope, tag and status with links", async () => {
    const a = await seedPlan();
    const b = await seedPlan({ indicator: { tags: ["energy"] }, actuals: [] });
    const both = `/?as_of=${AS_OF}`;
    const { html } = await page(both);
    expect(html).toContain(`data-plan="${a.plan}"`);
    expect(html).toContain(`data-plan="${b.plan}"`);
    expect(html).toContain(`href="/?as_of=${AS_OF}&amp;scope=${a.scope}"`);
    expect(html).toContain(`href="/?as_of=${AS_OF}&amp;tag=energy"`);
    expect(html).toContain(`href="/?as_of=${AS_OF}&amp;status=no_data"`);

    const scoped = (await page(`${both}&scope=${a.scope}`)).html;
    expect(scoped).toContain(`data-plan="${a.plan}"`);
    expect(scoped).not.toContain(`data-plan="${b.plan}"`);
    expect(text(scoped)).toMatch(/1 targets Achieved 0 Ahead 1 On track 0/);

    const tagged = (await page(`${both}&tag=energy`)).html;
    expect(tagged).not.toContain(`data-plan="${a.plan}"`);
    expect(tagged).toContain(`data-plan="${b.plan}"`);

    const noData = (await page(`${both}&status=no_data&scope=${b.scope}`)).html;
    expect(noData).toContain(`data-plan="${b.plan}"`);
    const ahead = (await page(`${both}&status=ahead&scope=${b.scope}`)).html;
    expect(ahead).not.toContain(`data-plan="${b.plan}"`);
    expect(text(ahead)).toContain("No targets match these filters.");
  });

  it("speaks Vietnamese with ?lang=vi or Accept-Language, numbers included", async () => {
    const { plan, scope } = await seedPlan();
    for (const [path, headers] of [
      [`/?as_of=${AS_OF}&scope=${scope}&lang=vi`, {}],
      [`/?as_of=${AS_OF}&scope=${scope}`, { "accept-language": "vi-VN,vi;q=0.9,en;q=0.5" }],
    ] as const) {
      const { res, html } = await page(path, headers);
      expect(html).toContain('<html lang="vi">');
      expect(res.headers.get("vary")).toMatch(/Accept-Language/i);
      const cells = text(row(html, plan));
      expect(cells).toContain("84,58%");
      expect(cells).toContain("2,33 tỷ USD");
      expect(cells).toContain("2,75 tỷ USD");
      expect(cells).toContain("tháng 1–9/2024");
      expect(cells).toContain("Vượt tiến độ");
      expect(cells).toContain("5/10/2024");
      expect(text(html)).toContain("Tình hình thực hiện các chỉ tiêu");
    }
  });

  it("offers the same page in the other language, keeping the reader's filters", async () => {
    const { scope } = await seedPlan();
    const { html } = await page(`/?as_of=${AS_OF}&scope=${scope}`);
    expect(html).toContain(`href="/?as_of=${AS_OF}&amp;scope=${scope}&amp;lang=vi"`);
  });

  it("answers a date that is not one with a 400 page", async () => {
    const { res, html } = await page("/?as_of=2024-02-30");
    expect(res.status).toBe(400);
    expect(text(html)).toContain("“2024-02-30” is not a date");
  });
});

describe("security", () => {
  const NASTY = `<script>alert("x")</script> "double" 'single' & <b>bold</b>`;

  it("escapes every user-supplied string on the overview, the plan page and the badge", async () => {
    const { plan, scope } = await seedPlan({
      indicator: {
        name: NASTY,
        name_vi: NASTY,
        scope_name: `<img src=x onerror=alert(1)>`,
        unit: "<u>",
        description: NASTY,
        source: "javascript:alert(1)",
      },
      plan: {
        title: `"><svg onload=alert(1)>`,
        source: NASTY,
        note: "</style><script>alert(2)</script>",
      },
      actuals: [
        { source: "javascript:alert(3) https://example.org/a?b=1&c=2 <i>x</i>", note: NASTY },
      ],
    });
    for (const path of [
      `/?as_of=${AS_OF}&scope=${scope}`,
      `/?as_of=${AS_OF}&scope=${scope}&lang=vi`,
      `/plans/${plan}?as_of=${AS_OF}`,
      `/badge/${plan}.svg?as_of=${AS_OF}`,
    ]) {
      const { html } = await page(path);
      expect(html, path).not.toMatch(/<script>alert|<img src=x|<svg onload|<b>bold|<i>x|<u>/);
      expect(html, path).not.toContain('href="javascript:');
      expect(html, path).not.toMatch(/<[^>]*\son(error|load)=/);
      expect(html, path).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
      expect((html.match(/<script/g) ?? []).length, path).toBeLessThanOrEqual(1);
    }
    const { html } = await page(`/plans/${plan}?as_of=${AS_OF}`);
    // The URL inside the free text is linked; the rest of it stays text.
    expect(html).toContain(
      '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">',
    );
  });

  it("sends a strict CSP with a fresh nonce, and only nonced inline script and style", async () => {
    const { scope } = await seedPlan();
    const first = await page(`/?scope=${scope}`);
    const second = await page(`/?scope=${scope}`);
    const nonce = nonceOf(first.res);
    expect(nonceOf(second.res)).not.toBe(nonce);
    const csp = first.res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src 'nonce-${nonce}'`);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    const tags = first.html.match(/<(script|style)\b[^>]*>/g) ?? [];
    expect(tags).toHaveLength(2);
    for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
    expect(first.html).not.toMatch(/\sstyle="|\son[a-z]+="|javascript:/);
    expect(Object.fromEntries(first.res.headers)).toMatchObject({
      "x-content-type-options": "nosniff",
      "x-frame-options": "SAMEORIGIN",
      "referrer-policy": "no-referrer",
      "cross-origin-resource-policy": "same-origin",
      "cross-origin-opener-policy": "same-origin",
    });
  });

  it("keeps the JSON API under a policy that allows nothing to load", async () => {
    const res = await call("/api/status");
    expect(res.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  });
});

describe("growth-rate targets", () => {
  it("show the gap in percentage points instead of a share of the target", async () => {
    const { plan, scope } = await seedPlan({
      indicator: { name: "Industrial production index", unit: "%", measure: "rate" },
      plan: { target: 7, scale: undefined },
      actuals: [{ period_end: "2024-06-30", value: 6.5, scale: undefined }],
    });
    const cells = text(row((await page(`/?as_of=${AS_OF}&scope=${scope}`)).html, plan));
    expect(cells).toContain("7%");
    expect(cells).toContain("6.5%");
    expect(cells).toContain("−0.5 pts vs target");
    expect(cells).toContain("On track");
    const vi = text(row((await page(`/?as_of=${AS_OF}&scope=${scope}&lang=vi`)).html, plan));
    expect(vi).toContain("−0,5 điểm % so với mục tiêu");
    const detail = text((await page(`/plans/${plan}?as_of=${AS_OF}`)).html);
    expect(detail).toContain("is −0.5 percentage points from it");
    expect(detail).toContain("on track within 0.5 points");
  });
});

describe("plan page", () => {
  it("shows the chart, every vintage, the warnings and the method with the plan's figures", async () => {
    const { plan } = await seedPlan({
      actuals: [
        { period_end: "2024-07-31", value: 1677, reported_at: "2024-08-05" },
        { value: 2300, reported_at: "2024-10-01", status: "estimate" },
        // The revision the evaluation uses; the source printed an attainment that disagrees.
        { value: 2326, reported_at: "2024-10-05", status: "preliminary", reported_attainment: 0.8 },
      ],
    });
    const { res, html } = await page(`/plans/${plan}?as_of=${AS_OF}`);
    expect(res.status).toBe(200);
    expect(html).toMatch(
      /<svg viewBox="0 0 560 300" role="img" aria-labelledby="chart-title chart-desc" data-points="2">/,
    );
    expect(html).toContain(
      '<title id="chart-title">Goods exports: figures against the target path</title>',
    );
    expect(text(html)).toMatch(/Cumulative figures from 1 Jan 2024: 2.33 bn USD for Jan–Sep 2024/);
    expect(html.match(/<circle class="dot"/g)).toHaveLength(2);
    expect(html).toContain('<polyline class="path"');
    expect(html).toContain('<polyline class="proj"');

    expect(html.match(/data-use="counts"/g)).toHaveLength(1);
    expect(html.match(/data-use="superseded"/g)).toHaveLength(1);
    expect(html.match(/data-use="latest"/g)).toHaveLength(1);
    expect(text(html)).toContain("2.326 bn USD");
    expect(text(html)).toContain("2.3 bn USD");

    expect(text(html)).toContain(
      "The source reports 80.00% of plan, but the figures give 84.58%: 4.58 percentage points apart.",
    );
    expect(text(html)).toContain(
      "The latest cumulative figure, 2.326 bn USD for Jan–Sep 2024, is 84.58% of it.",
    );
    expect(text(html)).toContain("it expects 74.86% of the target (2.059 bn USD) by 30 Sep 2024");
    expect(text(html)).toContain("so the pace is 112.98% of what was expected");
    expect(text(html)).toContain("ahead from 110%, on track from 95%, at risk from 85%");
  });

  it("evaluates as of a past date on what was reported by then", async () => {
    const { plan } = await seedPlan({
      actuals: [
        { value: 2300, reported_at: "2024-10-01" },
        { value: 2326, reported_at: "2024-10-05" },
      ],
    });
    const { html } = await page(`/plans/${plan}?as_of=2024-10-03`);
    expect(html.match(/data-use="after_as_of"/g)).toHaveLength(1);
    expect(text(html)).toContain("83.64%");
    expect(text(html)).toContain("reported after 3 Oct 2024");
  });

  it("draws a seasonal target path along its monthly weights", async () => {
    const weights = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9];
    const { plan } = await seedPlan({ plan: { phasing: { monthly_weights: weights } } });
    const { html } = await page(`/plans/${plan}?as_of=${AS_OF}`);
    expect(text(html)).toContain("The target path is seasonal (monthly weights)");
    // By the end of September 9 of 20 weights are due: 45% of the target.
    expect(text(html)).toContain("45.00% of the target");
  });

  it("answers an unknown plan with a 404 page", async () => {
    const { res, html } = await page("/plans/no-such-plan");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(text(html)).toContain("There is no target with the id “no-such-plan”.");
  });
});

describe("badge", () => {
  it("is a small, well-formed SVG others may embed", async () => {
    const { plan } = await seedPlan();
    const res = await call(`/badge/${plan}.svg?as_of=${AS_OF}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    const svg = await res.text();
    expect(assertWellFormedXml(svg)).toBe("svg");
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain("<title>Goods exports 2024: 84.6% · ahead</title>");
    expect(svg.length).toBeLessThan(2_000);

    const vi = await (await call(`/badge/${plan}.svg?as_of=${AS_OF}&lang=vi`)).text();
    expect(vi).toContain("84,6% · vượt tiến độ");
  });

  it("still draws a badge, marked 404, for an unknown plan", async () => {
    const res = await call("/badge/no-such-plan.svg");
    expect(res.status).toBe(404);
    expect(assertWellFormedXml(await res.text())).toBe("svg");
  });
});

describe("status changes", () => {
  it("lists the monitor's events on the plan page and in a valid Atom feed", async () => {
    const { plan, indicator } = await seedPlan({
      indicator: { name: `Exports <script>alert("feed")</script>` },
    });
    await runMonitorAt("2024-10-10T00:00:00Z");
    // A revision far below the path: the next run sees the status fall.
    const res = await postActuals(
      actualBody(indicator, { value: 1500, reported_at: "2024-10-11" }),
    );
    expect(res.status).toBe(201);
    await runMonitorAt("2024-10-12T00:00:00Z");

    const { html } = await page(`/plans/${plan}?as_of=2024-10-12`);
    expect(html.match(/data-event="/g)?.length).toBeGreaterThanOrEqual(1);
    expect(text(html)).toMatch(/Ahead → Off track/);

    const feed = await call("/feed.atom");
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await feed.text();
    expect(assertWellFormedXml(xml)).toBe("feed");
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>/);
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    for (const element of ["<id>", "<title>", "<updated>", '<link rel="self"', "<author>"]) {
      expect(xml).toContain(element);
    }
    const entries = xml.split("<entry>").slice(1);
    const mine = entries.filter((e) => e.includes(`/plans/${plan}"`));
    expect(mine.length).toBeGreaterThanOrEqual(1);
    for (const entry of mine) {
      expect(entry).toMatch(/<id>urn:target-monitor:event:evt_[^<]+<\/id>/);
      expect(entry).toMatch(/<updated>\d{4}-\d{2}-\d{2}T[^<]+<\/updated>/);
      expect(entry).toContain('<content type="text">');
      expect(entry).not.toContain("<script>");
      expect(entry).toContain("&lt;script&gt;");
    }
    expect(mine.some((e) => e.includes("Ahead → Off track"))).toBe(true);
    expect(await (await call("/feed.atom?lang=vi")).text()).toContain(
      "Vượt tiến độ → Chậm tiến độ",
    );
  });
});
