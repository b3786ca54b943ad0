// The desk as an editor uses it: each form says what saving will do and how the targets will
// then be judged, saves exactly what the JSON API would, and records how it was made.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  actualBody,
  auditOf,
  call,
  createIndicator,
  createPlan,
  createToken,
  dump,
  indicatorBody,
  postActuals,
  send,
  uid,
} from "../factories";
import { type Browser, fieldValue, get, openForm, post, signIn, submit, textOf } from "./helpers";

interface Stored {
  id: number;
  value: number;
  status: string;
  reported_at: string;
  reported_yoy: number | null;
  reported_attainment: number | null;
  source: string | null;
}

async function vintages(indicator: string): Promise<Stored[]> {
  const res = await call(`/api/indicators/${indicator}/actuals?revisions=all`);
  return ((await res.json()) as { actuals: Stored[] }).actuals;
}

async function auditVia(entity: string, id: string) {
  return (await auditOf(entity, id)).map((e) => [e.action, e.via, e.actor]);
}

let imports: string;
let editor: Browser;
let editorToken: string;

beforeAll(async () => {
  imports = await createIndicator(
    {
      name: "Goods imports",
      name_vi: "Nhập khẩu hàng hóa",
      aliases: ["kim ngạch nhập khẩu", "import turnover"],
    },
    "nghe-an.goods-imports",
  );
  await createPlan(imports, { id: "nghe-an.goods-imports.2024", target: 1500 });
  const token = await createToken({
    scopes: ["write"],
    indicator_scope: "nghe-an",
    name: "Sở Công Thương Nghệ An",
  });
  editorToken = token.id;
  editor = await signIn(token.token);
});

describe("the figure form", () => {
  const figure = (overrides: Record<string, string> = {}) => ({
    indicator_id: imports,
    period: "first 9 months of 2024",
    value: "1,690",
    scale: "million",
    status: "estimate",
    reported_at: "2024-10-05",
    reported_attainment: "112.67",
    reported_yoy: "73.51",
    source: "Sở Công Thương Nghệ An",
    ...overrides,
  });

  it("shows, before saving, a new figure and the target it moves", async () => {
    const before = await dump(env.DB);
    const res = await submit(editor, "/desk/figures", { action: "preview", ...figure() });
    expect(res.status).toBe(200);
    const html = await res.text();
    const text = textOf(html);
    expect(html).toContain('data-outcome="created"');
    expect(text).toContain("A new figure: nothing is on file for Goods imports, Jan–Sep 2024.");
    expect(text).toContain("Read as 1.69 bn USD (1,690,000,000 USD).");
    expect(text).toMatch(/Goods imports, 2024: Period over .*→ Achieved/);
    expect(text).toContain("Attainment 112.67%");
    expect(await dump(env.DB)).toBe(before);
  });

  it("saves it, audited under the editor's token as made with a form, and lists it on the desk", async () => {
    const res = await submit(editor, "/desk/figures", { action: "save", ...figure() });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/desk?saved=1");
    const [stored] = await vintages(imports);
    expect(stored).toMatchObject({
      value: 1_690_000_000,
      status: "estimate",
      reported_at: "2024-10-05",
      reported_attainment: 1.1267,
      reported_yoy: 0.7351,
      source: "Sở Công Thương Nghệ An",
    });
    expect(await auditVia("actual", String(stored?.id))).toEqual([["create", "form", editorToken]]);
    const home = textOf(await (await get(editor, "/desk?saved=1")).text());
    expect(home).toContain("Saved: 1 change(s).");
    expect(home).toContain("figure created: nghe-an.goods-imports, Jan–Sep 2024 form");
  });

  it("says when the same figure is already on file, and saving it adds nothing", async () => {
    const res = await submit(editor, "/desk/figures", { action: "preview", ...figure() });
    const html = await res.text();
    expect(html).toContain('data-outcome="unchanged"');
    expect(textOf(html)).toContain("A duplicate: this exact figure is already on file");
    const before = await vintages(imports);
    await submit(editor, "/desk/figures", { action: "save", ...figure() });
    expect(await vintages(imports)).toEqual(before);
  });

  it("says when a figure is a new vintage of a period on file, naming the one it follows", async () => {
    const res = await submit(editor, "/desk/figures", {
      action: "preview",
      ...figure({
        value: "1,702",
        status: "preliminary",
        reported_at: "2024-11-05",
        reported_attainment: "",
      }),
    });
    const text = textOf(await res.text());
    expect(text).toContain(
      "A new vintage of a period already on file: Goods imports, Jan–Sep 2024 stands at 1.69 bn USD (estimate, reported 5 Oct 2024).",
    );
  });

  it("warns when the printed share of plan disagrees with the figures", async () => {
    const res = await submit(editor, "/desk/figures", {
      action: "preview",
      ...figure({ value: "1,700", reported_at: "2024-10-06", reported_attainment: "103.5" }),
    });
    const html = await res.text();
    expect(html).toContain('data-warning="reported_attainment_mismatch"');
    expect(textOf(html)).toContain(
      "The source reports 103.50% of plan, but the figures give 113.33%",
    );
  });

  it("reads Vietnamese notation on a Vietnamese page: 1.690 triệu and 112,67", async () => {
    const vi = { ...editor, lang: "vi" as const };
    const res = await submit(vi, "/desk/figures", {
      action: "preview",
      ...figure({
        value: "1.690 triệu",
        scale: "",
        reported_attainment: "112,67",
        reported_yoy: "73,51",
        period: "9 tháng đầu năm 2024",
      }),
    });
    const html = await res.text();
    expect(html).toContain('<html lang="vi">');
    expect(textOf(html)).toContain("Đọc là 1,69 tỷ USD (1.690.000.000 USD).");
  });
});

describe("the target form", () => {
  it("shows a new target and how the figures on file judge it, then saves it", async () => {
    const plan = { indicator_id: imports, period: "2025", target: "1,800", scale: "million" };
    const preview = await submit(editor, "/desk/plans", { action: "preview", ...plan });
    const text = textOf(await preview.text());
    expect(text).toContain("A new target: 1.8 bn USD for 2025.");
    expect(text).toContain("Goods imports, 2025: Period over");
    const saved = await submit(editor, "/desk/plans", { action: "save", ...plan });
    expect(saved.status).toBe(303);
    const res = await call("/api/plans/nghe-an.goods-imports.2025");
    expect(((await res.json()) as { plan: { target: number } }).plan.target).toBe(1_800_000_000);
    expect(await auditVia("plan", "nghe-an.goods-imports.2025")).toEqual([
      ["create", "form", editorToken],
    ]);
  });

  it("shows a revision with the target before and after, and keeps the plan's phasing", async () => {
    const indicator = await createIndicator();
    const weights = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2];
    const created = await createPlan(indicator, { phasing: { monthly_weights: weights } });
    const fields = {
      id: created.id,
      indicator_id: indicator,
      period: "2024",
      target: "3",
      scale: "billion",
    };
    const text = textOf(
      await (await submit(editor, "/desk/plans", { action: "preview", ...fields })).text(),
    );
    expect(text).toContain("the target moves from 2.75 bn USD to 3 bn USD");
    expect((await submit(editor, "/desk/plans", { action: "save", ...fields })).status).toBe(303);
    const res = await call(`/api/plans/${created.id}`);
    const plan = ((await res.json()) as { plan: { revision: number; phasing: unknown } }).plan;
    expect(plan.revision).toBe(2);
    expect(plan.phasing).toEqual({ monthly_weights: weights });
  });

  it("opens a stored target ready to revise", async () => {
    const { html } = await openForm(editor, "/desk/plans?id=nghe-an.goods-imports.2024");
    expect(fieldValue(html, "target")).toBe("1,500,000,000");
    expect(fieldValue(html, "period_start")).toBe("2024-01-01");
  });
});

describe("the indicator form", () => {
  it("creates an indicator with its aliases, one per line", async () => {
    const id = uid("nghe-an.retail");
    const fields = {
      id,
      name: "Retail sales",
      name_vi: "Tổng mức bán lẻ",
      aliases: "tổng mức bán lẻ hàng hóa\r\nretail sales of goods",
      scope: "nghe-an",
      scope_name: "Nghe An",
      scope_level: "locality",
      unit: "VND",
      measure: "flow",
      cadence: "monthly",
      tags: "nghe-an.trade nghe-an.retail",
    };
    const preview = await submit(editor, "/desk/indicators", { action: "preview", ...fields });
    expect(textOf(await preview.text())).toContain(`A new indicator: ${id}.`);
    expect((await submit(editor, "/desk/indicators", { action: "save", ...fields })).status).toBe(
      303,
    );
    const stored = (await (await call(`/api/indicators/${id}`)).json()) as {
      aliases: string[];
      tags: string[];
    };
    expect(stored.aliases).toEqual(["tổng mức bán lẻ hàng hóa", "retail sales of goods"]);
    expect(stored.tags).toEqual(["nghe-an.trade", "nghe-an.retail"]);
    const changed = await submit(editor, "/desk/indicators", {
      action: "preview",
      ...fields,
      unit: "VND bn",
      aliases: "",
    });
    expect(textOf(await changed.text())).toContain(`Updates ${id}: aliases, unit.`);
  });

  it("refuses a new measure for an indicator in use, in the reader's words", async () => {
    const vi = { ...editor, lang: "vi" as const };
    const res = await submit(vi, "/desk/indicators", {
      action: "save",
      id: imports,
      name: "Goods imports",
      scope: "nghe-an",
      scope_level: "locality",
      unit: "USD",
      measure: "level",
      cadence: "monthly",
      tags: "trade",
    });
    expect(res.status).toBe(422);
    expect(textOf(await res.text())).toContain(
      "Không thể đổi loại chỉ số khi đã có chỉ tiêu hoặc số liệu dùng chỉ số này.",
    );
  });
});

describe("a pasted bulletin", () => {
  let indicator: string;
  let browser: Browser;
  beforeAll(async () => {
    // A province of its own, so this test's figures meet no other test's.
    indicator = await createIndicator(
      {
        scope: "ha-tinh",
        scope_name: "Ha Tinh",
        scope_name_vi: "Hà Tĩnh",
        name: "Goods exports",
        name_vi: "Xuất khẩu hàng hóa",
        aliases: ["kim ngạch xuất khẩu"],
      },
      "ha-tinh.goods-exports",
    );
    await createPlan(indicator, { id: "ha-tinh.goods-exports.2024", target: 2000 });
    const token = await createToken({ scopes: ["write"], indicator_scope: "ha-tinh" });
    browser = await signIn(token.token);
  });

  const TEXT = [
    "Tháng 9/2024, kim ngạch xuất khẩu hàng hóa của Hà Tĩnh ước đạt 210 triệu USD, tăng 12,5% so với cùng kỳ.",
    "Tính chung 9 tháng đầu năm 2024, kim ngạch xuất khẩu ước đạt 1.640 triệu USD, đạt 82% kế hoạch năm.",
    "Tỉnh có 142 doanh nghiệp xuất khẩu, tăng 15 doanh nghiệp.",
    "Năm 2025, tỉnh phấn đấu kim ngạch xuất khẩu đạt 2,4 tỷ USD.",
  ].join("\n");

  it("proposes one editable draft per figure, quoting its sentence, and lists the rest", async () => {
    const res = await submit(browser, "/desk/bulletin", {
      action: "read",
      text: TEXT,
      reported_at: "2024-10-05",
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.match(/data-draft="/g)).toHaveLength(2);
    expect(fieldValue(html, "d1.value")).toBe("1,640");
    expect(fieldValue(html, "d1.scale")).toBeUndefined();
    expect(html).toMatch(/name="d1\.scale"[^>]*>[\s\S]*?<option value="million" selected="">/);
    expect(fieldValue(html, "d1.period_end")).toBe("2024-09-30");
    const text = textOf(html);
    expect(text).toContain("1,640 million USD · Jan–Sep 2024 · estimate · 82.00% of plan");
    expect(text).toContain("210 million USD · Sep 2024 · estimate · +12.50% on a year earlier");
    expect(text).toContain("Targets found (1)");
    expect(html).toMatch(
      /href="\/desk\/plans\?indicator_id=ha-tinh\.goods-exports&amp;period_start=2025-01-01&amp;period_end=2025-12-31&amp;target=2\.4&amp;scale=billion"/,
    );
    expect(text).toContain("Statements not placed");
    expect(text).toContain("Tỉnh có 142 doanh nghiệp xuất khẩu");
  });

  it("saves every ticked draft in one batch, audited as made from a bulletin", async () => {
    const { formToken } = await openForm(browser, "/desk/bulletin");
    const res = await post(browser, "/desk/bulletin", {
      form_token: formToken,
      action: "save",
      text: TEXT,
      reported_at: "2024-10-05",
      source: "Cục Thống kê Hà Tĩnh",
      drafts: "2",
      "d0.include": "on",
      "d0.indicator_id": indicator,
      "d0.period_start": "2024-09-01",
      "d0.period_end": "2024-09-30",
      "d0.value": "210",
      "d0.scale": "million",
      "d0.status": "estimate",
      "d0.reported_yoy": "12.5",
      "d1.include": "on",
      "d1.indicator_id": indicator,
      "d1.period_start": "2024-01-01",
      "d1.period_end": "2024-09-30",
      "d1.value": "1,640",
      "d1.scale": "million",
      "d1.status": "estimate",
      "d1.reported_attainment": "82",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/desk?saved=2");
    const stored = await vintages(indicator);
    expect(stored.map((a) => [a.value, a.reported_yoy, a.reported_attainment, a.source])).toEqual([
      [1_640_000_000, null, 0.82, "Cục Thống kê Hà Tĩnh"],
      [210_000_000, 0.125, null, "Cục Thống kê Hà Tĩnh"],
    ]);
    for (const a of stored) {
      expect((await auditOf("actual", String(a.id))).map((e) => e.via)).toEqual(["bulletin"]);
    }
  });

  it("saves none when one ticked draft is wrong, and says which", async () => {
    const before = await dump(env.DB);
    const res = await submit(browser, "/desk/bulletin", {
      action: "save",
      text: TEXT,
      reported_at: "2024-10-06",
      drafts: "2",
      "d0.include": "on",
      "d0.indicator_id": indicator,
      "d0.period_start": "2024-09-01",
      "d0.period_end": "2024-09-30",
      "d0.value": "215",
      "d0.status": "estimate",
      "d1.include": "on",
      "d1.indicator_id": indicator,
      "d1.period_start": "2024-01-01",
      "d1.period_end": "2024-09-30",
      "d1.value": "một nghìn",
      "d1.status": "estimate",
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('id="f-d1-value-problem"');
    expect(await dump(env.DB)).toBe(before);
  });

  it("saves only the drafts ticked", async () => {
    const res = await submit(browser, "/desk/bulletin", {
      action: "save",
      text: TEXT,
      reported_at: "2024-10-07",
      drafts: "2",
      "d0.indicator_id": indicator,
      "d0.period_start": "2024-09-01",
      "d0.period_end": "2024-09-30",
      "d0.value": "220",
      "d0.status": "preliminary",
      "d1.include": "on",
      "d1.indicator_id": indicator,
      "d1.period_start": "2024-01-01",
      "d1.period_end": "2024-09-30",
      "d1.value": "1,650",
      "d1.scale": "million",
      "d1.status": "preliminary",
    });
    expect(res.status).toBe(303);
    const stored = await vintages(indicator);
    expect(stored.filter((a) => a.reported_at === "2024-10-07").map((a) => a.value)).toEqual([
      1_650_000_000,
    ]);
  });
});

describe("a CSV file", () => {
  function upload(
    browser: Browser,
    formToken: string,
    csv: string,
    extra: Record<string, string> = {},
  ) {
    const body = new FormData();
    body.set("form_token", formToken);
    body.set("action", "check");
    body.set("decimal", "comma");
    for (const [k, v] of Object.entries(extra)) body.set(k, v);
    body.set("file", new File([csv], "figures.csv", { type: "text/csv" }));
    return exportsFetch(browser, body);
  }

  async function exportsFetch(browser: Browser, body: FormData) {
    const { worker, ORIGIN } = await import("./helpers");
    return worker(
      new Request(`${ORIGIN}/desk/import`, {
        method: "POST",
        headers: { cookie: browser.cookie, origin: ORIGIN },
        body,
      }),
    );
  }

  it("is checked by the import's dry run, shown row by row, then imported as checked", async () => {
    const { formToken } = await openForm(editor, "/desk/import");
    const csv = [
      "indicator_id;period_start;period_end;value;scale;status;reported_at",
      `${imports};2024-01-01;2024-03-31;510,5;triệu;final;2024-04-20`,
      `${imports};2024-01-01;2024-06-30;1.020;triệu;final;2024-07-20`,
    ].join("\n");
    const before = await dump(env.DB);
    const res = await upload(editor, formToken, csv);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-row="2" data-outcome="created"');
    expect(html).toContain('data-row="3" data-outcome="created"');
    expect(await dump(env.DB)).toBe(before);
    const carried = /<textarea name="csv" hidden="">([\s\S]*?)<\/textarea>/.exec(html)?.[1];
    expect(carried?.replaceAll("&amp;", "&")).toBe(csv);
    const imported = await post(editor, "/desk/import", {
      form_token: formToken,
      action: "import",
      kind: "",
      decimal: "comma",
      csv,
    });
    expect(imported.status).toBe(303);
    expect(imported.headers.get("location")).toBe("/desk?saved=2");
    const values = (await vintages(imports)).map((a) => a.value);
    expect(values).toContain(510_500_000);
    expect(values).toContain(1_020_000_000);
    const first = (await vintages(imports)).find((a) => a.value === 510_500_000);
    expect((await auditOf("actual", String(first?.id))).map((e) => e.via)).toEqual(["csv"]);
  });

  it("shows each problem at its row and column, and writes nothing", async () => {
    const { formToken } = await openForm(editor, "/desk/import");
    const csv = [
      "indicator_id,period_start,period_end,value,status,reported_at",
      `${imports},2024-01-01,2024-03-31,abc,final,2024-04-20`,
      `${imports},2024-01-01,2024-02-30,5,final,2024-04-20`,
    ].join("\n");
    const before = await dump(env.DB);
    const res = await upload(editor, formToken, csv);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('data-row="2" data-column="value"');
    expect(html).toContain('data-row="3" data-column="period_end"');
    expect(textOf(html)).toContain("The file has 2 problem(s); nothing was saved.");
    expect(await dump(env.DB)).toBe(before);
  });

  it("refuses rows of another province at their row", async () => {
    const other = await createIndicator(
      { scope: "quang-binh", scope_name: "Quang Binh" },
      uid("quang-binh"),
    );
    const { formToken } = await openForm(editor, "/desk/import");
    const csv = [
      "indicator_id,period_start,period_end,value,status,reported_at",
      `${other},2024-01-01,2024-03-31,5,final,2024-04-20`,
    ].join("\n");
    const res = await upload(editor, formToken, csv);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('data-row="2" data-column="indicator_id"');
  });
});

describe("the administrator's token page", () => {
  it("creates a write token for one province, shown once, that signs in and can be revoked", async () => {
    const admin = await signIn("test-admin-token");
    // A token is limited to an area that exists: the administrator names it first.
    const area = await send("PUT", "/api/areas/quang-tri", {
      name: "Quang Tri",
      name_vi: "Quảng Trị",
      level: "locality",
    });
    expect(area.status).toBeLessThan(300);
    const created = await submit(admin, "/desk/tokens", {
      name: "Sở Công Thương Quảng Trị",
      permission: "write",
      indicator_scope: "quang-tri",
    });
    expect(created.status).toBe(201);
    const html = await created.text();
    const token = /id="f-new-token" class="secret" type="text" readonly="" value="([^"]+)"/.exec(
      html,
    )?.[1];
    expect(token).toMatch(/^tok_[0-9A-Z]{26}\.[A-Za-z0-9_-]{43}$/);
    const id = token?.split(".")[0] ?? "";
    const list = (await (await call("/api/tokens", { headers: ADMIN })).json()) as {
      tokens: { id: string; indicator_scope: string | null; scopes: string[] }[];
    };
    expect(list.tokens.find((t) => t.id === id)).toMatchObject({
      indicator_scope: "quang-tri",
      scopes: ["write"],
    });
    // Shown once: the page listing the tokens never shows it again.
    expect(await (await get(admin, "/desk/tokens")).text()).not.toContain(token);
    const holder = await signIn(token ?? "");
    expect((await get(holder, "/desk")).status).toBe(200);
    const { formToken } = await openForm(admin, "/desk/tokens");
    const revoke = await post(admin, "/desk/tokens/revoke", { form_token: formToken, id });
    expect(revoke.status).toBe(303);
    expect((await get(holder, "/desk")).status).toBe(303);
    expect((await auditOf("token", id)).map((e) => [e.action, e.via])).toEqual([
      ["revoke", "form"],
      ["create", "form"],
    ]);
  });
});

describe("the JSON API and the desk keep one audit log", () => {
  it("an API write shows as `api` beside the desk's", async () => {
    const indicator = await createIndicator();
    await send("PUT", `/api/indicators/${indicator}`, indicatorBody({ unit: "VND" }));
    const res = await postActuals(actualBody(indicator));
    expect(res.status).toBe(201);
    expect((await auditOf("indicator", indicator)).map((e) => e.via)).toEqual(["api", "api"]);
  });
});
