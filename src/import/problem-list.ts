import { DEFAULT_CSV_LIMITS } from "./csv-limits";

/**
 * The problems one answer lists: the first `limit` are built and kept, the rest only counted,
 * so a file with a million bad cells costs a counter, not a million objects. Build a problem
 * only when `count()` admits it:
 *
 *     if (problems.count()) problems.list(rowError(row, column, message));
 */
export class ProblemList<T> {
  readonly listed: T[] = [];
  /** Every problem counted, listed or not. */
  total = 0;

  constructor(readonly limit: number = DEFAULT_CSV_LIMITS.problems) {}

  /** Counts one more problem; true while it is among the first `limit`, to be listed. */
  count(): boolean {
    this.total += 1;
    return this.total <= this.limit;
  }

  /** Lists a problem `count()` admitted. */
  list(problem: T): void {
    if (this.listed.length < this.limit) this.listed.push(problem);
  }

  /** Problems counted but not listed. */
  get unlisted(): number {
    return this.total - this.listed.length;
  }
}
