// The reader as it was before it streamed, kept verbatim as the oracle the streaming reader is
// compared with: on any text within the limits both must give the same records or the same
// error at the same row.

export interface ReferenceRecord {
  row: number;
  fields: string[];
}

export class ReferenceSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

type Delimiter = "," | ";" | "\t";

export function referenceDetectDelimiter(text: string): Delimiter {
  const end = text.search(/\r|\n/);
  const header = end === -1 ? text : text.slice(0, end);
  let best: Delimiter = ",";
  let bestCount = 0;
  for (const d of [",", ";", "\t"] as const) {
    const count = header.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

export function referenceParseCsv(
  input: string,
  delimiter: Delimiter = referenceDetectDelimiter(input),
): ReferenceRecord[] {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const records: ReferenceRecord[] = [];
  let fields: string[] = [];
  let row = 1;
  let i = 0;
  const n = text.length;
  if (n === 0) return records;
  for (;;) {
    // At the start of a field.
    let value: string;
    if (text[i] === '"') {
      let j = i + 1;
      let out = "";
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) throw new ReferenceSyntaxError(row, "A quoted field is never closed.");
        out += text.slice(j, q);
        if (text[q + 1] === '"') {
          out += '"';
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      value = out.replaceAll("\r\n", "\n");
      const next = text[i];
      if (i < n && next !== delimiter && next !== "\n" && next !== "\r") {
        throw new ReferenceSyntaxError(row, "Text follows a closing quote; quote the whole field.");
      }
    } else {
      let j = i;
      while (j < n) {
        const ch = text[j];
        if (ch === delimiter || ch === "\n" || ch === "\r") break;
        if (ch === '"') {
          throw new ReferenceSyntaxError(
            row,
            'A quote inside an unquoted field; quote the field and double the quote ("").',
          );
        }
        j += 1;
      }
      value = text.slice(i, j);
      i = j;
    }
    fields.push(value);
    if (i >= n) {
      records.push({ row, fields });
      return records;
    }
    const sep = text[i];
    if (sep === delimiter) {
      i += 1;
      continue;
    }
    // A line break ends the record; CRLF counts once.
    i += sep === "\r" && text[i + 1] === "\n" ? 2 : 1;
    records.push({ row, fields });
    fields = [];
    row += 1;
    if (i >= n) return records;
  }
}
