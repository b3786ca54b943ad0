import { createRoute, z } from "@hono/zod-openapi";
import { loadMonitorCounts } from "../db/queries/metrics";
import { loadEvaluatedPlans } from "../evaluation/evaluate";
import { createRouter } from "../http/router";
import { todayUtc } from "../lib/clock";
import { CONTENT_TYPE, renderExposition } from "../metrics/exposition";
import { monitorMetricFamilies } from "../metrics/monitor-metrics";
import { planMetricFamilies } from "../metrics/plan-metrics";
import { planStatusOut } from "../presenters/evaluation";

export const metricsRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/metrics",
    tags: ["meta"],
    summary: "Every plan's figures in the Prometheus text format, for scraping",
    responses: {
      200: {
        description: "Prometheus text exposition format 0.0.4",
        content: { "text/plain": { schema: z.string() } },
      },
    },
  }),
  async (c) => {
    const asOf = todayUtc();
    const [{ dataVersion, plans }, counts] = await Promise.all([
      loadEvaluatedPlans(c.var.db, { asOf }),
      loadMonitorCounts(c.var.db),
    ]);
    const families = planMetricFamilies(plans.map(planStatusOut), asOf);
    families.push(...monitorMetricFamilies(counts));
    families.push({
      name: "target_monitor_data_version",
      help: "Grows with every write that changed stored data.",
      type: "gauge",
      samples: [{ labels: {}, value: dataVersion }],
    });
    return c.text(renderExposition(families), 200, { "content-type": CONTENT_TYPE });
  },
);
