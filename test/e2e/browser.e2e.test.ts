// The status page in a real browser: Debian's Chromium driven by playwright-core against the
// real Worker under `wrangler dev` with the demo data. Skipped, with a plain message, where
// Chromium is not installed; CI installs it.
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import demo from "../../scripts/demo-data.json";
import { type RunningMonitor, startMonitor } from "./harness";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `Browser suite skipped: Chromium was not found at ${CHROMIUM}. ` +
      "Install it with `apt-get install chromium` (or set CHROMIUM_PATH) to run test/e2e/browser.e2e.test.ts.",
  );
}

const ARTIFACTS = resolve(import.meta.dirname, "../../test-results");
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost"]);
const GOODS_EXPORTS = "nghe-an.goods-exports.2024";

/** A page that records every request it makes and every error it reports. */
interface WatchedPage {
  page: Page;
  requests: string[];
  errors: string[];
}

describe.skipIf(!hasChromium)("the status page in Chromium", () => {
  let monitor: RunningMonitor;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const { chromium } = await import("playwright-core");
    [monitor, browser] = await Promise.all([
      startMonitor(),
      chromium.launch({
        executablePath: CHROMIUM,
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
        ],
      }),
    ]);
  });

  // Each test's pages go with it, so a page still polling cannot outlive its test.
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close().catch(() => undefined)));
  });

  afterAll(async () => {
    await browser?.close();
    await monitor?.stop();
  });

  async function open(
    path: string,
    options: { width?: number; locale?: string } = {},
  ): Promise<WatchedPage> {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: 900 },
      locale: options.locale ?? "en-US",
    });
    contexts.push(context);
    const page = await context.newPage();
    const watched: WatchedPage = { page, requests: [], errors: [] };
    page.on("request", (request) => watched.requests.push(request.url()));
    page.on("console", (message) => {
      if (message.type() === "error") watched.errors.push(message.text());
    });
    page.on("pageerror", (error) => watched.errors.push(error.message));
    await page.goto(`${monitor.baseUrl}${path}`, { waitUntil: "load" });
    return watched;
  }

  function expectLocalOnly(watched: WatchedPage) {
    expect(watched.requests.length).toBeGreaterThan(0);
    for (const url of watched.requests)
      expect(LOCAL_HOSTS.has(new URL(url).hostname), url).toBe(true);
  }

  /** A 2026 flow plan of 1,200 million USD in the scope `browser-test`. */
  async function createFlowPlan(indicator: string, plan: string, name: string) {
    const created = await monitor.write("PUT", `/api/indicators/${indicator}`, {
      name,
      scope: "browser-test",
      scope_level: "country",
      unit: "USD",
      measure: "flow",
      cadence: "monthly",
    });
    expect(created.status).toBe(201);
    const planned = await monitor.write("PUT", `/api/plans/${plan}`, {
      indicator_id: indicator,
      period_start: "2026-01-01",
      period_end: "2026-12-31",
      target: 1200,
      scale: "million",
    });
    expect(planned.status).toBe(201);
  }

  /** The whole page, and for phones also the first screen, as a reader sees it on arrival. */
  async function screenshot(page: Page, name: string, firstScreen = false) {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    if (firstScreen) await page.screenshot({ path: join(ARTIFACTS, `${name}-top.png`) });
  }

  it("renders every seeded plan with its figures, from localhost only, without errors", async () => {
    const watched = await open("/");
    const { page } = watched;
    for (const plan of demo.plans) {
      await expect(page.locator(`tr[data-plan="${plan.id}"]`).count()).resolves.toBe(1);
    }
    const exportsRow = page.locator(`tr[data-plan="${GOODS_EXPORTS}"]`);
    await expect(exportsRow.textContent()).resolves.toMatch(/84\.58%/);
    await expect(exportsRow.textContent()).resolves.toMatch(/Jan–Sep 2024/);
    // 2024 is long over: the row says the period is over, what is missing, how the year
    // stood when the figures stopped, and that they stopped coming.
    await expect(exportsRow.locator(".chip").allTextContents()).resolves.toEqual([
      "Period over",
      "Stale",
    ]);
    await expect(exportsRow.textContent()).resolves.toMatch(
      /Final figure not yet in; last reading Jan–Sep 2024: Ahead/,
    );
    await expect(exportsRow.textContent()).resolves.toMatch(
      /\+32\.01% on the same period last year/,
    );
    await expect(
      page.locator('tr[data-plan="nghe-an.goods-imports.2024"]').textContent(),
    ).resolves.toMatch(/112\.67%[\s\S]*Achieved/);
    await page.waitForTimeout(500);
    expect(watched.errors).toEqual([]);
    expectLocalOnly(watched);
    await screenshot(page, "overview-desktop");
  });

  it("weighs under 60 KB (HTML, CSS and JS of the overview)", async () => {
    const watched = await open("/");
    const bytes = await watched.page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .concat(performance.getEntriesByType("navigation"))
        .filter((e) => !e.name.includes("/favicon") && !e.name.includes("/api/"))
        .reduce((sum, e) => sum + (e as PerformanceResourceTiming).decodedBodySize, 0),
    );
    expect(bytes).toBeGreaterThan(10_000);
    expect(bytes).toBeLessThan(60 * 1024);
  });

  it("switches language with the link on the page, and back", async () => {
    const watched = await open("/");
    const { page } = watched;
    await page.getByRole("link", { name: "Tiếng Việt" }).click();
    await page.waitForURL(/lang=vi/);
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("vi");
    const row = page.locator(`tr[data-plan="${GOODS_EXPORTS}"]`);
    await expect(row.textContent()).resolves.toMatch(/84,58%/);
    await expect(row.textContent()).resolves.toMatch(/2,33 tỷ USD/);
    await expect(row.textContent()).resolves.toMatch(/tháng 1–9\/2024/);
    await expect(row.locator(".chip").first().textContent()).resolves.toBe("Hết kỳ");
    await expect(row.textContent()).resolves.toMatch(
      /lần đánh giá cuối \(tháng 1–9\/2024\): Vượt tiến độ/,
    );
    await screenshot(page, "overview-vi");
    await page.getByRole("link", { name: "English" }).click();
    await page.waitForURL(/lang=en/);
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
    expect(watched.errors).toEqual([]);
  });

  it("follows Accept-Language when no language is chosen", async () => {
    const { page } = await open("/", { locale: "vi-VN" });
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("vi");
  });

  it("stays usable at 360 px: no sideways scrolling of the page", async () => {
    for (const [path, name] of [
      ["/", "overview-360"],
      [`/plans/${GOODS_EXPORTS}?as_of=2024-10-15`, "plan-360"],
    ] as const) {
      const watched = await open(path, { width: 360 });
      const overflow = await watched.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
      expect(watched.errors).toEqual([]);
      await screenshot(watched.page, name, true);
    }
  });

  it("draws the plan's chart: reported points, target path and projection", async () => {
    const watched = await open(`/plans/${GOODS_EXPORTS}?as_of=2024-10-15`);
    const { page } = watched;
    const chart = page.locator("figure.chart svg[role=img]");
    await expect(chart.count()).resolves.toBe(1);
    await expect(chart.locator("circle.dot").count()).resolves.toBe(2);
    await expect(chart.locator("polyline.path").count()).resolves.toBe(1);
    await expect(chart.locator("polyline.proj").count()).resolves.toBe(1);
    await expect(chart.locator("desc").textContent()).resolves.toMatch(/3\.11 bn USD/);
    const box = await chart.boundingBox();
    expect(box?.width).toBeGreaterThan(400);
    await expect(page.locator("table.vintages tbody tr").count()).resolves.toBe(2);
    expect(watched.errors).toEqual([]);
    expectLocalOnly(watched);
    await screenshot(page, "plan-desktop");
  });

  it("opens every seeded plan's page with its chart and no errors", async () => {
    for (const plan of demo.plans) {
      const watched = await open(`/plans/${plan.id}?as_of=2024-10-15`);
      const { page } = watched;
      await expect(page.locator("h1").count()).resolves.toBe(1);
      await expect(page.locator("figure.chart svg title").first().textContent()).resolves.toMatch(
        /against the target path/,
      );
      expect(watched.errors, plan.id).toEqual([]);
      expectLocalOnly(watched);
      if (plan.id === "nghe-an.export-turnover.2021-2025") await screenshot(page, "plan-level");
    }
  });

  it("updates itself when a figure is posted, without a reload by the reader", async () => {
    const indicator = "browser.refresh-check";
    const plan = `${indicator}.2026`;
    await createFlowPlan(indicator, plan, "Refresh check");
    const watched = await open("/?scope=browser-test");
    const { page } = watched;
    const row = page.locator(`tr[data-plan="${plan}"]`);
    await expect(row.textContent()).resolves.toMatch(/No figure yet/);
    let navigations = 0;
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });

    const res = await monitor.write("POST", "/api/actuals", {
      indicator_id: indicator,
      period_start: "2026-01-01",
      period_end: "2026-06-30",
      value: 660,
      scale: "million",
      status: "estimate",
      reported_at: "2026-07-10",
    });
    expect(res.status).toBe(201);
    await page.waitForFunction(
      (id) => document.querySelector(`tr[data-plan="${id}"]`)?.textContent?.includes("55.00%"),
      plan,
      { timeout: 45_000, polling: 500 },
    );
    expect(navigations).toBeGreaterThan(0);
    expect(watched.errors).toEqual([]);
    expectLocalOnly(watched);
  }, 60_000);

  it("shows the monitor's status changes on the plan page and in a well-formed Atom feed", async () => {
    // A plan of this year, far behind its path: the monitor's first look raises an alert.
    const indicator = "browser.alerts";
    const plan = `${indicator}.2026`;
    await createFlowPlan(indicator, plan, "Alert check");
    const res = await monitor.write("POST", "/api/actuals", {
      indicator_id: indicator,
      period_start: "2026-01-01",
      period_end: "2026-06-30",
      value: 100,
      scale: "million",
      status: "estimate",
      reported_at: "2026-07-10",
    });
    expect(res.status).toBe(201);
    expect((await monitor.fireCron()).ok).toBe(true);
    const watched = await open(`/plans/${plan}`);
    const { page } = watched;
    await expect(page.locator("table.alerts tbody tr").count()).resolves.toBeGreaterThan(0);
    await screenshot(page, "plan-today");

    const result = await page.evaluate(async () => {
      const parse = async (path: string, type: DOMParserSupportedType) => {
        const res = await fetch(path);
        const doc = new DOMParser().parseFromString(await res.text(), type);
        return {
          status: res.status,
          type: res.headers.get("content-type"),
          errors: doc.getElementsByTagName("parsererror").length,
          root: doc.documentElement.localName,
          entries: doc.getElementsByTagName("entry").length,
        };
      };
      return {
        feed: await parse("/feed.atom", "application/xml"),
        badge: await parse("/badge/nghe-an.goods-exports.2024.svg", "image/svg+xml"),
      };
    });
    expect(result.feed).toMatchObject({ status: 200, errors: 0, root: "feed" });
    expect(result.feed.entries).toBeGreaterThan(0);
    expect(result.feed.type).toMatch(/application\/atom\+xml/);
    expect(result.badge).toMatchObject({ status: 200, errors: 0, root: "svg" });
    expect(watched.errors).toEqual([]);
  });
});
