import { describe, expect, it } from "vitest";
import { renderExposition } from "../../src/metrics/exposition";

describe("renderExposition", () => {
  it("writes HELP, TYPE and samples, escaping label values", () => {
    const text = renderExposition([
      {
        name: "target_monitor_plan_target",
        help: "The target.\nIn base units.",
        type: "gauge",
        samples: [{ labels: { plan: 'a"b\\c\nd', unit: "USD" }, value: 2_750_000_000 }],
      },
    ]);
    expect(text).toBe(
      [
        "# HELP target_monitor_plan_target The target.\\nIn base units.",
        "# TYPE target_monitor_plan_target gauge",
        'target_monitor_plan_target{plan="a\\"b\\\\c\\nd",unit="USD"} 2750000000',
        "",
      ].join("\n"),
    );
  });

  it("spells non-finite values the way Prometheus reads them", () => {
    const text = renderExposition([
      {
        name: "x",
        help: "h",
        type: "gauge",
        samples: [
          { labels: {}, value: Number.NaN },
          { labels: {}, value: Number.POSITIVE_INFINITY },
          { labels: {}, value: Number.NEGATIVE_INFINITY },
        ],
      },
    ]);
    expect(text.split("\n").slice(2, 5)).toEqual(["x NaN", "x +Inf", "x -Inf"]);
  });
});
