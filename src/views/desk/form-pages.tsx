// The figure, target and indicator forms. Each posts to itself: "Check" shows what saving
// would do, "Save" saves and comes back to the desk; a refused form comes back as it was
// typed, each problem beside its field.
import type { FigurePreview, IndicatorPreview, PlanPreview } from "../../commands/preview";
import { CADENCES, MEASURES, SCOPE_LEVELS } from "../../domain/vocabulary";
import type { MessageKey } from "../i18n";
import { paths } from "../links";
import type { Locale } from "../locale";
import {
  ChoiceField,
  FigureFields,
  FigureValueFields,
  type FormState,
  type Option,
  PeriodFields,
  SelectField,
  TextArea,
  TextField,
} from "./fields";
import { type DeskFrame, DeskPage, FormToken, ProblemSummary } from "./frame";
import { FigurePreviewSection, IndicatorPreviewSection, PlanPreviewSection } from "./preview";

function Actions({ l }: { l: Locale }) {
  return (
    <div class="actions">
      <button type="submit" name="action" value="preview">
        {l.t("form_check")}
      </button>
      <button type="submit" name="action" value="save" class="primary">
        {l.t("form_save")}
      </button>
    </div>
  );
}

function LiveProblems({ l, state }: { l: Locale; state: FormState }) {
  return (
    <div id="live-problems">
      <ProblemSummary l={l} problems={state.problems} />
    </div>
  );
}

export function FigureFormPage({
  frame,
  state,
  indicators,
  preview,
}: {
  frame: DeskFrame;
  state: FormState;
  indicators: readonly Option[];
  preview: FigurePreview | null;
}) {
  const { l, links } = frame;
  return (
    <DeskPage frame={frame}>
      <h1>{l.t("desk_nav_figure")}</h1>
      <p>{l.t("home_figure")}</p>
      <LiveProblems l={l} state={state} />
      <form method="post" action={links.to(paths.deskFigure)} class="desk" data-live novalidate>
        <FormToken token={frame.formToken} />
        <FigureFields l={l} state={state} indicators={indicators} />
        <FigurePreviewSection l={l} preview={preview} />
        <Actions l={l} />
      </form>
    </DeskPage>
  );
}

export function PlanFormPage({
  frame,
  state,
  indicators,
  preview,
  defaultId,
}: {
  frame: DeskFrame;
  state: FormState;
  indicators: readonly Option[];
  preview: PlanPreview | null;
  defaultId: string;
}) {
  const { l, links } = frame;
  return (
    <DeskPage frame={frame}>
      <h1>{l.t("desk_nav_plan")}</h1>
      <p>{l.t("home_plan")}</p>
      <LiveProblems l={l} state={state} />
      <form method="post" action={links.to(paths.deskPlan)} class="desk" data-live novalidate>
        <FormToken token={frame.formToken} />
        <SelectField
          l={l}
          state={state}
          name="indicator_id"
          label={l.t("field_indicator")}
          options={indicators}
          placeholder={l.t("field_indicator_choose")}
          required
        />
        <PeriodFields l={l} state={state} />
        <FigureValueFields
          l={l}
          state={state}
          name="target"
          label={l.t("field_target")}
          scaleName="scale"
          required
        />
        <ChoiceField
          l={l}
          state={state}
          name="comparator"
          label={l.t("field_comparator")}
          options={[
            { value: "at_least", label: l.t("comparator_at_least") },
            { value: "at_most", label: l.t("comparator_at_most") },
          ]}
        />
        <TextField
          l={l}
          state={state}
          name="id"
          label={l.t("field_plan_id")}
          hint={l.t("field_plan_id_hint", { example: defaultId })}
          maxlength={120}
        />
        <TextField l={l} state={state} name="title" label={l.t("field_title")} maxlength={200} />
        <div class="pair">
          <TextField
            l={l}
            state={state}
            name="baseline_value"
            label={l.t("field_baseline_value")}
            hint={l.t("field_baseline_hint")}
            inputmode="decimal"
            maxlength={60}
          />
          <TextField
            l={l}
            state={state}
            name="baseline_date"
            label={l.t("field_baseline_date")}
            type="date"
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
        <TextArea l={l} state={state} name="note" label={l.t("field_note")} maxlength={4000} />
        <PlanPreviewSection l={l} preview={preview} />
        <Actions l={l} />
      </form>
    </DeskPage>
  );
}

function vocabulary(l: Locale, prefix: string, words: readonly string[]): Option[] {
  return words.map((w) => ({ value: w, label: l.t(`${prefix}${w}` as MessageKey) }));
}

export function IndicatorFormPage({
  frame,
  state,
  preview,
  scopeFixed,
}: {
  frame: DeskFrame;
  state: FormState;
  preview: IndicatorPreview | null;
  /** A token limited to one scope defines indicators of that scope only. */
  scopeFixed: boolean;
}) {
  const { l, links } = frame;
  return (
    <DeskPage frame={frame}>
      <h1>{l.t("desk_nav_indicator")}</h1>
      <p>{l.t("home_indicator")}</p>
      <LiveProblems l={l} state={state} />
      <form method="post" action={links.to(paths.deskIndicator)} class="desk" data-live novalidate>
        <FormToken token={frame.formToken} />
        <TextField
          l={l}
          state={state}
          name="id"
          label={l.t("field_id")}
          hint={l.t("field_id_hint")}
          required
          maxlength={120}
        />
        <TextField
          l={l}
          state={state}
          name="name"
          label={l.t("field_name")}
          required
          maxlength={200}
        />
        <TextField
          l={l}
          state={state}
          name="name_vi"
          label={l.t("field_name_vi")}
          maxlength={200}
        />
        <TextArea
          l={l}
          state={state}
          name="aliases"
          label={l.t("field_aliases")}
          hint={l.t("field_aliases_hint")}
          rows={4}
        />
        <TextField
          l={l}
          state={state}
          name="scope"
          label={l.t("field_scope")}
          hint={l.t("field_scope_hint")}
          required
          readonly={scopeFixed}
          maxlength={120}
        />
        <div class="pair">
          <TextField
            l={l}
            state={state}
            name="scope_name"
            label={l.t("field_scope_name")}
            maxlength={120}
          />
          <TextField
            l={l}
            state={state}
            name="scope_name_vi"
            label={l.t("field_scope_name_vi")}
            maxlength={120}
          />
        </div>
        <SelectField
          l={l}
          state={state}
          name="scope_level"
          label={l.t("field_scope_level")}
          options={vocabulary(l, "level_", SCOPE_LEVELS)}
        />
        <TextField
          l={l}
          state={state}
          name="unit"
          label={l.t("field_unit")}
          hint={`USD, VND, %, ${l.t("unit_units")}`}
          required
          maxlength={24}
        />
        <ChoiceField
          l={l}
          state={state}
          name="measure"
          label={l.t("field_measure")}
          options={vocabulary(l, "measure_", MEASURES)}
        />
        <ChoiceField
          l={l}
          state={state}
          name="cadence"
          label={l.t("field_cadence")}
          options={vocabulary(l, "cadence_", CADENCES)}
        />
        <TextField
          l={l}
          state={state}
          name="tags"
          label={l.t("field_tags")}
          hint={l.t("field_tags_hint")}
        />
        <TextArea
          l={l}
          state={state}
          name="description"
          label={l.t("field_description")}
          maxlength={4000}
        />
        <TextField
          l={l}
          state={state}
          name="source"
          label={l.t("field_source")}
          hint={l.t("field_source_hint")}
          maxlength={2000}
        />
        <TextField
          l={l}
          state={state}
          name="concept"
          label={l.t("field_concept")}
          hint={l.t("field_concept_hint")}
          maxlength={80}
        />
        <TextArea
          l={l}
          state={state}
          name="release_rule"
          label={l.t("field_release_rule")}
          hint={l.t("field_release_rule_hint")}
          rows={4}
          maxlength={4000}
        />
        <IndicatorPreviewSection l={l} preview={preview} />
        <Actions l={l} />
      </form>
    </DeskPage>
  );
}
