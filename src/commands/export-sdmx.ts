// The SDMX-CSV exports, written as they are read. A Worker has 128 MB: the figures of 10,000
// plans (about 157,000 vintages, 24 MB of CSV) read at once and written as one string take
// more than that (177-207 MiB, measured), so the export counts what each indicator holds, then
// reads and writes a page of whole indicators at a time. The answer streams: its memory stays
// that of one page, whatever the size of the dataset.
//
// Each page is read on its own, so a figure recorded while a large export runs appears in it
// or not depending on whether its indicator was read yet; every indicator's figures are one
// consistent read.
import { IDS_PER_QUERY } from "../db/chunks";
import type { Db } from "../db/client";
import {
  countFigureVintages,
  countPlanRevisions,
  listFigureVintages,
  listPlanRevisions,
  type SeriesCount,
  type SeriesFilter,
} from "../db/queries/exchange";
import {
  figureLines,
  type SdmxCsvOptions,
  sdmxCsvStart,
  targetLines,
} from "../formats/sdmx-csv-writer";

/**
 * Rows read at once. Exporting the figures of 10,000 plans (scripts/bench/exchange.mjs), pages
 * of 5,000 rows took the isolate's heap to 58-104 MiB, of 2,000 to 45-79 MiB and of 1,000 to
 * 32-50 MiB (in use - committed), with no clear cost in time: well inside the 128 MB.
 */
export const ROWS_PER_PAGE = 1_000;

export interface SdmxExport {
  filter: SeriesFilter;
  /** Every vintage (every revision of a target), not only the latest. */
  includeHistory: boolean;
  options: SdmxCsvOptions;
}

/**
 * Indicators cut into pages in their export order: at most ROWS_PER_PAGE rows and
 * IDS_PER_QUERY indicators a page, an indicator with more rows than that on a page of its own.
 */
export function exportPages(counts: readonly SeriesCount[]): string[][] {
  const pages: string[][] = [];
  let page: string[] = [];
  let rows = 0;
  for (const { id, rows: n } of counts) {
    if (page.length > 0 && (rows + n > ROWS_PER_PAGE || page.length === IDS_PER_QUERY)) {
      pages.push(page);
      page = [];
      rows = 0;
    }
    page.push(id);
    rows += n;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/** A stream of the text blocks `blocks` yields, read only as fast as the client takes them. */
function streamOf(blocks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await blocks.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await blocks.return(undefined);
    },
  });
}

/**
 * The FIGURES dataflow of everything `request.filter` selects. The counts are read before the
 * answer starts, so a database that cannot be reached is a problem answer, not a cut file.
 */
export async function figuresExport(db: Db, request: SdmxExport) {
  const { filter, includeHistory, options } = request;
  const pages = exportPages(await countFigureVintages(db, filter));
  return streamOf(
    (async function* () {
      yield sdmxCsvStart("figures", options);
      for (const ids of pages) {
        const rows = await listFigureVintages(db, ids, filter);
        yield figureLines(rows, { ...options, includeHistory, asOf: filter.asOf });
      }
    })(),
  );
}

/** The TARGETS dataflow of everything `request.filter` selects, as figuresExport does it. */
export async function targetsExport(db: Db, request: SdmxExport) {
  const { filter, includeHistory, options } = request;
  const pages = exportPages(await countPlanRevisions(db, filter));
  return streamOf(
    (async function* () {
      yield sdmxCsvStart("targets", options);
      for (const ids of pages) {
        const rows = await listPlanRevisions(db, ids, filter);
        const targets = rows.map((r) => ({ ...r.snapshot, area: r.area, unit: r.unit }));
        yield targetLines(targets, { ...options, includeHistory });
      }
    })(),
  );
}
