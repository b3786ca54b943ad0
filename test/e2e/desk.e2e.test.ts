// The editor's desk in a real browser, tried as new users would: Debian's Chromium driven by
// playwright-core against the real Worker under `wrangler dev`. An administrator sets up Nghe
// An's imports and gives the province a write token; the editor signs in, pastes the
// nine-month sentence, checks the draft, saves it and sees the status page change. Then what
// must fail fails, and every desk page passes axe-core, fits 360 px and keeps the page budget.
// Skipped, with a plain message, where Chromium is not installed; CI installs it.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  E2E_ADMIN_TOKEN,
  expectJson,
  freePort,
  type RunningMonitor,
  startMonitor,
} from "./harness";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `Desk browser suite skipped: Chromium was not found at ${CHROMIUM}. ` +
      "Install it with `apt-get install chromium` (or set CHROMIUM_PATH) to run test/e2e/desk.e2e.test.ts.",
  );
}

const ARTIFACTS = resolve(import.meta.dirname, "../../test-results");
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost"]);
const SENTENCE =
  "Trong 9 tháng đầu năm 2024, tổng kim ngạch nhập khẩu hàng hóa của Nghệ An ước đạt 1.690 triệu USD, tăng 73,51% so với cùng kỳ năm 2023, đạt 112,67% kế hoạch.";
const IMPORTS_PLAN = "nghe-an.goods-imports.2024";

interface Watched {
  page: Page;
  requests: string[];
  errors: string[];
}

describe.skipIf(!hasChromium)("the editor's desk in Chromium", () => {
  let monitor: RunningMonitor;
  let browser: Browser;
  let admin: Watched;
  let editor: Watched;
  let editorToken = "";
  const contexts: BrowserContext[] = [];

  async function person(options: { javaScript?: boolean; width?: number; locale?: string } = {}) {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: 900 },
      locale: options.locale ?? "en-US",
      javaScriptEnabled: options.javaScript ?? true,
    });
    contexts.push(context);
    const page = await context.newPage();
    const watched: Watched = { page, requests: [], errors: [] };
    page.on("request", (request) => watched.requests.push(request.url()));
    page.on("console", (message) => {
      // A refused form is a 4xx page, which Chromium reports as a failed load; the tests
      // assert those statuses themselves. Anything else (a script error, a CSP violation) counts.
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
        watched.errors.push(message.text());
      }
    });
    page.on("pageerror", (error) => watched.errors.push(error.message));
    return watched;
  }

  async function signIn(who: Watched, token: string) {
    await who.page.goto(`${monitor.baseUrl}/desk`);
    await who.page.waitForURL(/\/desk\/sign-in/);
    await who.page.locator("#f-token").fill(token);
    await who.page.locator('form.desk button[type="submit"]').click();
    await who.page.waitForURL(/\/desk$/);
  }

  async function actualsOf(indicator: string) {
    const res = await fetch(`${monitor.baseUrl}/api/indicators/${indicator}/actuals?revisions=all`);
    return (await expectJson<{ actuals: { value: number }[] }>(res, 200)).actuals;
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const { chromium } = await import("playwright-core");
    [monitor, browser] = await Promise.all([
      startMonitor({ seed: false }),
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

  afterEach(() => {
    for (const who of [admin, editor]) if (who) expect(who.errors).toEqual([]);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
    await browser?.close();
    await monitor?.stop();
  });

  it("the administrator sets up Nghe An's imports and a write token for the province", async () => {
    admin = await person();
    await signIn(admin, E2E_ADMIN_TOKEN);
    const { page } = admin;

    await page.goto(`${monitor.baseUrl}/desk/indicators`);
    await page.getByLabel("Id").fill("nghe-an.goods-imports");
    await page.getByLabel(/^Name \(English\)/).fill("Goods imports");
    await page.getByLabel(/^Name \(Vietnamese\)/).fill("Nhập khẩu hàng hóa");
    await page.getByLabel("Other names").fill("kim ngạch nhập khẩu\nimport turnover");
    await page.getByLabel(/^Scope\b/).fill("nghe-an");
    await page.getByLabel("Place name (English)").fill("Nghe An");
    await page.getByLabel("Place name (Vietnamese)").fill("Nghệ An");
    await page.getByLabel("Unit").fill("USD");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/\/desk\?saved=1/);

    // A second province, which the Nghe An token must not reach.
    await page.goto(`${monitor.baseUrl}/desk/indicators`);
    await page.getByLabel("Id").fill("thanh-hoa.goods-imports");
    await page.getByLabel(/^Name \(English\)/).fill("Goods imports");
    await page.getByLabel(/^Scope\b/).fill("thanh-hoa");
    await page.getByLabel("Place name (English)").fill("Thanh Hoa");
    await page.getByLabel("Unit").fill("USD");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/\/desk\?saved=1/);

    await page.goto(`${monitor.baseUrl}/desk/plans`);
    await page.getByLabel("Indicator").selectOption("nghe-an.goods-imports");
    await page.getByLabel("Period in words").fill("2024");
    await page.getByLabel(/^Target(?! id)/).fill("1,500");
    await page.getByLabel("Scale").selectOption("million");
    await page.getByRole("button", { name: "Check" }).click();
    await expect(page.locator("#preview").textContent()).resolves.toMatch(
      /A new target: 1\.5 bn USD for 2024\./,
    );
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/\/desk\?saved=1/);

    await page.goto(`${monitor.baseUrl}/desk/tokens`);
    await page.getByLabel("Who it is for").fill("Sở Công Thương Nghệ An");
    await page.getByLabel("write figures, targets and indicators").check();
    await page.getByLabel("Only for the indicators of").fill("nghe-an");
    await page.getByRole("button", { name: "Create a token" }).click();
    await expect(page.locator(".notice").first().textContent()).resolves.toMatch(
      /Token created for Sở Công Thương Nghệ An\. Copy it now/,
    );
    editorToken = await page.locator("#f-new-token").inputValue();
    expect(editorToken).toMatch(/^tok_[0-9A-Z]{26}\.[A-Za-z0-9_-]{43}$/);
    await page.screenshot({ path: join(ARTIFACTS, "desk-tokens.png"), fullPage: true });
  });

  it("the editor signs in, pastes the nine-month sentence, checks the draft and saves it", async () => {
    editor = await person();
    await signIn(editor, editorToken);
    const { page } = editor;

    await page.goto(`${monitor.baseUrl}/`);
    const row = page.locator(`tr[data-plan="${IMPORTS_PLAN}"]`);
    await expect(row.textContent()).resolves.toMatch(/No figure yet/);

    await page.goto(`${monitor.baseUrl}/desk/bulletin`);
    await page.getByLabel("Bulletin text").fill(SENTENCE);
    await page.getByLabel("Reported on").fill("2024-10-05");
    await page.getByRole("button", { name: "Read the text" }).click();
    await page.waitForSelector("[data-draft]");
    const draft = page.locator('[data-draft="0"]');
    await expect(draft.locator(".summary-line").textContent()).resolves.toBe(
      "1,690 million USD · Jan–Sep 2024 · estimate · +73.51% on a year earlier · 112.67% of plan",
    );
    await expect(draft.locator("blockquote").textContent()).resolves.toBe(SENTENCE);
    await expect(draft.getByLabel("Indicator").inputValue()).resolves.toBe("nghe-an.goods-imports");
    await expect(draft.getByLabel("Value").inputValue()).resolves.toBe("1,690");
    await expect(draft.getByLabel("Scale").inputValue()).resolves.toBe("million");
    await expect(draft.getByLabel("From", { exact: true }).inputValue()).resolves.toBe(
      "2024-01-01",
    );
    await expect(draft.getByLabel("To", { exact: true }).inputValue()).resolves.toBe("2024-09-30");
    await expect(draft.getByLabel("estimate").isChecked()).resolves.toBe(true);
    await expect(
      draft.getByLabel("Printed growth on a year earlier (%)").inputValue(),
    ).resolves.toBe("73.51");
    await expect(draft.getByLabel("Printed share of plan (%)").inputValue()).resolves.toBe(
      "112.67",
    );
    // What saving will do, before saving.
    await expect(draft.locator(".outcome").textContent()).resolves.toMatch(
      /A new figure: nothing is on file for Goods imports, Jan–Sep 2024\.[\s\S]*Achieved/,
    );
    await page.screenshot({ path: join(ARTIFACTS, "desk-bulletin.png"), fullPage: true });

    await page.getByRole("button", { name: /Save the selected figures/ }).click();
    await page.waitForURL(/\/desk\?saved=1/);
    await expect(page.locator("[data-saved]").textContent()).resolves.toMatch(/Saved: 1 change/);
    await expect(page.locator("table.recent tbody tr").first().textContent()).resolves.toMatch(
      /figure created: nghe-an\.goods-imports, Jan–Sep 2024[\s\S]*bulletin/,
    );

    await page.getByRole("link", { name: "See the status page" }).click();
    await page.waitForURL(`${monitor.baseUrl}/`);
    await expect(row.textContent()).resolves.toMatch(/112\.67%/);
    await expect(row.locator(".chip").first().textContent()).resolves.toBe("Achieved");
    await page.screenshot({ path: join(ARTIFACTS, "desk-status-after.png"), fullPage: true });
    expect((await actualsOf("nghe-an.goods-imports")).map((a) => a.value)).toEqual([1_690_000_000]);
  });

  it("the same editor cannot save a figure for another province", async () => {
    const { page } = editor;
    await page.goto(`${monitor.baseUrl}/desk/figures`);
    const picker = page.getByLabel("Indicator");
    await expect(picker.locator('option[value="thanh-hoa.goods-imports"]').count()).resolves.toBe(
      0,
    );
    // A hand-made option, as a hostile or mistaken editor could add one.
    await picker.evaluate((select) => {
      const option = document.createElement("option");
      option.value = "thanh-hoa.goods-imports";
      option.textContent = "Thanh Hoa imports";
      select.append(option);
    });
    await picker.selectOption("thanh-hoa.goods-imports");
    await page.getByLabel("Period in words").fill("first 9 months of 2024");
    await page.getByLabel("Value").fill("900 million");
    await page.getByLabel("final").check();
    await page.getByLabel("Reported on").fill("2024-10-05");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.locator("#f-indicator_id-problem").textContent()).resolves.toBe(
      "You may not write Goods imports: it belongs to Thanh Hoa.",
    );
    expect(await actualsOf("thanh-hoa.goods-imports")).toEqual([]);
  });

  it("a form posted from another origin, or without its form token, is refused with nothing written", async () => {
    const { page } = editor;
    await page.goto(`${monitor.baseUrl}/desk/figures`);
    const formToken = await page.locator('form.desk input[name="form_token"]').inputValue();
    // Another origin on this machine: same site for the cookie, so only the Origin check and
    // the form token stand between it and a write.
    const port = await freePort();
    const hostile: Server = createServer((_, res) => {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(`<!DOCTYPE html><html lang="en"><title>Prize</title><body>
        <form id="f" method="post" action="${monitor.baseUrl}/desk/figures">
          <input name="form_token" value="${formToken}"><input name="action" value="save">
          <input name="indicator_id" value="nghe-an.goods-imports">
          <input name="period" value="Q1 2024"><input name="value" value="1">
          <input name="status" value="final"><input name="reported_at" value="2024-04-01">
        </form><script>document.getElementById("f").submit()</script></body></html>`);
    });
    await new Promise<void>((ok) => hostile.listen(port, "127.0.0.1", ok));
    try {
      const before = await actualsOf("nghe-an.goods-imports");
      const response = page.waitForResponse(
        (r) => r.url().endsWith("/desk/figures") && r.request().method() === "POST",
      );
      await page.goto(`http://127.0.0.1:${port}/`);
      expect((await response).status()).toBe(403);
      await page.waitForURL(`${monitor.baseUrl}/desk/figures`);
      await page.waitForSelector("[data-code]");
      await expect(page.locator("[data-code]").getAttribute("data-code")).resolves.toBe(
        "cross_site_request",
      );
      await expect(page.locator("[data-code]").textContent()).resolves.toMatch(
        /sent from another site/,
      );

      // On the desk itself, a form whose token was taken out.
      await page.goto(`${monitor.baseUrl}/desk/figures`);
      await page.locator('form.desk input[name="form_token"]').evaluate((input) => input.remove());
      await page.getByLabel("Indicator").selectOption("nghe-an.goods-imports");
      await page.getByLabel("Period in words").fill("Q1 2024");
      await page.getByLabel("Value").fill("1 million");
      await page.getByLabel("final").check();
      await page.getByRole("button", { name: "Save" }).click();
      await expect(page.locator("[data-code]").getAttribute("data-code")).resolves.toBe(
        "form_token_invalid",
      );
      expect(await actualsOf("nghe-an.goods-imports")).toEqual(before);
    } finally {
      await new Promise((ok) => hostile.close(ok));
    }
  });

  it("checks a form as its fields change, and works with JavaScript off", async () => {
    const { page } = editor;
    await page.goto(`${monitor.baseUrl}/desk/figures`);
    await page.getByLabel("Indicator").selectOption("nghe-an.goods-imports");
    await page.getByLabel("Value").fill("1,702 million");
    await page.getByLabel("preliminary").check();
    await page.getByLabel("Reported on").fill("2024-11-05");
    await page.getByLabel("Period in words").fill("first 9 months of 2024");
    await page.getByLabel("Period in words").blur();
    // No button pressed: the script asked the server and swapped the answer in.
    await page.waitForFunction(() => document.querySelector("#preview:not([hidden])") !== null);
    await expect(page.locator("#preview").textContent()).resolves.toMatch(
      /A new vintage of a period already on file: Goods imports, Jan–Sep 2024 stands at 1\.69 bn USD/,
    );
    await expect(page.getByLabel("From", { exact: true }).inputValue()).resolves.toBe("2024-01-01");

    const plain = await person({ javaScript: false });
    await signIn(plain, editorToken);
    await plain.page.goto(`${monitor.baseUrl}/desk/figures`);
    await plain.page.getByLabel("Indicator").selectOption("nghe-an.goods-imports");
    await plain.page.getByLabel("Period in words").fill("Q3 2024");
    await plain.page.getByLabel("Value").fill("abc");
    await plain.page.getByRole("button", { name: "Check" }).click();
    await expect(plain.page.locator("#f-value-problem").textContent()).resolves.toBe(
      "Not a number; write it as 1,690 million.",
    );
  });

  const DESK_PAGES = [
    "/desk/sign-in",
    "/desk",
    "/desk/figures",
    "/desk/bulletin",
    "/desk/plans",
    "/desk/indicators",
    "/desk/import",
    "/desk/tokens",
  ];

  async function openAs(width: number, path: string, locale = "en-US") {
    const who = await person({ width, locale });
    if (path !== "/desk/sign-in") await signIn(who, E2E_ADMIN_TOKEN);
    const response = await who.page.goto(`${monitor.baseUrl}${path}`);
    return { who, response };
  }

  it("passes axe-core on every desk page, in both languages, with a draft and a refusal on show", async () => {
    for (const locale of ["en-US", "vi-VN"]) {
      for (const path of DESK_PAGES) {
        const { who } = await openAs(1280, path, locale);
        await expectAccessible(who.page, `${path} ${locale}`);
        expect(who.errors, path).toEqual([]);
      }
    }
    // The pages people see most after the first: drafts, and a form that refused its input.
    const { who } = await openAs(1280, "/desk/bulletin");
    await who.page.getByLabel("Bulletin text").fill(SENTENCE);
    await who.page.getByLabel("Reported on").fill("2024-10-05");
    await who.page.getByRole("button", { name: "Read the text" }).click();
    await who.page.waitForSelector("[data-draft]");
    await expectAccessible(who.page, "bulletin drafts");
    await who.page.goto(`${monitor.baseUrl}/desk/figures`);
    await who.page.getByRole("button", { name: "Save" }).click();
    await who.page.waitForSelector("[data-problems]");
    await expectAccessible(who.page, "refused figure form");
  });

  async function expectAccessible(page: Page, name: string) {
    // Evaluated by the driver rather than added as a script: the page's CSP, rightly, runs no
    // inline script without its nonce.
    await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run: (o: object) => Promise<{
              violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
            }>;
          };
        }
      ).axe;
      const result = await axe.run({
        runOnly: {
          type: "tag",
          values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
        },
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => n.target.join(" ")),
      }));
    });
    const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious, `${name}: ${JSON.stringify(serious)}`).toEqual([]);
  }

  it("works at 360 px: no sideways scrolling on any desk page", async () => {
    for (const path of DESK_PAGES) {
      const { who } = await openAs(360, path);
      const overflow = await who.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
      expect(who.errors, path).toEqual([]);
      if (path === "/desk/bulletin" || path === "/desk/figures") {
        await who.page.screenshot({
          path: join(ARTIFACTS, `desk-360${path.replaceAll("/", "-")}.png`),
          fullPage: true,
        });
      }
    }
  });

  it("keeps the page budget: under 60 KB, nothing from another origin, scripts and styles under the CSP nonce", async () => {
    for (const path of DESK_PAGES) {
      const { who, response } = await openAs(1280, path);
      const csp = (await response?.allHeaders())?.["content-security-policy"] ?? "";
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, path).toBeTruthy();
      const page = who.page;
      const inline = await page.evaluate(() =>
        Array.from(document.querySelectorAll("script, style")).map(
          (el) => (el as HTMLScriptElement).nonce,
        ),
      );
      expect(inline.length, path).toBeGreaterThan(0);
      for (const value of inline) expect(value, path).toBe(nonce);
      const bytes = await page.evaluate(() =>
        performance
          .getEntriesByType("resource")
          .concat(performance.getEntriesByType("navigation"))
          .filter((e) => !e.name.includes("/favicon"))
          .reduce((sum, e) => sum + (e as PerformanceResourceTiming).decodedBodySize, 0),
      );
      expect(bytes, path).toBeLessThan(60 * 1024);
      for (const url of who.requests)
        expect(LOCAL_HOSTS.has(new URL(url).hostname), url).toBe(true);
    }
  });
});
