// CSV upload on the desk: the import's own dry run, shown as a table, then the import of the
// very text that was checked, audited as a CSV file.
import { Hono } from "hono";
import { importCsv } from "../../commands/import-csv";
import { FormReader } from "../../desk/fields";
import { IMPORT_KINDS, type ImportKind } from "../../domain/vocabulary";
import type { DecimalMark } from "../../import/cells";
import type { RowError } from "../../import/rows";
import { ApiError } from "../../lib/errors";
import { allows } from "../../lib/principal";
import { ImportPage, type ImportView } from "../../views/desk/import-page";
import { paths } from "../../views/links";
import {
  type DeskEnv,
  deskRequest,
  formValues,
  refuse,
  refuseError,
  render,
  withWho,
  writer,
} from "./context";

/** A file for the desk: a month of a province's figures is a few kilobytes. */
export const DESK_CSV_BYTES = 1024 * 1024;

export const importRoutes = new Hono<DeskEnv>()
  .get(paths.deskImport, async (c) => {
    const r = await withWho(c, deskRequest(c, "import"));
    const values = { decimal: r.l.lang === "vi" ? "comma" : "point" };
    return render(
      c,
      <ImportPage
        frame={r.frame}
        state={{ values, problems: [] }}
        view={null}
        maxBytes={DESK_CSV_BYTES}
      />,
    );
  })
  .post(paths.deskImport, async (c) => {
    const r = await withWho(c, deskRequest(c, "import"));
    const principal = r.principal;
    if (!principal) throw new Error("the desk guard lets no one in unsigned");
    if (!allows(principal, "write")) return refuse(c, r, "forbidden", "refused_read_only", 403);
    const body = await c.req.parseBody();
    const values = await formValues(c);
    const form = new FormReader(values, r.l.lang);
    const kind = form.choice("kind", ["", ...IMPORT_KINDS] as const, "");
    const decimal = form.choice("decimal", ["comma", "point"] as const, "point");
    const file = body.file;
    let bytes: ArrayBuffer | null = null;
    if (values.action === "import") {
      bytes = new TextEncoder().encode(values.csv ?? "").buffer as ArrayBuffer;
    } else if (file instanceof File && file.size > 0) {
      bytes = await file.arrayBuffer();
    } else {
      form.fail("file", "required");
    }
    const page = (view: ImportView | null, status: 200 | 422 = 200) =>
      render(
        c,
        <ImportPage
          frame={r.frame}
          state={{ values, problems: form.problems }}
          view={view}
          maxBytes={DESK_CSV_BYTES}
        />,
        form.problems.length > 0 ? 422 : status,
      );
    if (!bytes || form.problems.length > 0) return page(null);
    if (bytes.byteLength > DESK_CSV_BYTES) {
      return refuse(c, r, "payload_too_large", "refused_too_large", 413, { max: "1 MB" });
    }
    const dryRun = values.action !== "import";
    try {
      const result = await importCsv(
        c.var.db,
        new Uint8Array(bytes),
        {
          kind: (kind || undefined) as ImportKind | undefined,
          dryRun,
          decimal: decimal as DecimalMark,
        },
        writer(c, "csv"),
      );
      if (dryRun) {
        // The text goes back in the page, to be imported as it was checked.
        const csv = new TextDecoder().decode(bytes);
        return page({ result, problems: [], detail: null, csv });
      }
      const { created, updated, revised } = result.summary;
      return c.redirect(
        r.frame.links.to(paths.desk, { saved: String(created + updated + revised) }),
        303,
      );
    } catch (err) {
      if (
        err instanceof ApiError &&
        err.code !== "rate_limited" &&
        err.code !== "database_unavailable"
      ) {
        // Row problems name their row and column; a refusal by scope names them in its path.
        const problems = (err.errors ?? []).map((e): RowError => {
          if ("row" in e) return e as RowError;
          const [, row = "0", column] = /^\/rows\/(\d+)(?:\/(.+))?$/.exec(e.path) ?? [];
          return { ...e, row: Number(row), ...(column ? { column } : {}) };
        });
        return page({ result: null, problems, detail: err.message, csv: "" }, 422);
      }
      return refuseError(c, r, err);
    }
  });
