// Labelled fields with their hint and problem, wired for screen readers: the problem is part
// of the field's description and the field says it is invalid.
import type { FormValues, Problem } from "../../desk/fields";
import { EXAMPLES, PERIOD_EXAMPLES } from "../../desk/fields";
import { ACTUAL_STATUSES } from "../../domain/vocabulary";
import type { MessageKey } from "../i18n";
import type { Locale } from "../locale";
import { fieldId, problemText } from "./frame";

export interface FormState {
  values: FormValues;
  problems: readonly Problem[];
}

interface Base {
  l: Locale;
  state: FormState;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
}

function described(l: Locale, { state, name, hint }: Base) {
  const id = fieldId(name);
  const problem = state.problems.find((p) => p.field === name);
  const ids = [hint ? `${id}-hint` : null, problem ? `${id}-problem` : null].filter(Boolean);
  return {
    id,
    problem,
    attrs: {
      id,
      name,
      "aria-describedby": ids.length ? ids.join(" ") : undefined,
      "aria-invalid": problem ? "true" : undefined,
    },
    after: (
      <>
        {hint ? (
          <span class="hint" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
        {problem ? (
          <span class="problem" id={`${id}-problem`}>
            {problemText(l, problem)}
          </span>
        ) : null}
      </>
    ),
  };
}

function Label({
  l,
  id,
  label,
  required,
}: {
  l: Locale;
  id: string;
  label: string;
  required?: boolean;
}) {
  return (
    <label for={id}>
      {label}
      {required ? <span class="muted"> ({l.t("form_required")})</span> : null}
    </label>
  );
}

export function TextField(
  props: Base & {
    type?: "text" | "password" | "date" | "email";
    inputmode?: "decimal" | "text";
    list?: string;
    autocomplete?: string;
    maxlength?: number;
    readonly?: boolean;
  },
) {
  const { l, state, name } = props;
  const d = described(l, props);
  return (
    <div class="field">
      <Label l={l} id={d.id} label={props.label} required={props.required} />
      <input
        {...d.attrs}
        type={props.type ?? "text"}
        value={state.values[name] ?? ""}
        inputmode={props.inputmode}
        list={props.list}
        autocomplete={props.autocomplete ?? "off"}
        maxlength={props.maxlength}
        readonly={props.readonly}
        required={props.required}
      />
      {d.after}
    </div>
  );
}

export function TextArea(props: Base & { rows?: number; maxlength?: number; class?: string }) {
  const { l, state, name } = props;
  const d = described(l, props);
  return (
    <div class="field">
      <Label l={l} id={d.id} label={props.label} required={props.required} />
      <textarea {...d.attrs} rows={props.rows ?? 3} maxlength={props.maxlength} class={props.class}>
        {state.values[name] ?? ""}
      </textarea>
      {d.after}
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(props: Base & { options: readonly Option[]; placeholder?: string }) {
  const { l, state, name } = props;
  const d = described(l, props);
  const current = state.values[name] ?? "";
  return (
    <div class="field">
      <Label l={l} id={d.id} label={props.label} required={props.required} />
      <select {...d.attrs} required={props.required}>
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
      {d.after}
    </div>
  );
}

/** Radio buttons in a fieldset, its legend the label. */
export function ChoiceField(props: Base & { options: readonly Option[] }) {
  const { l, state, name } = props;
  const id = fieldId(name);
  const problem = state.problems.find((p) => p.field === name);
  const current = state.values[name] ?? "";
  return (
    <fieldset class="field" id={id} aria-describedby={problem ? `${id}-problem` : undefined}>
      <legend>{props.label}</legend>
      <div class="choices">
        {props.options.map((o) => (
          <label>
            <input type="radio" name={name} value={o.value} checked={o.value === current} />
            {o.label}
          </label>
        ))}
      </div>
      {problem ? (
        <span class="problem" id={`${id}-problem`}>
          {problemText(l, problem)}
        </span>
      ) : null}
    </fieldset>
  );
}

/** Scale words in the reader's language; the value is the word the API takes. */
export function scaleOptions(l: Locale): Option[] {
  const words =
    l.lang === "vi"
      ? ["nghìn", "triệu", "tỷ", "nghìn tỷ"]
      : ["thousand", "million", "billion", "trillion"];
  return [
    { value: "", label: l.t("field_scale_none") },
    ...words.map((w) => ({ value: w, label: w })),
  ];
}

export function statusOptions(l: Locale): Option[] {
  return ACTUAL_STATUSES.map((s) => ({ value: s, label: l.t(`kind_${s}` as MessageKey) }));
}

/** A period in words (with suggestions), or its two dates. */
export function PeriodFields({
  l,
  state,
  prefix = "",
}: {
  l: Locale;
  state: FormState;
  prefix?: string;
}) {
  const examples = PERIOD_EXAMPLES[l.lang];
  const listId = `${fieldId(`${prefix}period`)}-list`;
  const [a = "", b = "", c = "", d = "", e = ""] = examples;
  return (
    <fieldset class="field">
      <legend>{l.t("field_period")}</legend>
      <TextField
        l={l}
        state={state}
        name={`${prefix}period`}
        label={l.t("field_period_shortcut")}
        hint={l.t("field_period_hint", { a, b, c, d, e })}
        list={listId}
        maxlength={80}
      />
      <datalist id={listId}>
        {examples.map((x) => (
          <option value={x} />
        ))}
      </datalist>
      <div class="pair">
        <TextField
          l={l}
          state={state}
          name={`${prefix}period_start`}
          label={l.t("field_period_start")}
          type="date"
        />
        <TextField
          l={l}
          state={state}
          name={`${prefix}period_end`}
          label={l.t("field_period_end")}
          type="date"
        />
      </div>
    </fieldset>
  );
}

/** A value as printed, and its scale. */
export function FigureValueFields({
  l,
  state,
  name,
  label,
  scaleName,
  required,
}: {
  l: Locale;
  state: FormState;
  name: string;
  label: string;
  scaleName: string;
  required?: boolean;
}) {
  return (
    <div class="pair">
      <TextField
        l={l}
        state={state}
        name={name}
        label={label}
        hint={l.t("field_value_hint", { example: EXAMPLES[l.lang].figure })}
        inputmode="decimal"
        required={required}
        maxlength={60}
      />
      <SelectField
        l={l}
        state={state}
        name={scaleName}
        label={l.t("field_scale")}
        options={scaleOptions(l)}
      />
    </div>
  );
}

/** Every field of one figure, named `<prefix><API field>`. */
export function FigureFields({
  l,
  state,
  indicators,
  prefix = "",
  shared = false,
}: {
  l: Locale;
  state: FormState;
  indicators: readonly Option[];
  prefix?: string;
  /** A bulletin's drafts share the reported date and the source, given once for all. */
  shared?: boolean;
}) {
  const f = (name: string) => `${prefix}${name}`;
  const percentHint = l.t("field_percent_hint", { example: EXAMPLES[l.lang].percent });
  return (
    <>
      <SelectField
        l={l}
        state={state}
        name={f("indicator_id")}
        label={l.t("field_indicator")}
        options={indicators}
        placeholder={l.t("field_indicator_choose")}
        required
      />
      <PeriodFields l={l} state={state} prefix={prefix} />
      <FigureValueFields
        l={l}
        state={state}
        name={f("value")}
        label={l.t("field_value")}
        scaleName={f("scale")}
        required
      />
      <ChoiceField
        l={l}
        state={state}
        name={f("status")}
        label={l.t("field_status")}
        options={statusOptions(l)}
      />
      {shared ? null : (
        <TextField
          l={l}
          state={state}
          name={f("reported_at")}
          label={l.t("field_reported_at")}
          hint={l.t("field_reported_at_hint")}
          type="date"
          required
        />
      )}
      <div class="pair">
        <TextField
          l={l}
          state={state}
          name={f("reported_attainment")}
          label={l.t("field_attainment")}
          hint={percentHint}
          inputmode="decimal"
          maxlength={20}
        />
        <TextField
          l={l}
          state={state}
          name={f("reported_yoy")}
          label={l.t("field_yoy")}
          hint={percentHint}
          inputmode="decimal"
          maxlength={20}
        />
      </div>
      {shared ? null : (
        <>
          <TextField
            l={l}
            state={state}
            name={f("source")}
            label={l.t("field_source")}
            hint={l.t("field_source_hint")}
            maxlength={2000}
          />
          <TextArea
            l={l}
            state={state}
            name={f("note")}
            label={l.t("field_note")}
            maxlength={4000}
          />
        </>
      )}
    </>
  );
}
