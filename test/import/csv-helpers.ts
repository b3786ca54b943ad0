import { CsvError, type CsvReadOptions, type CsvRecord, readCsv } from "../../src/import/csv";

export const encode = (text: string) => new TextEncoder().encode(text);

/** A body delivered in pieces of the given sizes (cycled), as a network delivers it. */
export function streamOf(bytes: Uint8Array, sizes: readonly number[] = [bytes.byteLength || 1]) {
  let at = 0;
  let k = 0;
  const state = { cancelled: false, pulls: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulls += 1;
      if (at >= bytes.byteLength) {
        controller.close();
        return;
      }
      const size = Math.max(1, sizes[k % sizes.length] ?? 1);
      k += 1;
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state, delivered: () => at };
}

export interface Outcome {
  records: CsvRecord[];
  error?: { reason: string; row: number; message: string };
}

/** Every record a read yields, and the error that ended it, if any. */
export async function collect(
  source: Parameters<typeof readCsv>[0],
  options?: CsvReadOptions,
): Promise<Outcome> {
  const records: CsvRecord[] = [];
  try {
    for await (const record of readCsv(source, options)) records.push(record);
    return { records };
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    return { records, error: { reason: err.reason, row: err.row, message: err.message } };
  }
}

/** The reason and row a read stopped at (or "ok"). */
export async function stopOf(
  source: Parameters<typeof readCsv>[0],
  options?: CsvReadOptions,
): Promise<string> {
  const { error } = await collect(source, options);
  return error ? `${error.reason}@${error.row}` : "ok";
}
