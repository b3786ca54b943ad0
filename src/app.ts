import { Hono } from "hono";

export function buildApp() {
  const app = new Hono<{ Bindings: Env }>();
  app.get("/healthz", (c) => c.json({ ok: true }));
  return app;
}
