import { createRoute } from "@hono/zod-openapi";
import { exportBackup } from "../commands/export-backup";
import { createRouter } from "../http/router";
import { nowIso } from "../lib/clock";
import { BackupDocumentSchema } from "../schemas/backup";

const exportRoute = createRoute({
  method: "get",
  path: "/export",
  tags: ["import and backup"],
  summary:
    "The whole dataset as one JSON document: every area, every indicator, every plan with every revision, every vintage of every figure",
  description:
    "Public like every read: it holds nothing the other GET routes do not show. Webhooks, their secrets and the monitor's alert history are not part of it. POST the document to /api/import to restore it into an empty database. The document is streamed a page of rows at a time; if the data changes while it is being read, the stream is broken off (the document will not parse) rather than mixing two states: export again.",
  responses: {
    200: {
      description: "The backup, as a consistent snapshot",
      content: { "application/json": { schema: BackupDocumentSchema } },
    },
  },
});

export const exportRoutes = createRouter();

// Described like every route, but answered with a stream of the JSON, which the typed
// `openapi()` handler (made for c.json) cannot return.
exportRoutes.openAPIRegistry.registerPath(exportRoute);
exportRoutes.get(exportRoute.path, async (c) => {
  const now = nowIso();
  const stream = await exportBackup(c.var.db, now);
  c.header("Cache-Control", "no-store");
  c.header("Content-Disposition", `attachment; filename="target-monitor-${now.slice(0, 10)}.json"`);
  return c.body(stream, 200, { "Content-Type": "application/json" });
});
