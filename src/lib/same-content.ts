function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * Whether two records say the same thing once bookkeeping fields are set aside, whatever the
 * order of their keys. A repeated write of the same content is then a no-op, not a new version.
 */
export function sameContent<T extends object>(a: T, b: T, ignore: readonly (keyof T)[]): boolean {
  const strip = (x: T) =>
    Object.fromEntries(Object.entries(x).filter(([k]) => !ignore.includes(k as keyof T)));
  return JSON.stringify(canonical(strip(a))) === JSON.stringify(canonical(strip(b)));
}
