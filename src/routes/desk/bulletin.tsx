// Paste a bulletin: read it into drafts (POST /api/bulletins/extract's reading, against the
// indicators the person may write), let them edit every draft, show what saving each would do,
// then save every ticked draft in one batch or none, audited as made from a bulletin.
import { Hono } from "hono";
import type { BulletinDraft, ExtractionResult } from "../../bulletins/types";
import { type FigurePreview, previewFigures } from "../../commands/preview";
import { readBulletin } from "../../commands/read-bulletin";
import { recordFigures } from "../../commands/record-actuals";
import { type DeskLang, FormReader, type FormValues, typedNumber } from "../../desk/fields";
import { figureValues, readFigure } from "../../desk/figure-form";
import { scaleExponent } from "../../domain/units";
import { ACTUAL_STATUSES, type ActualStatus } from "../../domain/vocabulary";
import { nowIso, todayUtc } from "../../lib/clock";
import { allows } from "../../lib/principal";
import type { ActualBody } from "../../schemas/actual";
import { MAX_PASTE_CHARACTERS } from "../../schemas/bulletin";
import { BulletinPage, type BulletinView, type DraftView } from "../../views/desk/bulletin-page";
import { paths } from "../../views/links";
import {
  type DeskContext,
  type DeskEnv,
  type DeskRequest,
  deskRequest,
  formValues,
  indicatorAccess,
  indicatorOptions,
  problemsOf,
  refuse,
  refuseError,
  render,
  withWho,
  writer,
} from "./context";

/** The reader's own word for a draft's scale: "triệu" shows as "million" in English. */
const SCALE_WORDS: Readonly<Record<DeskLang, Readonly<Record<number, string>>>> = {
  en: { 3: "thousand", 6: "million", 9: "billion", 12: "trillion" },
  vi: { 3: "nghìn", 6: "triệu", 9: "tỷ", 12: "nghìn tỷ" },
};

function scaleWord(scale: string | null, lang: DeskLang): string {
  const exponent = scaleExponent(scale);
  return exponent ? (SCALE_WORDS[lang][exponent] ?? scale ?? "") : "";
}

function printed(d: BulletinDraft, lang: DeskLang): string {
  return [typedNumber(d.value, lang), scaleWord(d.scale, lang), d.unit ?? ""]
    .filter((p) => p !== "")
    .join(" ");
}

/** A draft as the form's fields, ticked when it names an indicator. */
function draftValues(d: BulletinDraft, index: number, lang: DeskLang): Record<string, string> {
  return {
    ...figureValues(
      {
        indicator_id: d.indicator_id ?? undefined,
        period_start: d.period_start,
        period_end: d.period_end,
        value: d.value,
        scale: scaleWord(d.scale, lang) || undefined,
        status: d.status ?? undefined,
        reported_attainment: d.reported_attainment ?? undefined,
        reported_yoy: d.reported_yoy ?? undefined,
      },
      lang,
      `d${index}.`,
    ),
    ...(d.indicator_id ? { [`d${index}.include`]: "on" } : {}),
  };
}

/** The bulletin's reported date and source belong to every draft. */
function withShared(values: FormValues, count: number): FormValues {
  const shared: Record<string, string> = { ...values };
  for (let i = 0; i < count; i += 1) {
    shared[`d${i}.reported_at`] = values.reported_at ?? "";
    shared[`d${i}.source`] = values.source ?? "";
  }
  return shared;
}

function view(
  extraction: ExtractionResult,
  lang: DeskLang,
  previews: ReadonlyMap<number, FigurePreview>,
): BulletinView {
  const actuals = extraction.drafts.filter((d) => d.kind === "actual");
  const drafts: DraftView[] = actuals.map((draft, index) => ({
    index,
    draft,
    printed: printed(draft, lang),
    preview: previews.get(index) ?? null,
  }));
  return {
    drafts,
    targets: extraction.drafts
      .filter((d) => d.kind === "target")
      .map((draft) => ({
        draft,
        printed: printed(draft, lang),
        value: typedNumber(draft.value, lang),
        scale: scaleWord(draft.scale, lang),
      })),
    unplaced: extraction.unplaced,
    truncatedAt: extraction.read.truncated ? extraction.read.characters : null,
  };
}

async function previewsOf(
  c: DeskContext,
  items: readonly { index: number; body: ActualBody }[],
): Promise<Map<number, FigurePreview>> {
  if (items.length === 0) return new Map();
  const previews = await previewFigures(
    c.var.db,
    items.map((i) => i.body),
    nowIso(),
    todayUtc(),
  );
  return new Map(items.map((item, k) => [item.index, previews[k] as FigurePreview]));
}

export const bulletinRoutes = new Hono<DeskEnv>()
  .get(paths.deskBulletin, async (c) => {
    const r = await withWho(c, deskRequest(c, "bulletin"));
    if (!r.principal) throw new Error("the desk guard lets no one in unsigned");
    const access = await indicatorAccess(c, r.principal);
    return render(
      c,
      <BulletinPage
        frame={r.frame}
        state={{ values: { reported_at: todayUtc() }, problems: [] }}
        indicators={indicatorOptions(r.l, access.writable)}
        view={null}
        maxCharacters={MAX_PASTE_CHARACTERS}
      />,
    );
  })
  .post(paths.deskBulletin, async (c) => {
    const r: DeskRequest = await withWho(c, deskRequest(c, "bulletin"));
    const principal = r.principal;
    if (!principal) throw new Error("the desk guard lets no one in unsigned");
    if (!allows(principal, "write")) return refuse(c, r, "forbidden", "refused_read_only", 403);
    const posted = await formValues(c);
    const lang = r.l.lang;
    const access = await indicatorAccess(c, principal);
    const options = indicatorOptions(r.l, access.writable);
    const top = new FormReader(posted, lang);
    const text = top.raw("text");
    if (text === "") top.fail("text", "required");
    else if (text.length > MAX_PASTE_CHARACTERS)
      top.fail("text", "too_long", { max: MAX_PASTE_CHARACTERS });
    else if (!text.isWellFormed()) top.fail("text", "control_chars");
    const reportedAt = top.date("reported_at", true);
    const defaultStatus = top.choice("default_status", ACTUAL_STATUSES, "final" as ActualStatus);
    top.text("source", 2000);
    const page = (
      values: FormValues,
      problems: FormReader["problems"],
      shown: BulletinView | null,
    ) =>
      render(
        c,
        <BulletinPage
          frame={r.frame}
          state={{ values, problems }}
          indicators={options}
          view={shown}
          maxCharacters={MAX_PASTE_CHARACTERS}
        />,
        problems.length > 0 ? 422 : 200,
      );
    if (top.problems.length > 0 || !reportedAt) return page(posted, top.problems, null);

    const extraction = await readBulletin(
      c.var.db,
      { text, reported_at: reportedAt, default_status: defaultStatus },
      principal,
    );
    const actuals = extraction.drafts.filter((d) => d.kind === "actual");
    // Reading (again) proposes fresh drafts; so does a text changed since it was read, whose
    // drafts no longer match the fields posted.
    if (posted.action === "read" || Number(posted.drafts) !== actuals.length) {
      const values: Record<string, string> = { ...posted };
      for (const key of Object.keys(values)) if (/^d\d+\./.test(key)) delete values[key];
      for (const [i, d] of actuals.entries()) Object.assign(values, draftValues(d, i, lang));
      const form = new FormReader(withShared(values, actuals.length), lang);
      const readable = actuals.flatMap((d, index) => {
        if (!d.indicator_id) return [];
        const body = readFigure(form, access, `d${index}.`);
        return body ? [{ index, body }] : [];
      });
      // A draft that cannot be read as it stands shows its problem only once it is checked.
      return page(values, [], view(extraction, lang, await previewsOf(c, readable)));
    }

    const form = new FormReader(withShared(posted, actuals.length), lang);
    const included = actuals.flatMap((_, index) =>
      posted[`d${index}.include`] === "on" ? [index] : [],
    );
    const items = included.flatMap((index) => {
      const body = readFigure(form, access, `d${index}.`);
      return body ? [{ index, body }] : [];
    });
    if (posted.action === "save" && included.length === 0) form.fail("drafts", "none_selected");
    const problems = form.problems;
    if (problems.length > 0 || posted.action !== "save") {
      return page(posted, problems, view(extraction, lang, await previewsOf(c, items)));
    }
    try {
      const { inserted } = await recordFigures(
        c.var.db,
        items.map((i) => i.body),
        writer(c, "bulletin"),
        (k, field) => `/${k}/${field}`,
      );
      return c.redirect(r.frame.links.to(paths.desk, { saved: String(inserted.length) }), 303);
    } catch (err) {
      const fieldOf = (path: string) => {
        const [, k, field] = path.split("/");
        const index = items[Number(k)]?.index ?? 0;
        return `d${index}.${field || "indicator_id"}`;
      };
      const refused = problemsOf(err, fieldOf, access.scopeLimit);
      if (refused) return page(posted, refused, view(extraction, lang, new Map()));
      return refuseError(c, r, err);
    }
  });
