import { buildApp } from "./app";
import { scheduled } from "./monitor/scheduled";

const app = buildApp();

export default {
  fetch: app.fetch,
  scheduled,
} satisfies ExportedHandler<Env>;
