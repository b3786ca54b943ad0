// An editor sets the statistics office's release calendar on an indicator from the desk, and
// re-saving the form keeps the calendar and the concept it was opened with.
import { beforeAll, describe, expect, it } from "vitest";
import { call, createIndicator, createToken, uid } from "../factories";
import { type Browser, fieldValue, openForm, signIn, submit, textOf } from "./helpers";

const DAY_6 = {
  schedules: [
    {
      effective_from: null,
      releases: [{ vintage: "estimate", due: { kind: "day_of_month", months_after: 1, day: 6 } }],
    },
  ],
};

let editor: Browser;

beforeAll(async () => {
  const token = await createToken({ scopes: ["write"], indicator_scope: "nghe-an", name: "Sở" });
  editor = await signIn(token.token);
});

const fields = (id: string, extra: Record<string, string> = {}) => ({
  id,
  name: "Goods exports",
  scope: "nghe-an",
  scope_name: "Nghe An",
  scope_level: "locality",
  unit: "USD",
  measure: "flow",
  cadence: "monthly",
  tags: "",
  ...extra,
});

async function stored(id: string) {
  return (await (await call(`/api/indicators/${id}`)).json()) as {
    release_rule: unknown;
    concept: string | null;
  };
}

describe("the release calendar on the indicator form", () => {
  it("sets day 6 of the next month and a concept", async () => {
    const id = `nghe-an.${uid("exports")}`;
    const res = await submit(editor, "/desk/indicators", {
      action: "save",
      ...fields(id, { concept: "exports", release_rule: JSON.stringify(DAY_6) }),
    });
    expect(res.status).toBe(303);
    expect(await stored(id)).toMatchObject({ release_rule: DAY_6, concept: "exports" });
  });

  it("keeps the calendar when the form is opened and saved again", async () => {
    const id = await createIndicator(
      { release_rule: DAY_6, concept: "exports" },
      `nghe-an.${uid("x")}`,
    );
    const { html } = await openForm(editor, `/desk/indicators?id=${id}`);
    expect(fieldValue(html, "concept")).toBe("exports");
    const rule = /<textarea[^>]*name="release_rule"[^>]*>([^<]*)<\/textarea>/.exec(html)?.[1] ?? "";
    const decoded = rule.replaceAll("&quot;", '"').replaceAll("&amp;", "&");
    expect(JSON.parse(decoded)).toEqual(DAY_6);
    const res = await submit(editor, "/desk/indicators", {
      action: "save",
      ...fields(id, {
        concept: "exports",
        release_rule: decoded,
        tags: "trade",
        name_vi: "Xuất khẩu hàng hóa",
        scope_name_vi: "Nghệ An",
      }),
    });
    expect(res.status).toBe(303);
    expect((await stored(id)).release_rule).toEqual(DAY_6);
  });

  it("refuses a calendar that is not JSON, or a day 32, beside the field", async () => {
    const id = `nghe-an.${uid("bad")}`;
    const notJson = await submit(editor, "/desk/indicators", {
      action: "save",
      ...fields(id, { release_rule: "day 6 of the next month" }),
    });
    expect(notJson.status).toBe(422);
    expect(textOf(await notJson.text())).toContain("Not JSON.");
    const day32 = await submit(editor, "/desk/indicators", {
      action: "save",
      ...fields(id, {
        release_rule: JSON.stringify({
          schedules: [
            {
              effective_from: null,
              releases: [
                { vintage: "estimate", due: { kind: "day_of_month", months_after: 1, day: 32 } },
              ],
            },
          ],
        }),
      }),
    });
    expect(day32.status).toBe(422);
    expect(textOf(await day32.text())).toContain("day must be a whole number from 1 to 31");
    expect((await call(`/api/indicators/${id}`)).status).toBe(404);
  });
});
