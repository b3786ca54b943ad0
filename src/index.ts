import { buildApp } from "./app";
import { scheduled } from "./monitor/tick";

const app = buildApp();

export default {
  fetch: app.fetch,
  scheduled,
} satisfies ExportedHandler<Env>;
