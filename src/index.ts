import { buildApp } from "./app";
import { queue } from "./monitor/fanout";
import { scheduled } from "./monitor/tick";

const app = buildApp();

export default {
  fetch: app.fetch,
  scheduled,
  queue,
} satisfies ExportedHandler<Env>;
