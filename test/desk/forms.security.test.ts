// Every desk form against a hostile sender: another site posting it, a post without the
// session's form token, a reader's or another province's token, and input no form should take.
// Each is refused with a message in the reader's language and leaves the database as it was.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { deskVi } from "../../src/views/i18n/desk-vi";
import { createIndicator, createPlan, createToken, dump, uid } from "../factories";
import { type Browser, get, ORIGIN, openForm, post, signIn, textOf, worker } from "./helpers";

/** Everything a desk write could change; sessions are left out (a page view may touch one). */
const WRITTEN = [
  "indicators",
  "plans",
  "plan_revisions",
  "actuals",
  "meta",
  "audit_log",
  "api_tokens",
] as const;

let nghean: string;
let thanhhoa: string;
let editor: Browser;
let admin: Browser;

beforeAll(async () => {
  nghean = await createIndicator(
    { scope: "nghe-an", scope_name: "Nghe An" },
    uid("nghe-an.exports"),
  );
  thanhhoa = await createIndicator(
    { scope: "thanh-hoa", scope_name: "Thanh Hoa", scope_name_vi: "Thanh Hóa" },
    uid("thanh-hoa"),
  );
  await createPlan(nghean);
  const token = await createToken({ scopes: ["write"], indicator_scope: "nghe-an" });
  editor = { ...(await signIn(token.token)), lang: "vi" };
  admin = await signIn("test-admin-token");
});

const FORMS = [
  "/desk/figures",
  "/desk/plans",
  "/desk/indicators",
  "/desk/bulletin",
  "/desk/tokens",
  "/desk/tokens/revoke",
  "/desk/sign-out",
] as const;

function aFigure(indicator: string): Record<string, string> {
  return {
    action: "save",
    indicator_id: indicator,
    period: "9 tháng đầu năm 2024",
    value: "1.690",
    scale: "triệu",
    status: "estimate",
    reported_at: "2024-10-05",
  };
}

describe("a form posted from another site", () => {
  it.each(FORMS)("%s is refused, with nothing written", async (path) => {
    const { formToken } = await openForm(admin, "/desk");
    const before = await dump(env.DB, WRITTEN);
    for (const from of ["https://evil.example", "null", "http://monitor.test", null]) {
      const res = await post(admin, path, { form_token: formToken, ...aFigure(nghean) }, { from });
      expect(res.status, `${path} from ${from}`).toBe(403);
      expect(await res.text()).toContain('data-code="cross_site_request"');
    }
    expect(await dump(env.DB, WRITTEN)).toBe(before);
  });

  it("including the sign-in form (no session is opened)", async () => {
    const token = await createToken({ scopes: ["write"] });
    const res = await post(
      null,
      "/desk/sign-in",
      { token: token.token },
      { from: "https://evil.example" },
    );
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("says why in the reader's language", async () => {
    const { formToken } = await openForm(editor, "/desk");
    const res = await post(
      editor,
      "/desk/figures",
      { form_token: formToken, ...aFigure(nghean) },
      {
        from: "https://evil.example",
      },
    );
    expect(textOf(await res.text())).toContain(deskVi.refused_cross_site);
  });

  it("is accepted from this origin named by the Referer alone, as older browsers send it", async () => {
    const { formToken } = await openForm(editor, "/desk/figures");
    const res = await worker(
      new Request(`${ORIGIN}/desk/figures`, {
        method: "POST",
        headers: {
          cookie: editor.cookie,
          referer: `${ORIGIN}/desk/figures`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ form_token: formToken, ...aFigure(nghean), action: "preview" }),
      }),
    );
    expect(res.status).toBe(200);
  });
});

describe("a form without its session's form token", () => {
  it.each(FORMS)("%s is refused, with nothing written", async (path) => {
    const other = await signIn("test-admin-token");
    const { formToken: othersToken } = await openForm(other, "/desk");
    const before = await dump(env.DB, WRITTEN);
    const attempts: Record<string, string>[] = [
      {},
      { form_token: "" },
      { form_token: othersToken },
      { form_token: "x".repeat(43) },
    ];
    for (const fields of attempts) {
      const res = await post(admin, path, { ...fields, ...aFigure(nghean) });
      expect(res.status, `${path} ${JSON.stringify(fields)}`).toBe(403);
      expect(await res.text()).toContain('data-code="form_token_invalid"');
    }
    expect(await dump(env.DB, WRITTEN)).toBe(before);
  });

  it("or without any session is refused with 401, asking to sign in", async () => {
    const before = await dump(env.DB, WRITTEN);
    const res = await post({ cookie: "", lang: "vi" }, "/desk/figures", aFigure(nghean));
    expect(res.status).toBe(401);
    expect(textOf(await res.text())).toContain(deskVi.refused_session);
    expect(await dump(env.DB, WRITTEN)).toBe(before);
  });
});

describe("what a token may not do, it may not do on the desk either", () => {
  it("an editor for Nghe An cannot save a figure for another province", async () => {
    const before = await dump(env.DB, WRITTEN);
    const { formToken } = await openForm(editor, "/desk/figures");
    const res = await post(editor, "/desk/figures", {
      form_token: formToken,
      ...aFigure(thanhhoa),
    });
    expect(res.status).toBe(422);
    const text = textOf(await res.text());
    expect(text).toContain("Bạn không được ghi Goods exports: chỉ số này thuộc Thanh Hoa.");
    expect(await dump(env.DB, WRITTEN)).toBe(before);
  });

  it("and the picker offers only their own province's indicators", async () => {
    const { html } = await openForm(editor, "/desk/figures");
    expect(html).toContain(`value="${nghean}"`);
    expect(html).not.toContain(`value="${thanhhoa}"`);
  });

  it("nor a target, nor an indicator, nor a bulletin's draft for it", async () => {
    const before = await dump(env.DB, WRITTEN);
    const plan = await openForm(editor, "/desk/plans");
    const planRes = await post(editor, "/desk/plans", {
      form_token: plan.formToken,
      action: "save",
      indicator_id: thanhhoa,
      period: "2025",
      target: "3,2 tỷ",
    });
    expect(planRes.status).toBe(422);
    expect(textOf(await planRes.text())).toContain("chỉ số này thuộc Thanh Hoa");
    const ind = await openForm(editor, "/desk/indicators");
    const indRes = await post(editor, "/desk/indicators", {
      form_token: ind.formToken,
      action: "save",
      id: uid("thanh-hoa"),
      name: "Exports",
      scope: "thanh-hoa",
      scope_level: "locality",
      unit: "USD",
      measure: "flow",
      cadence: "monthly",
    });
    expect(indRes.status).toBe(422);
    expect(textOf(await indRes.text())).toContain("Bạn chỉ được ghi các chỉ số của nghe-an.");
    const bulletin = await openForm(editor, "/desk/bulletin");
    const text = "Xuất khẩu hàng hóa tháng 9/2024 đạt 250 triệu USD.";
    const read = await post(editor, "/desk/bulletin", {
      form_token: bulletin.formToken,
      action: "read",
      text,
      reported_at: "2024-10-05",
    });
    expect(read.status).toBe(200);
    // A draft whose indicator was changed to another province's by hand.
    const saved = await post(editor, "/desk/bulletin", {
      form_token: bulletin.formToken,
      action: "save",
      text,
      reported_at: "2024-10-05",
      drafts: "1",
      "d0.include": "on",
      "d0.indicator_id": thanhhoa,
      "d0.period_start": "2024-09-01",
      "d0.period_end": "2024-09-30",
      "d0.value": "250",
      "d0.scale": "triệu",
      "d0.status": "final",
    });
    expect(saved.status).toBe(422);
    expect(textOf(await saved.text())).toContain("chỉ số này thuộc Thanh Hoa");
    expect(await dump(env.DB, WRITTEN)).toBe(before);
  });

  it("a reader may sign in but not save", async () => {
    const reader = await createToken({ scopes: ["read"] });
    const browser = await signIn(reader.token);
    const { formToken } = await openForm(browser, "/desk/figures");
    const before = await dump(env.DB, WRITTEN);
    const res = await post(browser, "/desk/figures", { form_token: formToken, ...aFigure(nghean) });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('data-code="forbidden"');
    expect(await dump(env.DB, WRITTEN)).toBe(before);
  });

  it("only an administrator opens the token page or creates a token", async () => {
    expect((await get(editor, "/desk/tokens")).status).toBe(403);
    const { formToken } = await openForm(editor, "/desk");
    const before = await dump(env.DB, WRITTEN);
    const res = await post(editor, "/desk/tokens", {
      form_token: formToken,
      name: "Mine",
      permission: "admin",
    });
    expect(res.status).toBe(403);
    expect(await dump(env.DB, WRITTEN)).toBe(before);
  });
});

interface Hostile {
  form: string;
  fields: Record<string, string>;
  /** The field the message stands beside, and the message, in Vietnamese. */
  field: string;
  message: string;
}

const LONG = "x".repeat(4001);

const HOSTILE: Hostile[] = [
  {
    form: "/desk/figures",
    fields: { value: "abc" },
    field: "value",
    message: "Không phải số; hãy ghi như 1.690 triệu.",
  },
  {
    form: "/desk/figures",
    fields: { value: "1.690 gazillion" },
    field: "value",
    message: "Đơn vị tính không hợp lệ.",
  },
  { form: "/desk/figures", fields: { value: "1e9" }, field: "value", message: "Không phải số" },
  {
    form: "/desk/figures",
    fields: { period: "một lúc nào đó" },
    field: "period",
    message: "Không đọc được kỳ báo cáo này.",
  },
  {
    form: "/desk/figures",
    fields: { period: "", period_start: "2024-09-30", period_end: "2024-01-01" },
    field: "period_end",
    message: "Ngày kết thúc sớm hơn ngày bắt đầu.",
  },
  {
    form: "/desk/figures",
    fields: { reported_at: "2024-02-30" },
    field: "reported_at",
    message: "Không phải ngày; hãy ghi như 05/10/2024.",
  },
  {
    form: "/desk/figures",
    fields: { reported_at: "2023-12-31" },
    field: "reported_at",
    message: "Số liệu không thể công bố trước khi kỳ báo cáo bắt đầu.",
  },
  {
    form: "/desk/figures",
    fields: { status: "rumour" },
    field: "status",
    message: "Hãy chọn một trong các mục.",
  },
  {
    form: "/desk/figures",
    fields: { source: "Sở Công thương\u0007" },
    field: "source",
    message: "Có ký tự điều khiển",
  },
  {
    form: "/desk/figures",
    fields: { source: "\u202eDSU 0961" },
    field: "source",
    message: "Có ký tự điều khiển",
  },
  { form: "/desk/figures", fields: { note: LONG }, field: "note", message: "Tối đa 4000 ký tự." },
  {
    form: "/desk/figures",
    fields: { reported_yoy: "73,51%%" },
    field: "reported_yoy",
    message: "Không phải tỷ lệ phần trăm",
  },
  {
    form: "/desk/figures",
    fields: { indicator_id: "no-such.indicator" },
    field: "indicator_id",
    message: "Không có chỉ số này.",
  },
  {
    form: "/desk/figures",
    fields: { indicator_id: "" },
    field: "indicator_id",
    message: "Không được để trống.",
  },
  {
    form: "/desk/plans",
    fields: { target: "-5" },
    field: "target",
    message: "Với loại chỉ số này, chỉ tiêu phải lớn hơn 0.",
  },
  {
    form: "/desk/plans",
    fields: { id: "Not A Slug" },
    field: "id",
    message: "Chỉ dùng chữ thường",
  },
  {
    form: "/desk/plans",
    fields: { comparator: "roughly" },
    field: "comparator",
    message: "Hãy chọn một trong các mục.",
  },
  {
    form: "/desk/plans",
    fields: { baseline_value: "2.428", baseline_date: "2030-01-01" },
    field: "baseline_date",
    message: "Giá trị gốc phải có ngày trước khi kỳ chỉ tiêu kết thúc.",
  },
  {
    form: "/desk/indicators",
    fields: { id: "Bad Id" },
    field: "id",
    message: "Chỉ dùng chữ thường",
  },
  {
    form: "/desk/indicators",
    fields: { name: "" },
    field: "name",
    message: "Không được để trống.",
  },
  {
    form: "/desk/indicators",
    fields: { measure: "stock" },
    field: "measure",
    message: "Hãy chọn một trong các mục.",
  },
  {
    form: "/desk/indicators",
    fields: { aliases: "nhập khẩu\nNhập khẩu" },
    field: "aliases",
    message: "Có tên gọi bị lặp lại.",
  },
  {
    form: "/desk/indicators",
    fields: { unit: "u".repeat(25) },
    field: "unit",
    message: "Tối đa 24 ký tự.",
  },
  { form: "/desk/bulletin", fields: { text: "" }, field: "text", message: "Không được để trống." },
  {
    form: "/desk/bulletin",
    fields: { text: "số ".repeat(7000) },
    field: "text",
    message: "Tối đa 20000 ký tự.",
  },
  {
    form: "/desk/bulletin",
    fields: { reported_at: "hôm qua" },
    field: "reported_at",
    message: "Không phải ngày",
  },
  {
    form: "/desk/bulletin",
    fields: { action: "save", drafts: "1" },
    field: "drafts",
    message: "Hãy đánh dấu ít nhất một bản nháp để lưu.",
  },
  { form: "/desk/import", fields: {}, field: "file", message: "Không được để trống." },
  {
    form: "/desk/import",
    fields: { decimal: "both" },
    field: "decimal",
    message: "Hãy chọn một trong các mục.",
  },
  { form: "/desk/tokens", fields: { name: "" }, field: "name", message: "Không được để trống." },
  {
    form: "/desk/tokens",
    fields: { permission: "admin", indicator_scope: "nghe-an" },
    field: "indicator_scope",
    message: "Mã quản trị không thể giới hạn cho một địa bàn.",
  },
  {
    form: "/desk/tokens",
    fields: { access_email: "not an address" },
    field: "access_email",
    message: "Không phải địa chỉ e-mail.",
  },
  {
    form: "/desk/tokens",
    fields: { expires: "2001-01-01" },
    field: "expires",
    message: "Phải là một ngày trong tương lai.",
  },
];

function validFields(form: string): Record<string, string> {
  switch (form) {
    case "/desk/figures":
      return aFigure(nghean);
    case "/desk/plans":
      return {
        action: "save",
        indicator_id: nghean,
        period: "2025",
        target: "3,2 tỷ",
        comparator: "at_least",
      };
    case "/desk/indicators":
      return {
        action: "save",
        id: uid("nghe-an.imports"),
        name: "Imports",
        scope: "nghe-an",
        scope_level: "locality",
        unit: "USD",
        measure: "flow",
        cadence: "monthly",
      };
    case "/desk/bulletin":
      return {
        action: "read",
        text: "Xuất khẩu hàng hóa tháng 9/2024 đạt 250 triệu USD.",
        reported_at: "2024-10-05",
      };
    case "/desk/import":
      return { action: "check", decimal: "comma" };
    default:
      return { name: "Office", permission: "write" };
  }
}

describe("hostile input to every form", () => {
  it.each(HOSTILE)(
    "$form: $field = $fields is refused beside its field, in Vietnamese",
    async (row) => {
      const browser = row.form === "/desk/tokens" ? { ...admin, lang: "vi" as const } : editor;
      const { formToken } = await openForm(browser, row.form);
      const before = await dump(env.DB, WRITTEN);
      const res = await post(browser, row.form, {
        form_token: formToken,
        ...validFields(row.form),
        ...row.fields,
      });
      expect(res.status).toBe(422);
      const html = await res.text();
      const id = `f-${row.field.replace(/[^A-Za-z0-9_-]/g, "-")}`;
      expect(html).toContain(`id="${id}-problem"`);
      const problem = new RegExp(`id="${id}-problem">([^<]*)<`).exec(html)?.[1] ?? "";
      expect(problem).toContain(row.message);
      expect(await dump(env.DB, WRITTEN)).toBe(before);
    },
  );

  it("a valid form of each kind is saved, so the refusals above are the input's doing", async () => {
    for (const form of ["/desk/figures", "/desk/plans", "/desk/indicators"]) {
      const { formToken } = await openForm(editor, form);
      const res = await post(editor, form, { form_token: formToken, ...validFields(form) });
      expect(res.status, form).toBe(303);
    }
  });

  it("an oversized post is refused before it is read", async () => {
    const { formToken } = await openForm(editor, "/desk/figures");
    const before = await dump(env.DB, WRITTEN);
    const res = await post(editor, "/desk/figures", {
      form_token: formToken,
      ...aFigure(nghean),
      note: "x".repeat(300 * 1024),
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('data-code="payload_too_large"');
    expect(await dump(env.DB, WRITTEN)).toBe(before);
  });
});
