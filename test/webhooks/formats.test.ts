import { describe, expect, it } from "vitest";
import type { EventData } from "../../src/schemas/event";
import { renderBody } from "../../src/webhooks/formats";
import { headline } from "../../src/webhooks/text";
import { event } from "./event-fixture";

// A title with markup and mentions, to prove every format escapes what users typed.
const data: EventData = event({
  plan: { ...event().plan, title: "Exports <b>@everyone</b> & more" },
});

describe("formats", () => {
  it("json is the Standard Webhooks payload", () => {
    const body = JSON.parse(renderBody("json", data));
    expect(body).toEqual({ type: "plan.status_changed", timestamp: data.occurred_at, data });
    expect(body.data).toMatchObject({
      id: data.id,
      previous_status: "on_track",
      status: "off_track",
      severity: "critical",
      link: data.link,
      evaluation: { attainment: 0.2, pace: 0.6, projection: 1_650_000_000 },
    });
  });

  it("slack has a fallback text and blocks, with markup escaped", () => {
    const body = JSON.parse(renderBody("slack", data));
    expect(body.text).toContain("on track → off track");
    expect(body.text).toContain("&lt;b&gt;");
    expect(body.text).not.toContain("<b>");
    expect(body.blocks.map((b: { type: string }) => b.type)).toEqual([
      "header",
      "section",
      "context",
    ]);
    expect(JSON.stringify(body.blocks[2])).toContain(`<${data.link}|Open on the status page>`);
    expect(body.blocks[0].text.text.length).toBeLessThanOrEqual(150);
  });

  it("discord has an embed and pings no one", () => {
    const body = JSON.parse(renderBody("discord", data));
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds[0]).toMatchObject({
      url: data.link,
      timestamp: data.occurred_at,
      color: 0xd93025,
    });
    expect(body.embeds[0].fields.find((f: { name: string }) => f.name === "Attainment").value).toBe(
      "20.0%",
    );
  });

  it("headlines say what happened", () => {
    expect(headline({ ...data, plan: { ...data.plan, title: null } })).toBe(
      "Goods exports, Nghe An 2026: on track → off track",
    );
    expect(headline({ ...data, type: "plan.stale", plan: { ...data.plan, title: "X" } })).toBe(
      "X: figures overdue (due 2026-06-29)",
    );
    expect(
      headline({ ...data, type: "plan.reminder", stale: true, plan: { ...data.plan, title: "X" } }),
    ).toBe("X: still off track, figures overdue");
  });

  describe("a title that spells a link or a mention", () => {
    const hostile = event({
      plan: {
        ...event().plan,
        title:
          "[Official figures](https://evil.example) <https://evil.example|click> <@123> <!channel> **bold** @everyone",
      },
    });

    it("discord shows it as text: no masked link, no formatting, no mention", () => {
      const body = JSON.parse(renderBody("discord", hostile));
      for (const text of [body.content, body.embeds[0].title]) {
        expect(text).not.toMatch(/(?<!\\)\[[^\]]*\]\(/);
        expect(text).toContain("\\[Official figures\\]\\(https\\://evil.example\\)");
        expect(text).toContain("\\<\\@123\\>");
        expect(text).toContain("\\*\\*bold\\*\\*");
      }
      expect(body.allowed_mentions).toEqual({ parse: [] });
    });

    it("discord escapes the unit in every field", () => {
      const withUnit = event({
        indicator: { ...event().indicator, unit: "[USD](https://x.example)" },
      });
      const body = JSON.parse(renderBody("discord", withUnit));
      const target = body.embeds[0].fields.find((f: { name: string }) => f.name === "Target");
      expect(target.value).toContain("\\[USD\\]\\(https\\://x.example\\)");
    });

    it("slack shows it as text: no <url|label> link and no <!channel>", () => {
      const body = JSON.parse(renderBody("slack", hostile));
      const mrkdwn = [
        body.text,
        ...body.blocks.flatMap((b: { fields?: { text: string }[] }) =>
          (b.fields ?? []).map((f) => f.text),
        ),
      ];
      for (const text of mrkdwn) {
        expect(text).not.toMatch(/<https:\/\/evil/);
        expect(text).not.toContain("<!channel>");
        expect(text).not.toContain("<@123>");
      }
      expect(body.text).toContain("&lt;https://evil.example|click&gt;");
    });
  });
});
