// Identifiers for events, deliveries, silences and destinations.

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A ULID (https://github.com/ulid/spec): 10 characters of time, 16 of randomness, in Crockford
 * base32. The time is the run's scheduled time, not the clock, so ids sort like `occurred_at`
 * and a cursor `before=<id>` pages through history in order.
 */
export function ulid(
  timeMs: number,
  random: Uint8Array = crypto.getRandomValues(new Uint8Array(10)),
): string {
  if (!Number.isInteger(timeMs) || timeMs < 0 || timeMs > 2 ** 48 - 1) {
    throw new RangeError(`ulid time out of range: ${timeMs}`);
  }
  let time = "";
  let t = timeMs;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  // 80 random bits as 16 five-bit groups.
  let bits = 0;
  let value = 0;
  let rest = "";
  for (const byte of random.subarray(0, 10)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      rest += CROCKFORD[(value >> bits) & 31];
    }
  }
  return time + rest;
}

export type IdKind = "evt" | "dlv" | "sil" | "wh";

/** `evt_01J...`: the prefix says what the id names when it turns up in a log or a header. */
export function newId(kind: IdKind, timeMs: number): string {
  return `${kind}_${ulid(timeMs)}`;
}
