// The comparison and completeness pages in a real browser, on the demo data: the seed article's
// northern provinces ranked on exports with their growth, in English and Vietnamese, re-sorted
// by following a plain link. Skipped, with a plain message, where Chromium is not installed.
import { existsSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunningMonitor, startMonitor } from "./harness";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `Comparison browser suite skipped: Chromium was not found at ${CHROMIUM}. ` +
      "Install it with `apt-get install chromium` (or set CHROMIUM_PATH).",
  );
}

describe.skipIf(!hasChromium)("the comparison of the northern provinces in Chromium", () => {
  let monitor: RunningMonitor;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const { chromium } = await import("playwright-core");
    [monitor, browser] = await Promise.all([
      startMonitor(),
      chromium.launch({
        executablePath: CHROMIUM,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
      }),
    ]);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close().catch(() => undefined)));
  });

  afterAll(async () => {
    await browser?.close();
    await monitor?.stop();
  });

  async function open(path: string, javaScript = true): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled: javaScript });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${monitor.baseUrl}${path}`, { waitUntil: "load" });
    return page;
  }

  const ranked = (page: Page) =>
    page
      .locator("table.league tbody tr")
      .evaluateAll((rows) =>
        rows.map((row) => [
          row.querySelector("th")?.textContent?.trim(),
          row.querySelectorAll("td")[2]?.textContent?.trim(),
        ]),
      );

  it("ranks Hai Phong, Thai Nguyen and Bac Giang on growth and says how many grew", async () => {
    const page = await open("/concepts/exports?by=yoy&as_of=2024-06-01&lang=en");
    await expect(ranked(page)).resolves.toEqual([
      ["Bac Giang", "+22.00%"],
      ["Hai Phong", "+21.00%"],
      ["Thai Nguyen", "+14.70%"],
    ]);
    const counts = await page.locator("ul.counts").textContent();
    expect(counts).toContain("3 of 3 areas grew");
    expect(counts).toContain("2 of 3 above the region's growth (+18.30%)");
    await expect(page.locator("tfoot th").textContent()).resolves.toContain(
      "Northern localities (the region)",
    );
  });

  it("re-sorts by value when a reader without JavaScript follows the link", async () => {
    const page = await open("/concepts/exports?by=yoy&as_of=2024-06-01&lang=en", false);
    await page.locator('a[data-sort="value"]').click();
    await page.waitForURL(/by=value/);
    const names = (await ranked(page)).map(([name]) => name);
    expect(names).toEqual(["Thai Nguyen", "Bac Giang", "Hai Phong"]);
  });

  it("says the same in Vietnamese", async () => {
    const page = await open("/concepts/exports?by=yoy&as_of=2024-06-01&lang=vi");
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("vi");
    const names = (await ranked(page)).map(([name]) => name);
    expect(names).toEqual(["Bắc Giang", "Hải Phòng", "Thái Nguyên"]);
    await expect(page.locator("ul.counts").textContent()).resolves.toContain(
      "3/3 địa phương tăng trưởng",
    );
  });

  it("lists who reported January–April's exports, and when they were due", async () => {
    const page = await open(
      "/completeness?period=2024-04&concept=exports&as_of=2024-06-01&lang=en",
    );
    const states = await page
      .locator("table.completeness tbody tr")
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.state));
    expect(states).toHaveLength(4);
    await expect(page.locator("[data-overall]").textContent()).resolves.toContain(
      "4 of 4 figures received",
    );
  });
});
