// The backup document written as it is read: each table a page at a time, each page turned into
// its part of the JSON and sent before the next is read. What is held at once is one page,
// whatever the size of the dataset; the bytes are exactly those of JSON.stringify of the whole
// document (test/api/golden.test.ts pins them), so a streamed export restores like any other.
//
// The pages are separate reads, not one transaction. Every write raises the data version, so
// the export reads it before the first page and again after the last: if anything was written
// in between, the stream is broken off instead of ending, and a client is left with a document
// that does not parse rather than one that mixes two states of the data. Retry it.
import type { Db } from "../db/client";
import { pageActuals, pageAreas, pageIndicators, pagePlans } from "../db/queries/backup";
import { getDataVersion } from "../db/queries/meta";
import { actualOut } from "../presenters/actual";
import { areaOut } from "../presenters/area";
import { indicatorOut } from "../presenters/indicator";
import { planOut, revisionOut } from "../presenters/plan";
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION } from "../schemas/backup";

/** Rows read per page: a few hundred KB of JSON at most. */
const PAGE = 500;

/** The parts of the document, in order: one string per page, or per piece of punctuation. */
async function* parts(db: Db, dataVersion: number, exportedAt: string) {
  yield `{"format":${JSON.stringify(BACKUP_FORMAT)},"format_version":${BACKUP_FORMAT_VERSION},"exported_at":${JSON.stringify(exportedAt)},"data_version":${dataVersion}`;
  let first = true;
  const list = (items: unknown[]) => {
    const json = items.map((item) => JSON.stringify(item)).join(",");
    const part = first || json === "" ? json : `,${json}`;
    if (json !== "") first = false;
    return part;
  };

  yield ',"areas":[';
  first = true;
  for (let after: string | null = null; ; ) {
    const rows = await pageAreas(db, after, PAGE);
    yield list(rows.map(areaOut));
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]?.id ?? null;
  }

  yield '],"indicators":[';
  first = true;
  for (let after: string | null = null; ; ) {
    const rows = await pageIndicators(db, after, PAGE);
    yield list(rows.map(indicatorOut));
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]?.id ?? null;
  }

  yield '],"plans":[';
  first = true;
  for (let after: string | null = null; ; ) {
    const page = await pagePlans(db, after, PAGE);
    const byPlan = Map.groupBy(page.revisions, (r) => r.planId);
    yield list(
      page.plans.map((p) => ({
        plan: planOut(p),
        revisions: (byPlan.get(p.id) ?? []).map(revisionOut),
      })),
    );
    if (page.plans.length < PAGE) break;
    after = page.plans[page.plans.length - 1]?.id ?? null;
  }

  yield '],"actuals":[';
  first = true;
  for (let after: number | null = null; ; ) {
    const rows = await pageActuals(db, after, PAGE);
    yield list(rows.map(actualOut));
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]?.id ?? null;
  }
  yield "]}";
}

/** The whole dataset as a stream of UTF-8 JSON, or an error if it changed while being read. */
export async function exportBackup(
  db: Db,
  exportedAt: string,
): Promise<ReadableStream<Uint8Array>> {
  const dataVersion = await getDataVersion(db);
  const encoder = new TextEncoder();
  const source = parts(db, dataVersion, exportedAt);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await source.next();
        if (!next.done) {
          if (next.value !== "") controller.enqueue(encoder.encode(next.value));
          return;
        }
        if ((await getDataVersion(db)) !== dataVersion) {
          controller.error(
            new Error("The data changed while it was being exported; export again."),
          );
          return;
        }
        controller.close();
      },
      async cancel() {
        await source.return(undefined);
      },
    },
    // Nothing is read ahead of the client: a slow download holds one page, not the dataset.
    { highWaterMark: 0 },
  );
}
