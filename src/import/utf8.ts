// UTF-8 arithmetic the CSV reader needs beside the platform's decoder: how many bytes text
// takes (to hold a string to the same byte limit as a body), and where a malformed sequence
// starts (to name the row it is on, which the decoder's error does not say).

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * How much of `text` fits in `budget` bytes of UTF-8, as TextEncoder would write it (an
 * unpaired surrogate as U+FFFD, 3 bytes): the characters that fit whole, and their bytes.
 */
export function utf8Fit(text: string, budget: number): { chars: number; bytes: number } {
  let bytes = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    let size = 3;
    let units = 1;
    if (c < 0x80) size = 1;
    else if (c < 0x800) size = 2;
    else if (isHigh(c) && i + 1 < n && isLow(text.charCodeAt(i + 1))) {
      size = 4;
      units = 2;
    }
    if (bytes + size > budget) break;
    bytes += size;
    i += units;
  }
  return { chars: i, bytes };
}

/** The bytes a well-formed sequence starting with `lead` takes, or 0 if it starts none. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The range the byte after `lead` must fall in (the rest are always 0x80-0xBF). */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf]; // no overlong forms
  if (lead === 0xed) return [0x80, 0x9f]; // no surrogates
  if (lead === 0xf0) return [0x90, 0xbf]; // no overlong forms
  if (lead === 0xf4) return [0x80, 0x8f]; // nothing past U+10FFFF
  return [0x80, 0xbf];
}

/**
 * Where the first malformed sequence in `bytes` starts, or -1 if there is none. A sequence cut
 * off by the end of `bytes` is not malformed: the rest may follow in the next chunk.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const lead = bytes[i] ?? 0;
    const length = sequenceLength(lead);
    if (length === 0) return i;
    const [low, high] = secondByteRange(lead);
    for (let k = 1; k < length; k += 1) {
      if (i + k >= n) return -1;
      const b = bytes[i + k] ?? 0;
      if (k === 1 ? b < low || b > high : b < 0x80 || b > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}

/**
 * How many bytes at the end of well-formed `bytes` begin a sequence that is not complete yet
 * (0 to 3): what a streaming decoder holds back until the next chunk.
 */
export function incompleteTail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let k = 1; k <= Math.min(3, n); k += 1) {
    const b = bytes[n - k] ?? 0;
    if (b >= 0x80 && b <= 0xbf) continue;
    return sequenceLength(b) > k ? k : 0;
  }
  return 0;
}
