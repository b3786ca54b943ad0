import { createRoute } from "@hono/zod-openapi";
import { readDataset } from "../db/queries/backup";
import { createRouter } from "../http/router";
import { nowIso } from "../lib/clock";
import { backupDocument } from "../presenters/backup";
import { BackupDocumentSchema } from "../schemas/backup";

export const exportRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/export",
    tags: ["import and backup"],
    summary:
      "The whole dataset as one JSON document: every indicator, every plan with every revision, every vintage of every figure",
    description:
      "Public like every read: it holds nothing the other GET routes do not show. Webhooks, their secrets and the monitor's alert history are not part of it. POST the document to /api/import to restore it into an empty database.",
    responses: {
      200: {
        description: "The backup, as a consistent snapshot",
        content: { "application/json": { schema: BackupDocumentSchema } },
      },
    },
  }),
  async (c) => {
    const now = nowIso();
    const { data, dataVersion } = await readDataset(c.var.db);
    c.header("Cache-Control", "no-store");
    c.header(
      "Content-Disposition",
      `attachment; filename="target-monitor-${now.slice(0, 10)}.json"`,
    );
    return c.json(backupDocument(data, dataVersion, now), 200);
  },
);
