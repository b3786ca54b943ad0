// A request body handed to code that reads it as it arrives and may stop early (the CSV import
// stops at the first limit a file passes). Cancelling a request body makes the runtime drop
// the connection while the client is still sending, and the client then sees a reset instead
// of the answer that explains what was wrong. So when the reader stops, the rest of the body is
// read and dropped, up to a budget: it costs time on the wire but no memory, and beyond the
// budget the connection is given up after all.

/**
 * Bytes read past `maxBytes` before giving up: a body just over the limit still reads its
 * answer (413), one far over it is cut off.
 */
const DRAIN_MARGIN_BYTES = 64 * 1024;

/** `body` as a stream whose cancellation drains what is left, up to `maxBytes` in all. */
export function drainedOnCancel(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let read = 0;
  /** The read a pull is waiting for: the body allows one at a time. */
  let pending: Promise<unknown> = Promise.resolve();
  const next = () => {
    const result = reader.read();
    pending = result.catch(() => undefined);
    return result;
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await next();
        if (done) controller.close();
        else {
          read += value.byteLength;
          controller.enqueue(value);
        }
      },
      async cancel() {
        try {
          await pending;
          while (read <= maxBytes + DRAIN_MARGIN_BYTES) {
            const { done, value } = await next();
            if (done) return;
            read += value.byteLength;
          }
          await reader.cancel();
        } catch {
          // A body that cannot be read to its end has nothing more to say.
        }
      },
    },
    // Nothing is read ahead of the consumer: what it has not asked for is never held.
    { highWaterMark: 0 },
  );
}
