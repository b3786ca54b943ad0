// Paste a bulletin: the text box, then one editable draft per figure the text gave, each
// quoting its sentence and showing what saving it would do; the statements that could not be
// placed, and the targets found, listed below. Saving writes every ticked draft or none.
import type { BulletinDraft, UnplacedStatement } from "../../bulletins/types";
import type { FigurePreview } from "../../commands/preview";
import type { MessageKey } from "../i18n";
import { paths } from "../links";
import type { Locale } from "../locale";
import {
  ChoiceField,
  FigureFields,
  type FormState,
  type Option,
  statusOptions,
  TextArea,
  TextField,
} from "./fields";
import { type DeskFrame, DeskPage, FormToken, ProblemSummary, problemText } from "./frame";
import { FigureOutcome } from "./preview";

export interface DraftView {
  index: number;
  draft: BulletinDraft;
  /** The draft's figure as printed, in the reader's notation ("1,690 million USD"). */
  printed: string;
  preview: FigurePreview | null;
}

export interface BulletinView {
  drafts: readonly DraftView[];
  /** Targets found, with the value and scale word as the target form takes them. */
  targets: readonly { draft: BulletinDraft; printed: string; value: string; scale: string }[];
  unplaced: readonly UnplacedStatement[];
  truncatedAt: number | null;
}

function DraftSummary({ l, view }: { l: Locale; view: DraftView }) {
  const { draft } = view;
  const parts = [
    view.printed,
    l.period(draft.period_start, draft.period_end),
    draft.status ? l.t(`kind_${draft.status}`) : null,
    draft.reported_yoy !== null
      ? l.t("draft_yoy", {
          value: `${draft.reported_yoy >= 0 ? "+" : ""}${l.percent(draft.reported_yoy)}`,
        })
      : null,
    draft.reported_attainment !== null
      ? l.t("draft_plan", { value: l.percent(draft.reported_attainment) })
      : null,
  ].filter((p): p is string => p !== null);
  return <p class="summary-line">{parts.join(" · ")}</p>;
}

function Draft({
  l,
  state,
  view,
  indicators,
}: {
  l: Locale;
  state: FormState;
  view: DraftView;
  indicators: readonly Option[];
}) {
  const prefix = `d${view.index}.`;
  const { draft } = view;
  // The indicators that fit come first, best first.
  const fits = new Set(draft.candidates);
  const ordered = [
    ...draft.candidates.flatMap((id) => indicators.filter((o) => o.value === id)),
    ...indicators.filter((o) => !fits.has(o.value)),
  ];
  const guessed = draft.inferred.map((f) => l.t(`inferred_${f}` as MessageKey));
  const include = state.values[`${prefix}include`] === "on";
  return (
    <fieldset class="draft" data-draft={String(view.index)}>
      <legend>{l.t("draft_number", { n: view.index + 1 })}</legend>
      <div class="field">
        <label>
          <input type="checkbox" name={`${prefix}include`} checked={include} data-include="" />{" "}
          {l.t("bulletin_include")}
        </label>
      </div>
      <p class="label">{l.t("bulletin_quote")}</p>
      <blockquote lang={draft.language}>{draft.sentence}</blockquote>
      <DraftSummary l={l} view={view} />
      {draft.indicator_id === null ? <p class="warning">{l.t("bulletin_candidates")}</p> : null}
      {guessed.length > 0 ? (
        <p class="muted">{l.t("bulletin_guessed", { fields: guessed.join(", ") })}</p>
      ) : null}
      {draft.notes.map((note) => (
        <p class="warning" role="note">
          {note.code === "conflicting_value"
            ? l.t("note_conflicting_value")
            : l.t("note_other", { message: note.message })}
        </p>
      ))}
      <FigureFields l={l} state={state} indicators={ordered} prefix={prefix} shared />
      {view.preview ? <FigureOutcome l={l} preview={view.preview} /> : null}
    </fieldset>
  );
}

/** A problem with the drafts as a whole (none ticked), under their heading. */
function DraftsProblem({ l, state }: { l: Locale; state: FormState }) {
  const problem = state.problems.find((p) => p.field === "drafts");
  return problem ? (
    <p class="problem" id="f-drafts-problem">
      {problemText(l, problem)}
    </p>
  ) : null;
}

export function BulletinPage({
  frame,
  state,
  indicators,
  view,
  maxCharacters,
}: {
  frame: DeskFrame;
  state: FormState;
  indicators: readonly Option[];
  view: BulletinView | null;
  maxCharacters: number;
}) {
  const { l, links } = frame;
  const selected =
    view?.drafts.filter((d) => state.values[`d${d.index}.include`] === "on").length ?? 0;
  return (
    <DeskPage frame={frame}>
      <h1>{l.t("bulletin_heading")}</h1>
      <p>{l.t("bulletin_intro")}</p>
      <div id="live-problems">
        <ProblemSummary l={l} problems={state.problems} />
      </div>
      <form method="post" action={links.to(paths.deskBulletin)} class="desk" novalidate>
        <FormToken token={frame.formToken} />
        <TextArea
          l={l}
          state={state}
          name="text"
          label={l.t("field_text")}
          hint={l.t("field_text_hint", { max: l.number(maxCharacters) })}
          class="bulletin"
          rows={10}
          maxlength={maxCharacters}
          required
        />
        <div class="pair">
          <TextField
            l={l}
            state={state}
            name="reported_at"
            label={l.t("field_reported_at")}
            hint={l.t("field_reported_at_hint")}
            type="date"
            required
          />
          <ChoiceField
            l={l}
            state={state}
            name="default_status"
            label={l.t("field_default_status")}
            options={statusOptions(l)}
          />
        </div>
        <TextField
          l={l}
          state={state}
          name="source"
          label={l.t("field_source")}
          hint={l.t("field_source_hint")}
          maxlength={2000}
        />
        <div class="actions">
          <button type="submit" name="action" value="read" class={view ? undefined : "primary"}>
            {l.t("bulletin_read")}
          </button>
        </div>
        {view ? (
          <>
            {view.truncatedAt !== null ? (
              <p class="warning">{l.t("bulletin_truncated", { n: l.number(view.truncatedAt) })}</p>
            ) : null}
            <input type="hidden" name="drafts" value={String(view.drafts.length)} />
            <h2 id="f-drafts">{l.t("bulletin_drafts", { n: view.drafts.length })}</h2>
            <DraftsProblem l={l} state={state} />
            {view.drafts.length === 0 ? <p>{l.t("bulletin_no_drafts")}</p> : null}
            {view.drafts.map((d) => (
              <Draft l={l} state={state} view={d} indicators={indicators} />
            ))}
            {view.drafts.length > 0 ? (
              <div class="actions">
                <button type="submit" name="action" value="preview">
                  {l.t("form_check")}
                </button>
                <button type="submit" name="action" value="save" class="primary">
                  {l.t("bulletin_save")} (<span data-selected="">{String(selected)}</span>)
                </button>
              </div>
            ) : null}
          </>
        ) : null}
      </form>
      {view && view.targets.length > 0 ? (
        <section aria-labelledby="targets">
          <h2 id="targets">{l.t("bulletin_targets", { n: view.targets.length })}</h2>
          <p>{l.t("bulletin_targets_intro")}</p>
          <ul>
            {view.targets.map(({ draft, printed, value, scale }) => (
              <li>
                <blockquote lang={draft.language}>{draft.sentence}</blockquote>
                {printed}, {l.period(draft.period_start, draft.period_end)}{" "}
                <a
                  href={links.to(paths.deskPlan, {
                    indicator_id: draft.indicator_id ?? undefined,
                    period_start: draft.period_start,
                    period_end: draft.period_end,
                    target: value,
                    scale: scale || undefined,
                    source: state.values.source || undefined,
                  })}
                >
                  {l.t("bulletin_open_plan")}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {view && view.unplaced.length > 0 ? (
        <section aria-labelledby="unplaced">
          <h2 id="unplaced">{l.t("bulletin_unplaced", { n: view.unplaced.length })}</h2>
          <p>{l.t("bulletin_unplaced_intro")}</p>
          <ul class="unplaced">
            {view.unplaced.map((u) => (
              <li data-reason={u.reason}>
                <strong>{l.t(`reason_${u.reason}`)}</strong>: {u.figures.join(", ")}
                <blockquote lang={u.language}>{u.sentence}</blockquote>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </DeskPage>
  );
}
