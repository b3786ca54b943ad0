// Everything wrong with one imported file, gathered as the file is read and then checked
// against what is stored, and answered in one refusal. Only the first problems are built and
// kept (see ProblemList): a file of 10,000 bad rows costs a counter past the first hundred.
import { ApiError } from "../lib/errors";
import { DEFAULT_CSV_LIMITS } from "./csv-limits";
import { ProblemList } from "./problem-list";
import { type RowError, rowError } from "./rows";

/** Why a row cannot be applied; the answer's code is the most basic reason among them. */
export type RefusalReason = "invalid" | "unknown_indicator" | "conflict";

export type Refusal = RowError & { reason: RefusalReason };

/** Where the deciding code reports a row it cannot apply. */
export interface RefusalSink {
  refuse(row: number, column: string, reason: RefusalReason, message: string): void;
}

export class ImportProblems implements RefusalSink {
  /** Cells and rows that break the API's rules, met while reading, in row order. */
  private readonly reading: ProblemList<RowError>;
  /** Rows that cannot apply to what is stored, met after reading, in row order. */
  private readonly applying: ProblemList<Refusal>;
  private readonly reasons = new Set<RefusalReason>();

  constructor(private readonly limit: number = DEFAULT_CSV_LIMITS.problems) {
    this.reading = new ProblemList(limit);
    this.applying = new ProblemList(limit);
  }

  /**
   * Problems met while reading: those of one record, or of the header, which lists its first
   * problems and counts the rest (`total`) without building them.
   */
  invalid(errors: readonly RowError[], total: number = errors.length): void {
    if (total > 0) this.reasons.add("invalid");
    for (const error of errors) if (this.reading.count()) this.reading.list(error);
    this.reading.total += total - errors.length;
  }

  refuse(row: number, column: string, reason: RefusalReason, message: string): void {
    this.reasons.add(reason);
    if (this.applying.count()) this.applying.list({ ...rowError(row, column, message), reason });
  }

  get total(): number {
    return this.reading.total + this.applying.total;
  }

  /**
   * Refuses the whole file when anything is wrong. The code is the most basic reason among all
   * the problems, listed or not: a bad cell before an unknown indicator before a conflict with
   * what is stored.
   */
  throwIfAny(): void {
    if (this.total > 0) throw this.refusal();
  }

  /** The refusal of the file, listing its first problems by row. */
  refusal(): ApiError {
    const total = this.total;
    const code = this.reasons.has("invalid")
      ? "validation_failed"
      : this.reasons.has("unknown_indicator")
        ? "unknown_indicator"
        : "conflict";
    // Each list holds its own first problems in row order, so the first of the two merged are
    // the first of all.
    const listed = [
      ...this.reading.listed,
      ...this.applying.listed.map(({ reason, ...error }): RowError => error),
    ]
      .sort((a, b) => a.row - b.row)
      .slice(0, this.limit);
    const more = total > listed.length ? ` The first ${listed.length} are listed.` : "";
    return new ApiError(
      code,
      `${total} problem${total === 1 ? "" : "s"} in the file; nothing was written.${more}`,
      listed,
    );
  }
}
