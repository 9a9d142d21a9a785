/** Errors are values: every fallible core function returns a Result instead of throwing. */

/** A problem in a format string, datefmt or option, with the 0-based column it points at. */
export interface FormatError {
  readonly message: string;
  /** 0-based index into `source`. */
  readonly column: number;
  /** The text the column indexes: the format string, the datefmt, or an option value. */
  readonly source: string;
  /** What `source` is, for the CLI's message ("format", "datefmt", "--field"). */
  readonly origin: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: FormatError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (message: string, column: number, source: string, origin = 'format'): Result<never> => ({
  ok: false,
  error: { message, column, source, origin },
});

/** A non-fatal finding: Python will print something other than the user probably meant. */
export interface Warning {
  readonly message: string;
  readonly column: number;
  readonly source: string;
  readonly origin: string;
}
