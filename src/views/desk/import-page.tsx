// CSV upload: the file is checked by the import's own dry run and shown as a table (each row
// and what it would do, or each problem at its row and column); importing sends the same text
// again, carried in the page, so what is imported is exactly what was checked.
import type { RowError } from "../../import/rows";
import type { ImportResult } from "../../schemas/import";
import { paths } from "../links";
import type { Locale } from "../locale";
import { type FormState, SelectField } from "./fields";
import { type DeskFrame, DeskPage, FormToken, fieldId, ProblemSummary, problemText } from "./frame";

export interface ImportView {
  /** The dry run's answer, or the problems that refused the file. */
  result: ImportResult | null;
  problems: readonly RowError[];
  /** The refusal's own words, for a problem with no row (an empty file, a wrong encoding). */
  detail: string | null;
  /** The checked text, sent again to import it. */
  csv: string;
}

function KindAndMark({ l, state }: { l: Locale; state: FormState }) {
  return (
    <div class="pair">
      <SelectField
        l={l}
        state={state}
        name="kind"
        label={l.t("field_kind")}
        options={[
          { value: "", label: l.t("kind_auto") },
          { value: "actuals", label: l.t("kind_actuals") },
          { value: "plans", label: l.t("kind_plans") },
          { value: "indicators", label: l.t("kind_indicators") },
        ]}
      />
      <SelectField
        l={l}
        state={state}
        name="decimal"
        label={l.t("field_decimal")}
        options={[
          { value: "comma", label: l.t("decimal_comma") },
          { value: "point", label: l.t("decimal_point") },
        ]}
      />
    </div>
  );
}

function FileField({ l, state, maxBytes }: { l: Locale; state: FormState; maxBytes: number }) {
  const id = fieldId("file");
  const problem = state.problems.find((p) => p.field === "file");
  return (
    <div class="field">
      <label for={id}>{l.t("field_file")}</label>
      <input
        id={id}
        type="file"
        name="file"
        accept=".csv,text/csv"
        aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ""}`}
        aria-invalid={problem ? "true" : undefined}
      />
      <span class="hint" id={`${id}-hint`}>
        {l.t("field_file_hint", { max: `${Math.round(maxBytes / 1024)} KB` })}
      </span>
      {problem ? (
        <span class="problem" id={`${id}-problem`}>
          {problemText(l, problem)}
        </span>
      ) : null}
    </div>
  );
}

export function ImportPage({
  frame,
  state,
  view,
  maxBytes,
}: {
  frame: DeskFrame;
  state: FormState;
  view: ImportView | null;
  maxBytes: number;
}) {
  const { l, links } = frame;
  const result = view?.result ?? null;
  return (
    <DeskPage frame={frame}>
      <h1>{l.t("import_heading")}</h1>
      <p>{l.t("import_intro")}</p>
      <ProblemSummary l={l} problems={state.problems} />
      <form
        method="post"
        action={links.to(paths.deskImport)}
        enctype="multipart/form-data"
        class="desk"
        novalidate
      >
        <FormToken token={frame.formToken} />
        <FileField l={l} state={state} maxBytes={maxBytes} />
        <KindAndMark l={l} state={state} />
        <div class="actions">
          <button type="submit" name="action" value="check" class="primary">
            {l.t("import_check")}
          </button>
        </div>
      </form>
      {view && view.problems.length + (view.detail ? 1 : 0) > 0 ? (
        <section aria-labelledby="problems-h">
          <h2 id="problems-h">
            {l.t("import_problems", { n: Math.max(view.problems.length, 1) })}
          </h2>
          {view.detail ? (
            <p class="refused" lang="en">
              {view.detail}
            </p>
          ) : null}
          {view.problems.length > 0 ? (
            <div class="scroll">
              <table class="stack problems-table">
                <caption>{l.t("import_problems_caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{l.t("col_row")}</th>
                    <th scope="col">{l.t("col_column")}</th>
                    <th scope="col">{l.t("col_problem")}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.problems.map((p) => (
                    <tr data-row={String(p.row)} data-column={p.column ?? ""}>
                      <td data-label={l.t("col_row")}>{String(p.row)}</td>
                      <td data-label={l.t("col_column")}>{p.column ?? "—"}</td>
                      <td data-label={l.t("col_problem")} lang="en">
                        {p.message}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}
      {result ? (
        <section aria-labelledby="rows-h">
          <h2 id="rows-h">{l.t("import_rows_caption")}</h2>
          <div class="scroll">
            <table class="stack rows-table">
              <caption>{l.t("import_rows_caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{l.t("col_row")}</th>
                  <th scope="col">{l.t("col_outcome")}</th>
                  <th scope="col">{l.t("field_id")}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r) => (
                  <tr data-row={String(r.row)} data-outcome={r.outcome}>
                    <td data-label={l.t("col_row")}>{String(r.row)}</td>
                    <td data-label={l.t("col_outcome")}>{l.t(`outcome_${r.outcome}`)}</td>
                    <td data-label={l.t("field_id")}>{r.id === null ? "—" : String(r.id)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form method="post" action={links.to(paths.deskImport)} class="desk">
            <FormToken token={frame.formToken} />
            <input type="hidden" name="kind" value={state.values.kind ?? ""} />
            <input type="hidden" name="decimal" value={state.values.decimal ?? ""} />
            <textarea name="csv" hidden>
              {view?.csv ?? ""}
            </textarea>
            <div class="actions">
              <button type="submit" name="action" value="import" class="primary">
                {l.t("import_commit", { n: result.summary.rows })}
              </button>
            </div>
          </form>
        </section>
      ) : null}
    </DeskPage>
  );
}
