// The vocabulary of bulletin extraction. Field names are snake_case because drafts travel as
// JSON to the editor's desk and on to the figures API unchanged: a draft's indicator_id,
// period_start, period_end, value, scale, status, reported_at, reported_yoy and
// reported_attainment are the fields of a figure the API accepts.

import type { ActualStatus, Cadence, Measure, ScopeLevel } from "../domain/vocabulary";

/** A calendar date, `YYYY-MM-DD`, inclusive at both ends of a period. */
export type IsoDate = string;

/** The vintage a draft figure carries: the monitor's own vocabulary. */
export type DraftStatus = ActualStatus;

/** Statements are read with the number conventions of their own language. */
export type BulletinLanguage = "vi" | "en";

export type { ScopeLevel };

/** One indicator the editor may write to, as the catalogue describes it. */
export interface CatalogueIndicator {
  id: string;
  name: string;
  name_vi?: string | null;
  /** Other ways bulletins name it: "kim ngạch xuất khẩu", "export turnover", "IIP". */
  aliases?: readonly string[] | null;
  scope: string;
  scope_name?: string | null;
  scope_name_vi?: string | null;
  /** Other names of the scope: "HCM City", "TP.HCM". */
  scope_aliases?: readonly string[] | null;
  /** Lets "the region's" or "tỉnh này" find the right scope among those already mentioned. */
  scope_level?: ScopeLevel | null;
  /** "USD", "VND", "%", "units"... */
  unit: string;
  measure: Measure;
  cadence: Cadence;
}

export interface ExtractionContext {
  indicators: readonly CatalogueIndicator[];
  /** Year of periods printed without one, when the text itself names no year. */
  default_year?: number | null;
  /** When the bulletin was published: copied to every draft, and the "now" of "last year". */
  reported_at?: IsoDate | null;
  /** Vintage of a figure printed without "ước", "sơ bộ", "estimated"... Default "final". */
  default_status?: DraftStatus | null;
  /** Scope of figures whose statement and text name none (the editor's province). */
  default_scope?: string | null;
  /** Convention for statements too short to tell (a bare "1.690 triệu"). Default: the text's. */
  default_language?: BulletinLanguage | null;
}

/** Fields of a draft that came from the surrounding text or the context, not its statement. */
export const INFERRED_FIELDS = ["indicator", "scope", "period", "year", "status", "kind"] as const;
export type InferredField = (typeof INFERRED_FIELDS)[number];

export const DRAFT_NOTE_CODES = [
  "number_convention",
  "rescaled",
  "period_after_reported_at",
  "period_end_from_reported_at",
  "conflicting_value",
] as const;

export interface DraftNote {
  code: (typeof DRAFT_NOTE_CODES)[number];
  message: string;
}

/** One figure proposed for the desk: everything in it is editable before it is committed. */
export interface BulletinDraft {
  /** A reported figure, or a target ("mục tiêu", "aims to") that belongs in a plan. */
  kind: "actual" | "target";
  /** The matching indicator; null when several fit equally well (see candidates). */
  indicator_id: string | null;
  /** Every indicator that fits, best first; more than one means the editor must choose. */
  candidates: string[];
  period_start: IsoDate;
  period_end: IsoDate;
  /** The words the period was read from, or null when it came from the surrounding text. */
  period_text: string | null;
  /** As printed, before the scale: 1690 for "1.690 triệu USD". */
  value: number;
  /** A scale word the figures API accepts ("triệu", "billion"), or null for base units. */
  scale: string | null;
  /** "USD", "VND", "%", "kWh", "tonnes", "m3", "litres", "ha", "units", or null. */
  unit: string | null;
  /** value × scale, in base units: 1690000000 for "1.690 triệu USD". */
  base_value: number;
  /** "khoảng", "hơn", "more than"... printed before the figure. */
  qualifier: "about" | "over" | "under" | null;
  /** Vintage of an actual; null for a target. */
  status: DraftStatus | null;
  reported_at: IsoDate | null;
  /** Growth on the same period a year earlier as printed, as a fraction: 0.7351 for +73.51%. */
  reported_yoy: number | null;
  /** Share of plan as printed, as a fraction: 1.1267 for "đạt 112,67% kế hoạch". */
  reported_attainment: number | null;
  language: BulletinLanguage;
  /** The statement the figure came from, exactly as it appears in the (NFC) text. */
  sentence: string;
  /** Offsets of the sentence in the NFC-normalised text. */
  start: number;
  end: number;
  /** The figure as printed: "1.690 triệu USD". */
  figure_text: string;
  inferred: InferredField[];
  notes: DraftNote[];
}

export const UNPLACED_REASONS = [
  "no_indicator",
  "no_period",
  "no_value",
  "unit_mismatch",
  "not_a_figure",
  "repeated",
  "too_many_drafts",
] as const;
export type UnplacedReason = (typeof UNPLACED_REASONS)[number];

/** A statement carrying numbers that did not (all) become drafts, and why. */
export interface UnplacedStatement {
  reason: UnplacedReason;
  message: string;
  sentence: string;
  start: number;
  end: number;
  language: BulletinLanguage;
  /** The numbers no draft took, as printed. */
  figures: string[];
  /** Indicators the statement named, when that is not the problem. */
  indicator_ids: string[];
}

export interface ExtractionResult {
  drafts: BulletinDraft[];
  unplaced: UnplacedStatement[];
  read: {
    /** Characters of the NFC text that were read. */
    characters: number;
    /** Characters of the NFC text received. */
    total: number;
    /** True when the text was longer than MAX_BULLETIN_CHARACTERS and the rest was not read. */
    truncated: boolean;
    statements: number;
  };
}
