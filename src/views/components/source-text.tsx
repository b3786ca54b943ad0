/**
 * Sources are free text. Any http(s) URL inside is linked (checked with the URL parser, so
 * `javascript:` and the like stay text); everything else is shown as text. `max` shortens long
 * text for table cells: text is cut (by code points, so no character is split), links are
 * kept whole or dropped, never cut.
 */
export function SourceText({ text, max }: { text: string | null; max?: number }) {
  if (!text) return null;
  let budget = max ?? Number.POSITIVE_INFINITY;
  const out: (string | { url: string })[] = [];
  for (const piece of splitUrls(text)) {
    if (budget <= 0) break;
    if (typeof piece === "string") {
      const chars = Array.from(piece);
      out.push(chars.length > budget ? `${chars.slice(0, budget).join("").trimEnd()}…` : piece);
      budget -= chars.length;
    } else {
      out.push(piece);
      budget -= linkText(piece.url).length;
    }
  }
  return (
    <>
      {out.map((piece) =>
        typeof piece === "string" ? (
          piece
        ) : (
          <a href={piece.url} rel="nofollow noopener noreferrer">
            {linkText(piece.url)}
          </a>
        ),
      )}
    </>
  );
}

/** Text and URLs in order; trailing punctuation after a URL belongs to the sentence. */
function splitUrls(text: string): (string | { url: string })[] {
  const pieces: (string | { url: string })[] = [];
  text.split(/(https?:\/\/[^\s<>"'“”]+)/).forEach((part, i) => {
    if (i % 2 === 0) {
      if (part) pieces.push(part);
      return;
    }
    const candidate = part.replace(/[.,;:!?)\]]+$/, "");
    if (isHttpUrl(candidate)) {
      pieces.push({ url: candidate });
      if (part.length > candidate.length) pieces.push(part.slice(candidate.length));
    } else {
      pieces.push(part);
    }
  });
  return pieces;
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

/** The host and a short path: enough to know where the link goes, short enough for a cell. */
function linkText(url: string): string {
  const { host, pathname } = new URL(url);
  const path = pathname.length > 24 ? `${pathname.slice(0, 23)}…` : pathname;
  return `${host}${path === "/" ? "" : path}`;
}
