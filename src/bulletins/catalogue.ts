// Finding the catalogue's indicators and scopes in a statement. Names are compared as folded
// words (no case, no diacritics, English plural "s" dropped), so "Kim ngạch xuất khẩu",
// "kim ngach xuat khau" and "KIM NGẠCH XUẤT KHẨU" are one name, as are "export" and "exports".

import { canonicalUnit } from "./figures";
import { type Token, tokenize } from "./text";
import type { CatalogueIndicator, ScopeLevel } from "./types";

/** The word an indicator name is matched on. */
function key(token: Token): string {
  const word = token.fold;
  // English plurals; Vietnamese words never end in "s", so this cannot merge two of them.
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

// A name may run across these ("thiết bị, linh kiện điện tử"); it never runs across the rest.
const SOFT_PUNCTUATION = new Set([",", ":", "-", "–", "/", "&", "'", "’", "."]);

function keysOf(name: string): string[] {
  return tokenize(name)
    .filter((token) => token.kind !== "punct")
    .map(key);
}

interface Term<T> {
  keys: string[];
  /** Every indicator (or scope) with this name: a catalogue of 63 provinces shares its aliases. */
  targets: T[];
}

type TermIndex<T> = Map<string, Term<T>[]>;

function addTerm<T>(index: TermIndex<T>, name: string | null | undefined, target: T) {
  if (!name) return;
  const keys = keysOf(name);
  const first = keys[0];
  if (first === undefined) return;
  const bucket = index.get(first) ?? [];
  if (bucket.length === 0) index.set(first, bucket);
  const joined = keys.join(" ");
  const existing = bucket.find((term) => term.keys.join(" ") === joined);
  if (!existing) bucket.push({ keys, targets: [target] });
  else if (!existing.targets.includes(target)) existing.targets.push(target);
}

interface Match<T> {
  start: number;
  end: number;
  term: Term<T>;
  /** Token indices of the words matched. */
  positions: number[];
}

/** Every occurrence of every term; words are compared after skipping soft punctuation. */
function matchTerms<T>(index: TermIndex<T>, tokens: readonly Token[]): Match<T>[] {
  const matches: Match<T>[] = [];
  const words: number[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    if ((tokens[i] as Token).kind !== "punct") words.push(i);
  }
  const keys = words.map((i) => key(tokens[i] as Token));
  for (let w = 0; w < words.length; w += 1) {
    const bucket = index.get(keys[w] as string);
    if (!bucket) continue;
    for (const term of bucket) {
      if (w + term.keys.length > words.length) continue;
      let ok = true;
      for (let k = 1; k < term.keys.length && ok; k += 1) {
        if (keys[w + k] !== term.keys[k]) ok = false;
        // Nothing but soft punctuation between consecutive words of a name.
        for (let t = (words[w + k - 1] as number) + 1; ok && t < (words[w + k] as number); t += 1) {
          if (!SOFT_PUNCTUATION.has((tokens[t] as Token).text)) ok = false;
        }
      }
      if (!ok) continue;
      const positions = words.slice(w, w + term.keys.length);
      matches.push({
        start: positions[0] as number,
        end: (positions[positions.length - 1] as number) + 1,
        term,
        positions,
      });
    }
  }
  return matches;
}

/** A stretch of a statement naming one or more indicators. */
export interface ConceptMention {
  start: number;
  end: number;
  /** Indicator index → words of the stretch its names cover; more words, better match. */
  coverage: Map<number, number>;
  /**
   * Indicator index → how many indicators share its most specific name matched here. In
   * "seafood exports", "seafood" names one indicator and "exports" many: seafood wins the tie.
   */
  sharing: Map<number, number>;
}

export interface ScopeMention {
  start: number;
  end: number;
  scopes: string[];
}

// Generic words around a scope's name, so "Northern region" is found in "northern localities".
const SCOPE_PREFIXES = [["tinh"], ["thanh", "pho"], ["tp"], ["cac", "tinh"], ["khu", "vuc"]];
const SCOPE_SUFFIXES = new Set(["region", "province", "city", "area", "municipality"]);

function scopeTerms(name: string): string[][] {
  const keys = keysOf(name);
  const forms = [keys];
  let core = keys;
  for (const prefix of SCOPE_PREFIXES) {
    if (prefix.every((word, i) => core[i] === word)) core = core.slice(prefix.length);
  }
  if (core[0] === "the") core = core.slice(1);
  if (SCOPE_SUFFIXES.has(core[core.length - 1] ?? "")) core = core.slice(0, -1);
  // A one-syllable remainder ("Miền Bắc" → "bac") would match "Bắc Giang"; keep the full name.
  const tooShort = core.length === 1 && (core[0]?.length ?? 0) <= 3;
  if (core.length > 0 && !tooShort && core.join(" ") !== keys.join(" ")) forms.push(core);
  return forms;
}

export interface Catalogue {
  indicators: readonly CatalogueIndicator[];
  /** Each indicator's names (name, Vietnamese name, aliases) as words, by index. */
  names: readonly (readonly string[][])[];
  /** Canonical unit of each indicator, by index. */
  units: readonly string[];
  levels: ReadonlyMap<string, ScopeLevel>;
  scopeNames: ReadonlyMap<string, string>;
  concepts: TermIndex<number>;
  scopes: TermIndex<string>;
}

export function buildCatalogue(indicators: readonly CatalogueIndicator[]): Catalogue {
  const concepts: TermIndex<number> = new Map();
  const scopes: TermIndex<string> = new Map();
  const levels = new Map<string, ScopeLevel>();
  const scopeNames = new Map<string, string>();
  indicators.forEach((indicator, i) => {
    addTerm(concepts, indicator.name, i);
    addTerm(concepts, indicator.name_vi, i);
    for (const alias of indicator.aliases ?? []) addTerm(concepts, alias, i);
    if (indicator.scope_level && !levels.has(indicator.scope)) {
      levels.set(indicator.scope, indicator.scope_level);
    }
    if (!scopeNames.has(indicator.scope)) {
      scopeNames.set(indicator.scope, indicator.scope_name ?? indicator.scope);
    }
    const names = [
      indicator.scope_name,
      indicator.scope_name_vi,
      ...(indicator.scope_aliases ?? []),
    ];
    const named = names.some((name) => name);
    if (!named) names.push(indicator.scope.replace(/[-_.]+/g, " "));
    for (const name of names) {
      if (name)
        for (const keys of scopeTerms(name)) addTerm(scopes, keys.join(" "), indicator.scope);
    }
  });
  return {
    indicators,
    names: indicators.map((indicator) =>
      [indicator.name, indicator.name_vi, ...(indicator.aliases ?? [])]
        .filter((name): name is string => !!name)
        .map(keysOf),
    ),
    units: indicators.map((indicator) => canonicalUnit(indicator.unit)),
    levels,
    scopeNames,
    concepts,
    scopes,
  };
}

/**
 * Stretches naming indicators. Overlapping or touching names form one stretch, and each indicator scores
 * the words its own names cover: in "tổng kim ngạch xuất khẩu hàng hóa", goods exports
 * ("kim ngạch xuất khẩu" + "xuất khẩu hàng hóa", 6 words) beats total export turnover
 * ("tổng kim ngạch xuất khẩu", 5 words).
 */
export function findConcepts(catalogue: Catalogue, tokens: readonly Token[]): ConceptMention[] {
  const matches = matchTerms(catalogue.concepts, tokens).sort((a, b) => a.start - b.start);
  const mentions: ConceptMention[] = [];
  let group: Match<number>[] = [];
  let groupEnd = -1;
  const flush = () => {
    if (group.length === 0) return;
    const covered = new Map<number, Set<number>>();
    const sharing = new Map<number, number>();
    for (const match of group) {
      for (const target of match.term.targets) {
        const set = covered.get(target) ?? new Set<number>();
        for (const position of match.positions) set.add(position);
        covered.set(target, set);
        const shared = match.term.targets.length;
        sharing.set(target, Math.min(sharing.get(target) ?? shared, shared));
      }
    }
    // A name whose words all appear in the stretch, in order, covers them even with other
    // words between: "kim ngạch xuất khẩu hàng dệt may" names "Xuất khẩu: dệt, may" (5 words
    // with the alias "hàng dệt may") more fully than the generic "kim ngạch xuất khẩu" (4).
    const words: number[] = [];
    for (let t = group[0]?.start ?? 0; t < groupEnd; t += 1) {
      if ((tokens[t] as Token).kind !== "punct") words.push(t);
    }
    for (const [indicator, set] of covered) {
      for (const name of catalogue.names[indicator] ?? []) {
        const positions = inOrder(name, words, tokens);
        if (positions) for (const position of positions) set.add(position);
      }
    }
    const coverage = new Map<number, number>();
    for (const [indicator, set] of covered) coverage.set(indicator, set.size);
    mentions.push({ start: group[0]?.start ?? 0, end: groupEnd, coverage, sharing });
    group = [];
  };
  // Names that overlap or touch ("seafood exports") are one stretch; a comma keeps them apart.
  for (const match of matches) {
    if (group.length > 0 && match.start > groupEnd) flush();
    group.push(match);
    groupEnd = Math.max(groupEnd, match.end);
  }
  flush();
  return mentions;
}

/** Positions of `name`'s words found in order among `words` (token indices), or null. */
function inOrder(
  name: readonly string[],
  words: readonly number[],
  tokens: readonly Token[],
): number[] | null {
  if (name.length < 2) return null;
  const positions: number[] = [];
  let k = 0;
  for (const w of words) {
    if (k < name.length && key(tokens[w] as Token) === name[k]) {
      positions.push(w);
      k += 1;
    }
  }
  return k === name.length ? positions : null;
}

export function findScopes(catalogue: Catalogue, tokens: readonly Token[]): ScopeMention[] {
  const matches = matchTerms(catalogue.scopes, tokens).sort(
    (a, b) => a.start - b.start || b.end - a.end,
  );
  const mentions: ScopeMention[] = [];
  for (const match of matches) {
    const last = mentions[mentions.length - 1];
    if (last && match.start < last.end) {
      for (const scope of match.term.targets)
        if (!last.scopes.includes(scope)) last.scopes.push(scope);
      last.end = Math.max(last.end, match.end);
      continue;
    }
    mentions.push({ start: match.start, end: match.end, scopes: [...match.term.targets] });
  }
  return mentions;
}
