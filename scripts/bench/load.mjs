// A small, bounded load generator on loopback: `concurrency` keep-alive connections, each
// sending its requests one after another, every response read to its last byte. It stops after
// `requests` requests, or once `budgetMs` has passed and at least `minRequests` are done,
// whichever comes first, so a slow route at 10,000 plans cannot make the run unbounded.
import http from "node:http";

export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(samples, wallMs) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (x) => (x === null ? null : Math.round(x * 100) / 100);
  return {
    requests: sorted.length,
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    min: round(sorted[0] ?? null),
    max: round(sorted[sorted.length - 1] ?? null),
    rps: wallMs > 0 ? Math.round((sorted.length / wallMs) * 1000 * 10) / 10 : null,
  };
}

/** One GET; resolves with its status, headers, body size and time to the last byte. */
/** What the bench entry says a request cost in D1: round trips, statements, rows read. */
export function benchHeaders(headers) {
  const number = (key) => Number(headers[`x-bench-${key}`]);
  return {
    roundTrips: number("d1-round-trips"),
    statements: number("d1-statements"),
    rowsRead: number("rows-read"),
  };
}

export function get(url, { agent, headers = {}, keepBody = false } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.get(url, { agent, headers }, (res) => {
      let bytes = 0;
      const chunks = [];
      res.on("data", (chunk) => {
        bytes += chunk.length;
        if (keepBody) chunks.push(chunk);
      });
      res.on("end", () =>
        resolve({
          status: res.statusCode,
          headers: res.headers,
          bytes,
          body: keepBody ? Buffer.concat(chunks).toString("utf8") : null,
          ms: performance.now() - started,
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

/**
 * Runs one bounded load. Every response must have `expectStatus`; anything else is an error,
 * because a benchmark of error pages would measure the wrong thing.
 */
export async function load(url, options) {
  const { concurrency, requests, minRequests = 1, budgetMs, headers, expectStatus } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const samples = [];
  let started = 0;
  const t0 = performance.now();
  const more = () =>
    started < requests &&
    (started < minRequests || budgetMs === undefined || performance.now() - t0 < budgetMs);
  const connection = async () => {
    while (more()) {
      started += 1;
      const res = await get(url, { agent, headers });
      if (res.status !== expectStatus) {
        throw new Error(`GET ${url} answered ${res.status}, expected ${expectStatus}`);
      }
      samples.push(res.ms);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, connection));
  } finally {
    agent.destroy();
  }
  return { samples, wallMs: performance.now() - t0 };
}
