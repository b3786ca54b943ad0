import { en, type MessageKey, type Messages } from "./en";
import { vi } from "./vi";

export const LANGS = ["en", "vi"] as const;
export type Lang = (typeof LANGS)[number];
export type { MessageKey, Messages };

export const DICTIONARIES: Readonly<Record<Lang, Messages>> = { en, vi };

export function isLang(value: string | undefined | null): value is Lang {
  return value === "en" || value === "vi";
}

/**
 * `?lang=` wins; otherwise the first of our languages in Accept-Language by quality (RFC 9110
 * §12.5.4), ties to the order given; English when the header names neither.
 */
export function pickLang(query: string | undefined, acceptLanguage: string | undefined): Lang {
  if (isLang(query)) return query;
  let best: { lang: Lang; q: number } | null = null;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const [range = "", ...params] = part.trim().toLowerCase().split(";");
    const primary = range.split("-")[0];
    if (!isLang(primary)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang: primary, q };
  }
  return best?.lang ?? "en";
}

export type Vars = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** A translator for one language. Unknown placeholders stay visible rather than vanish. */
export function translator(lang: Lang): Translate {
  const messages = DICTIONARIES[lang];
  return (key, vars) => {
    const template = messages[key];
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(vars, name) ? String(vars[name]) : whole,
    );
  };
}
