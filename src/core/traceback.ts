/**
 * The text Python's traceback module appends to a record (logger.exception, exc_info=, stack_info=),
 * recognised exactly, so that no head, however weak, can split a record inside it. From Lib/traceback.py
 * (TracebackException.format, StackSummary.format, _ExceptionPrintContext) and Lib/logging/__init__.py
 * (Formatter.formatStack's 'Stack (most recent call last):'), 3.8–3.13:
 *
 *     Traceback (most recent call last):          header
 *       File "app.py", line 3, in <module>        frames and their source lines, all indented
 *         f()
 *         ~^^                                     carets (3.11+), indented
 *     ValueError: boom                            the exception line: the first unindented one
 *                                                 (a blank line, then a chain banner, then a blank line)
 *     During handling of the above exception, another exception occurred:
 *       + Exception Group Traceback (most recent call last):   ExceptionGroup (3.11+): every line indented
 *       |   File ...
 *       +-+---------------- 1 ----------------
 *
 * loguru (_better_exceptions.py ExceptionFormatter, with backtrace=True or diagnose=True) lays a
 * traceback out with a blank line after its header and after each frame, marks the frame that caught
 * it `> File`, and annotates the variables of each source line (diagnose) on indented lines:
 *
 *     Traceback (most recent call last):
 *                                                 a blank line after the header: loguru's layout
 *     > File "app.py", line 9, in <module>
 *         divide(1, 0)
 *         └ <function divide at 0x7f...>          diagnose's annotations, indented
 *                                                 a blank line after each frame
 *     ZeroDivisionError: division by zero         the exception line: the first unindented one after a blank
 */
import { alt, lineEnd, lit, seq, set, zeroOrMore, type Rx } from './rx.js';

const HEADERS = ['Traceback (most recent call last):', 'Stack (most recent call last):'] as const;
const BANNERS = [
  'During handling of the above exception, another exception occurred:',
  'The above exception was the direct cause of the following exception:',
] as const;
/** A frame of loguru's layout: `> File "` marks the frame that caught the exception. */
const LOGURU_FRAME = /^(?:>| ) File "/u;
const GROUP_HEADER = /^[ \t]*\+ Exception Group Traceback \(most recent call last\):$/u;

/** What a line is to the traceback around it. */
export type TracebackLine =
  /** Part of a traceback (a header, a frame, a caret line, a banner, a group box): it continues the record. */
  | 'traceback'
  /** The first unindented line after a traceback's frames: its exception line, unless it starts a record. */
  | 'exception'
  /** Not traceback text: the head decides. */
  | 'other';

/** Follows tracebacks line by line, as `check` reads them. */
export class TracebackTracker {
  /**
   * `raised`: just after an exception line, where a blank line leads to a chain banner. `header`: just
   * after a Traceback header, where a blank line says loguru's layout: `gap` after a blank line in it,
   * `loguru` in its frames.
   */
  private state: 'none' | 'header' | 'frames' | 'stack' | 'group' | 'raised' | 'gap' | 'loguru' = 'none';

  /** The line was a record's first after all: the traceback before it has ended. */
  reset(): void {
    this.state = 'none';
  }

  classify(text: string): TracebackLine {
    const c = text.charCodeAt(0);
    const indented = c === 32 || c === 9;
    if (this.state === 'header') this.state = text === '' ? 'gap' : 'frames';
    if (this.state === 'gap' || this.state === 'loguru') {
      if (text === '') {
        this.state = 'gap';
        return 'traceback';
      }
      if (LOGURU_FRAME.test(text) || (this.state === 'loguru' && indented)) {
        this.state = 'loguru';
        return 'traceback';
      }
      this.state = 'raised';
      return 'exception';
    }
    if (this.state === 'raised') {
      if (text === '') return 'traceback';
      this.state = 'none';
    } else if (this.state !== 'none') {
      if (indented) {
        if (this.state === 'frames' && GROUP_HEADER.test(text)) this.state = 'group';
        return 'traceback';
      }
      const frames = this.state === 'frames';
      // A blank line after an ExceptionGroup's box (or frames) leads to a chain banner.
      if (text === '' && this.state !== 'stack') {
        this.state = 'raised';
        return 'traceback';
      }
      this.state = 'none';
      // Stack info and ExceptionGroup boxes have no unindented exception line: the next line is anything.
      if (frames && text !== '') {
        this.state = 'raised';
        return 'exception';
      }
    }
    // Cheap tests first: most lines start with neither 'T', 'S', 'D' nor whitespace.
    if (c === 84 && text === HEADERS[0]) this.state = 'header';
    else if (c === 83 && text === HEADERS[1]) this.state = 'stack';
    else if (indented && GROUP_HEADER.test(text)) this.state = 'group';
    else if ((c === 68 || c === 84) && (BANNERS as readonly string[]).includes(text)) this.state = 'raised';
    else return 'other';
    return 'traceback';
  }
}

/**
 * A line a collector, which sees one line at a time, can take for traceback text: a header, a banner, a
 * frame (`  File "`, loguru's `> File "`, `  [Previous line repeated 996 more times]`), an ExceptionGroup box (`  |`, `  +-`), or a line that looks like an exception line
 * (a dotted class name ending as builtin exceptions do, then ':' or the end; a custom exception class
 * named otherwise is not caught), or an empty line. With `indented`, also any line indented by a tab or four spaces (source
 * and caret lines): only where no record can begin so (a right-aligned `%(levelname)8s` does).
 */
export function tracebackLine(indented: boolean): Rx {
  return alt(
    ...[...HEADERS, ...BANNERS].map(lit),
    seq(lit('  '), zeroOrMore(lit(' ')), alt(lit('File "'), set('|', '+'), lit('[Previous line repeated '))),
    // loguru's frame that caught the exception (LOGURU_FRAME)
    lit('> File "'),
    ...(indented ? [lit('\t'), lit('    ')] : []),
    // The blank lines around a chain banner; no head but a message-first one can match an empty line.
    lineEnd,
    seq(
      set('A-Z', 'a-z', '_'), zeroOrMore(set('\\w', '.')),
      alt(...['Error', 'Exception', 'Exit', 'Interrupt', 'Warning', 'Group', 'Iteration'].map(lit)),
      alt(lit(':'), lineEnd),
    ),
  );
}

