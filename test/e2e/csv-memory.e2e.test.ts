// The memory a CSV upload costs, where only the runtime shows it: the V8 heap of the Worker's own
// isolate under `wrangler dev`, sampled through the inspector while hostile files of every shape
// are sent at the full 8 MiB the route accepts. A production isolate has 128 MB; a file that
// would take more crashes the runtime for every request, not just the upload. Each file must be
// answered (refused with its own reason, or accepted), leave the Worker healthy, and keep the
// isolate's heap inside that limit. The peaks are printed: docs/benchmarks.md records them. The
// files go one after another into the same isolate, and workerd's inspector cannot force a
// collection, so a peak also holds garbage the uploads before it left: an upper bound.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { heapSamplerAt } from "../../scripts/bench/heap.mjs";
import { E2E_ADMIN_TOKEN, expectJson, type RunningMonitor, startMonitor } from "./harness";

const MiB = 1024 * 1024;
/** The body limit of /api/import, and of the CSV reader. */
const LIMIT = 8 * MiB;
/** What one Worker isolate may hold in production. */
const ISOLATE_LIMIT_MIB = 128;

let monitor: RunningMonitor;
const indicator = "e2e-csv.exports";

beforeAll(async () => {
  monitor = await startMonitor({ seed: false });
  await expectJson(
    await monitor.write("PUT", `/api/indicators/${indicator}`, {
      name: "Exports",
      scope: "e2e-csv",
      scope_name: "E2E CSV",
      scope_level: "locality",
      unit: "USD",
      measure: "flow",
      cadence: "monthly",
    }),
    201,
  );
});
afterAll(async () => {
  await monitor?.stop();
});

const HEADER = "indicator_id,period_start,period_end,value,scale,status,reported_at,note\n";

function validRows(count: number, note = "Statistical yearbook"): string {
  const lines = [HEADER];
  for (let i = 0; i < count; i += 1) {
    const year = 1000 + Math.floor(i / 12);
    const month = String((i % 12) + 1).padStart(2, "0");
    lines.push(
      `${indicator},${year}-01-01,${year}-${month}-28,${1000 + i},million,final,${year + 1}-01-15,${note}\n`,
    );
  }
  return lines.join("");
}

/** Rows repeated up to about `bytes`. */
function repeatTo(header: string, row: string, bytes: number): string {
  return header + row.repeat(Math.floor((bytes - header.length) / row.length));
}

interface Shape {
  name: string;
  body: () => string;
  status: number;
  code?: string;
  query?: string;
  /** Sent without Content-Length, as a stream the Worker must cut off itself. */
  chunked?: boolean;
}

const shapes: Shape[] = [
  {
    name: "an 8 MiB header of empty columns",
    body: () => ",".repeat(LIMIT),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a 1 MiB header of named columns",
    body: () => "c,".repeat(MiB / 2),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "an 8 MiB row of empty columns",
    body: () => HEADER + ",".repeat(LIMIT - HEADER.length),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "8 MiB of blank lines",
    body: () => HEADER + "\n".repeat(LIMIT - HEADER.length),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "an 8 MiB quoted field that never closes",
    body: () => `${HEADER}"${"x".repeat(LIMIT - HEADER.length - 1)}`,
    status: 422,
    code: "validation_failed",
  },
  {
    name: "10,000 rows with every cell wrong",
    body: () => repeatTo(HEADER, "?,?,?,?,?,?,?,?\n", 10_000 * 16 + HEADER.length),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "8 MiB of valid rows, past 10,000",
    body: () => repeatTo(HEADER, validRows(1).slice(HEADER.length), LIMIT),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "10,000 valid rows, checked in a dry run",
    body: () => validRows(10_000),
    query: "?dry_run=true",
    status: 200,
  },
  {
    name: "10,000 valid rows, imported in one batch",
    body: () => validRows(10_000),
    status: 200,
  },
  {
    // Rows with long notes: fewer than 10,000 of them pass 8 MiB, so the byte limit stops it.
    name: "9 MB of rows with long notes, streamed without a length",
    body: () => validRows(10_000, "n".repeat(800)).slice(0, LIMIT + 64 * 1024),
    chunked: true,
    status: 413,
    code: "payload_too_large",
  },
];

/** A body as a stream of 64 KiB chunks: fetch then sends it chunked, with no Content-Length. */
function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + 64 * 1024));
      at += 64 * 1024;
    },
  });
}

const measured: { shape: string; status: number; usedMiB: number; totalMiB: number }[] = [];

describe("a CSV upload of any shape up to the body limit", () => {
  it.each(shapes)("$name: answered $status within the isolate's memory", async (shape) => {
    const text = shape.body();
    expect(new TextEncoder().encode(text).byteLength).toBeLessThanOrEqual(LIMIT + 64 * 1024);
    const heap = await heapSamplerAt(monitor.inspectorUrl, { intervalMs: 10 });
    try {
      heap.start();
      const res = await fetch(`${monitor.baseUrl}/api/import${shape.query ?? ""}`, {
        method: "POST",
        headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}`, "content-type": "text/csv" },
        body: shape.chunked ? streamOf(text) : text,
        ...(shape.chunked ? { duplex: "half" } : {}),
      } as RequestInit);
      const answer = (await res.json()) as { code?: string };
      const peak = await heap.stop();
      measured.push({ shape: shape.name, status: res.status, ...peak });
      expect(res.status).toBe(shape.status);
      if (shape.code) expect(answer.code).toBe(shape.code);
      // What the isolate holds live; the heap it has committed also holds garbage V8 has not
      // collected yet, which it would collect before running out.
      expect(peak.usedMiB).toBeLessThan(ISOLATE_LIMIT_MIB);
    } finally {
      heap.close();
    }
    // The runtime survived: the next request is answered at once.
    expect((await fetch(`${monitor.baseUrl}/healthz`)).status).toBe(200);
  });

  afterAll(() => {
    console.log(
      [
        "CSV uploads: peak isolate heap, used / committed (MiB)",
        ...measured.map((m) => `  ${m.shape}: ${m.status}, ${m.usedMiB} / ${m.totalMiB}`),
      ].join("\n"),
    );
  });
});
