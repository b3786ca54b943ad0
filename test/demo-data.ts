// Loads scripts/demo-data.json through the public API, exactly as scripts/seed.mjs does, so the
// pages are tested on the same dataset a new user sees after `npm start`.
import demo from "../scripts/demo-data.json";
import { send } from "./factories";

export { demo };

export async function loadDemoData(): Promise<void> {
  for (const { id, ...area } of demo.areas) {
    const res = await send("PUT", `/api/areas/${id}`, area);
    if (!res.ok) throw new Error(`area ${id}: ${res.status} ${await res.text()}`);
  }
  for (const { id, ...indicator } of demo.indicators) {
    const res = await send("PUT", `/api/indicators/${id}`, indicator);
    if (!res.ok) throw new Error(`indicator ${id}: ${res.status} ${await res.text()}`);
  }
  for (const { id, ...plan } of demo.plans) {
    const res = await send("PUT", `/api/plans/${id}`, plan);
    if (!res.ok) throw new Error(`plan ${id}: ${res.status} ${await res.text()}`);
  }
  const res = await send("POST", "/api/actuals", demo.actuals);
  if (!res.ok) throw new Error(`actuals: ${res.status} ${await res.text()}`);
}
