/**
 * The edge of the system is the only place that reads the clock; everything below receives
 * the date as a parameter.
 */
export function todayUtc(nowMs: number = Date.now()): string {
  return new Date(nowMs).toISOString().slice(0, 10);
}

export function nowIso(nowMs: number = Date.now()): string {
  return new Date(nowMs).toISOString();
}
