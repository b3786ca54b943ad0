// The words bulletins use around a figure, in both languages. Phrases are matched token by
// token with tokenIs, so unaccented Vietnamese ("uoc dat") matches too, and hyphens are
// skipped so "year-on-year" and "year on year" are one phrase.

import { type Token, tokenIs } from "./text";

export type Phrase = readonly string[];

function isHyphen(token: Token | undefined): boolean {
  return token?.kind === "punct" && (token.text === "-" || token.text === "–");
}

/** End index (exclusive) of `phrase` starting at token i, or -1. */
export function phraseAt(tokens: readonly Token[], i: number, phrase: Phrase): number {
  let j = i;
  for (let k = 0; k < phrase.length; k += 1) {
    if (k > 0 && isHyphen(tokens[j])) j += 1;
    if (!tokenIs(tokens[j], phrase[k] as string)) return -1;
    j += 1;
  }
  return j;
}

/** The first phrase of `phrases` found at token i, as its end index, or -1. */
export function anyPhraseAt(tokens: readonly Token[], i: number, phrases: readonly Phrase[]) {
  for (const phrase of phrases) {
    const end = phraseAt(tokens, i, phrase);
    if (end >= 0) return end;
  }
  return -1;
}

/** Start index of a phrase of `phrases` that ends exactly at `end` (exclusive), or -1. */
export function phraseEndingAt(tokens: readonly Token[], end: number, phrases: readonly Phrase[]) {
  for (const phrase of phrases) {
    let j = end - 1;
    let ok = true;
    for (let k = phrase.length - 1; k >= 0; k -= 1) {
      if (k < phrase.length - 1 && isHyphen(tokens[j])) j -= 1;
      if (j < 0 || !tokenIs(tokens[j], phrase[k] as string)) {
        ok = false;
        break;
      }
      j -= 1;
    }
    if (ok) return j + 1;
  }
  return -1;
}

const words = (...list: string[]): Phrase[] => list.map((entry) => entry.split(" "));

/** "ước đạt", "estimated": the figure is an estimate. */
export const ESTIMATE_CUES = words(
  "ước",
  "ước tính",
  "ước đạt",
  "dự kiến",
  "dự báo",
  "dự tính",
  "estimated",
  "estimate",
  "estimates",
  "expected",
  "forecast",
  "forecasted",
  "projected",
);
export const PRELIMINARY_CUES = words("sơ bộ", "tạm tính", "preliminary", "provisional");
export const FINAL_CUES = words("chính thức", "official", "officially", "final");

/** The figure is a goal, not a result. */
export const TARGET_CUES = words(
  "mục tiêu",
  "chỉ tiêu",
  "kế hoạch",
  "phấn đấu",
  "target",
  "targets",
  "targeted",
  "targeting",
  "aims",
  "aim",
  "aiming",
  "aimed",
  "goal",
  "plans to",
  "plan to",
  "planned",
);
/** "vượt mục tiêu", "exceeded the target": a target cue after these reports a result. */
export const TARGET_NEGATIONS = words(
  "vượt",
  "hoàn thành",
  "exceeded",
  "exceeding",
  "exceed",
  "surpassed",
  "achieved",
  "met",
  "beat",
);
/** Verbs that report a result: with one of these, a statement does not continue a target. */
export const RESULT_CUES = words(
  "đạt",
  "đã",
  "thu",
  "reached",
  "reaching",
  "was",
  "were",
  "stood",
  "totalled",
  "totaled",
  "amounted",
  "recorded",
  "reported",
  "posted",
  "hit",
  "achieved",
  "saw",
);

export const GROWTH_UP_BEFORE = words(
  "tăng",
  "tăng trưởng",
  "up",
  "increase of",
  "increased by",
  "increased",
  "increase",
  "increasing",
  "increases",
  "rise of",
  "rose by",
  "rose",
  "rising",
  "risen",
  "grew by",
  "grew",
  "growth of",
  "gain of",
  "gained",
  "jumped by",
  "jumped",
  "jump of",
  "went up",
  "expanded by",
  "expanded",
  "expansion of",
  "climbed",
  "surged",
  "soared",
  "higher by",
);
export const GROWTH_DOWN_BEFORE = words(
  "giảm",
  "sụt giảm",
  "down",
  "decrease of",
  "decreased by",
  "decreased",
  "decrease",
  "decline of",
  "declined by",
  "declined",
  "fell by",
  "fell",
  "fall of",
  "dropped by",
  "dropped",
  "drop of",
  "went down",
  "shrank",
  "contracted",
  "lower by",
);
export const GROWTH_UP_AFTER = words(
  "rise",
  "increase",
  "growth",
  "expansion",
  "gain",
  "jump",
  "higher",
  "year on year increase",
  "year on year rise",
  "year on year growth",
  "yoy increase",
);
export const GROWTH_DOWN_AFTER = words(
  "decrease",
  "decline",
  "drop",
  "fall",
  "lower",
  "year on year decrease",
  "year on year decline",
  "year on year drop",
);
/** "bằng 95,2% so với cùng kỳ": a ratio to last year, not a growth. */
export const RATIO_BEFORE = words("bằng", "đạt", "equal to", "equivalent to", "equalling", "at");
export const SAME_PERIOD_AFTER = words(
  "so với cùng kỳ",
  "so cùng kỳ",
  "cùng kỳ",
  "of the same period",
  "of last year",
  "of the previous year",
);
/** "tăng 5% so với tháng trước", "fell 4.4% month on month": not growth on a year earlier. */
export const SHORT_TERM_AFTER = words(
  "so với tháng trước",
  "so với quý trước",
  "so với kỳ trước",
  "month on month",
  "quarter on quarter",
  "mom",
  "qoq",
  "over the previous month",
  "from the previous month",
  "compared to the previous month",
  "compared with the previous month",
  "over the previous quarter",
);
/** "đạt 112,67% kế hoạch", "112.67% of the plan". */
export const PLAN_AFTER = words(
  "kế hoạch",
  "kh",
  "chỉ tiêu",
  "mục tiêu",
  "dự toán",
  "of the plan",
  "of plan",
  "of the target",
  "of target",
  "of the annual plan",
  "of the annual target",
  "of the yearly plan",
  "of the year plan",
  "of the year target",
  "of the plan for the year",
  "of the target for the year",
  "of the estimate",
  "of the annual estimate",
  "of the budget estimate",
);
/** "vượt 12,67% kế hoạch": the figure is 112.67% of plan. */
export const PLAN_EXCESS_BEFORE = words("vượt", "exceeding", "exceeded", "exceeds", "above");
/** "100 triệu USD trở lên", "10% or higher": a threshold, not a figure. */
export const THRESHOLD_AFTER = words(
  "trở lên",
  "or more",
  "or higher",
  "or above",
  "and above",
  "mark",
  "milestone",
  "threshold",
);
export const THRESHOLD_BEFORE = words("mốc", "ngưỡng", "the mark of", "the threshold of");
/** "led by Tay Ninh +48.90%", "trong đó": what follows breaks the figure down. */
export const BREAKDOWN_CUES = words(
  "trong đó",
  "riêng",
  "tiêu biểu",
  "dẫn đầu",
  "đứng đầu là",
  "như",
  "of which",
  "led by",
  "including",
  "such as",
  "typically",
  "notably",
  "among which",
  "in particular",
  "particularly",
  "đặc biệt là",
);

export const QUALIFIERS: readonly { phrases: Phrase[]; qualifier: "about" | "over" | "under" }[] = [
  {
    qualifier: "about",
    phrases: words(
      "khoảng",
      "gần",
      "xấp xỉ",
      "ước khoảng",
      "about",
      "around",
      "approximately",
      "nearly",
      "almost",
      "roughly",
      "some",
      "close to",
    ),
  },
  {
    qualifier: "over",
    phrases: words("hơn", "trên", "more than", "over", "above", "upwards of", "at least"),
  },
  { qualifier: "under", phrases: words("dưới", "chưa đến", "less than", "under", "below") },
];

/** Scope words standing for a level: "the region's export value", "tỉnh này". */
export const LEVEL_ANAPHORA: readonly {
  phrases: Phrase[];
  level: "locality" | "region" | "country";
}[] = [
  {
    level: "region",
    phrases: words("the region", "region", "khu vực", "vùng", "toàn vùng", "regional"),
  },
  {
    level: "locality",
    phrases: words(
      "the province",
      "province",
      "the city",
      "municipal",
      "local",
      "tỉnh này",
      "tỉnh",
      "thành phố",
      "địa phương",
    ),
  },
  {
    level: "country",
    phrases: words("the country", "nationwide", "national", "cả nước", "toàn quốc", "country"),
  },
];
