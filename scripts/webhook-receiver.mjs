#!/usr/bin/env node
// A local receiver for trying webhooks: prints every notification the monitor sends and
// checks its Standard Webhooks signature with the `standardwebhooks` package.
//
//   WEBHOOK_SECRET=whsec_... node scripts/webhook-receiver.mjs [port]     (default port 9000)
import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";

const port = Number(process.argv[2] ?? 9000);
const secret = process.env.WEBHOOK_SECRET;
const verifier = secret ? new Webhook(secret) : null;

createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    let verdict = "not checked (set WEBHOOK_SECRET)";
    if (verifier) {
      try {
        verifier.verify(body, req.headers);
        verdict = "signature OK";
      } catch (err) {
        verdict = `signature REJECTED: ${err.message}`;
      }
    }
    let summary = body;
    try {
      const { type, data } = JSON.parse(body);
      summary = `${type} ${data?.plan?.id ?? ""} ${data?.previous_status ?? ""} → ${data?.status ?? ""} (${data?.severity ?? ""})`;
    } catch {
      // not JSON: show it as it came
    }
    console.log(
      `[${new Date().toISOString()}] webhook-id ${req.headers["webhook-id"]}: ${summary} — ${verdict}`,
    );
    res.statusCode = 204;
    res.end();
  });
}).listen(port, "127.0.0.1", () => console.log(`receiving on http://127.0.0.1:${port}/`));
