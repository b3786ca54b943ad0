#!/usr/bin/env node
// Loads the demo dataset (scripts/demo-data.json, built from five news articles) into a running
// monitor through its public API, so the seed goes through the same validation as any user's
// data. Safe to run again: indicators and plans are PUT by id, and a figure already stored is
// reported back as a duplicate instead of being added twice.
//
//   node scripts/seed.mjs [--url http://localhost:8787] [--token <ADMIN_TOKEN>]
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

export function readDevVar(name) {
  for (const file of [".dev.vars", ".dev.vars.example"]) {
    try {
      const line = readFileSync(join(root, file), "utf8")
        .split("\n")
        .find((l) => l.startsWith(`${name}=`));
      if (line) return line.slice(name.length + 1).trim();
    } catch {
      // try the next file
    }
  }
  return undefined;
}

export async function seed(baseUrl, token) {
  const data = JSON.parse(readFileSync(join(root, "scripts/demo-data.json"), "utf8"));
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
  async function send(method, path, body) {
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body: JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return { status: res.status, body: JSON.parse(text) };
  }
  let created = 0;
  // Regions before the provinces that lie in them, and both before the indicators that name them.
  for (const { id, ...area } of data.areas ?? []) {
    if ((await send("PUT", `/api/areas/${id}`, area)).status === 201) created += 1;
  }
  for (const { id, ...indicator } of data.indicators) {
    if ((await send("PUT", `/api/indicators/${id}`, indicator)).status === 201) created += 1;
  }
  for (const { id, ...plan } of data.plans) {
    if ((await send("PUT", `/api/plans/${id}`, plan)).status === 201) created += 1;
  }
  const { body } = await send("POST", "/api/actuals", data.actuals);
  return {
    indicators: data.indicators.length,
    plans: data.plans.length,
    actualsInserted: body.inserted.length,
    actualsAlreadyThere: body.duplicates,
    created,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = arg("url", "http://localhost:8787");
  const token = arg("token", process.env.ADMIN_TOKEN ?? readDevVar("ADMIN_TOKEN"));
  seed(url, token)
    .then((r) =>
      console.log(
        `seeded ${url}: ${r.indicators} indicators, ${r.plans} plans, ${r.actualsInserted} new figures (${r.actualsAlreadyThere} already stored)`,
      ),
    )
    .catch((err) => {
      console.error(err.message);
      process.exit(1);
    });
}
