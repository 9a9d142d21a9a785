/**
 * What Python's `%` operator and `format()` print for a number under a spec (research §2.2, §2.3, §7):
 * the fragment for the number itself, zero padding included (it is part of the digits: int('007') == 7).
 */
import type { FieldSpec } from './tokenize.js';
import { alt, digits, lit, optional, repeat, seq, set, zeroOrMore, type Rx } from './rx.js';

export interface NumberShape {
  /** The value is a float (created, msecs, relativeCreated) rather than an int. */
  readonly float: boolean;
  readonly signed: boolean;
  /** At most this many integer digits (msecs: 3 when truncated, 4 when rounded). */
  readonly maxDigits?: number;
}

type Presentation = 'int' | 'fixed' | 'exp' | 'general' | 'char';

const INT_BASES: Record<string, { digit: Rx; prefix: string; group: number }> = {
  d: { digit: set('\\d'), prefix: '', group: 3 },
  i: { digit: set('\\d'), prefix: '', group: 3 },
  u: { digit: set('\\d'), prefix: '', group: 3 },
  n: { digit: set('\\d'), prefix: '', group: 3 },
  x: { digit: set('0-9', 'a-f'), prefix: '0x', group: 4 },
  X: { digit: set('0-9', 'A-F'), prefix: '0X', group: 4 },
  o: { digit: set('0-7'), prefix: '0o', group: 4 },
  b: { digit: set('0', '1'), prefix: '0b', group: 4 },
};

export function presentationOf(type: string): Presentation {
  if (type in INT_BASES) return 'int';
  if ('fF%'.includes(type)) return 'fixed';
  if ('eE'.includes(type)) return 'exp';
  if (type === 'c') return 'char';
  return 'general';
}

/**
 * The fragment for a number printed with presentation `type` (a % conversion or a {} type letter).
 * `width` is only used for zero padding and '=' alignment; other padding is the caller's.
 */
export function numberRx(shape: NumberShape, spec: FieldSpec, type: string, percentStyle: boolean): Rx {
  const presentation = presentationOf(type);
  if (presentation === 'char') return set('\\s', '\\S'); // chr(levelno): any one character, even a newline
  const sign = spec.sign === '+' ? set('+', '\\-') : spec.sign === ' ' ? set(' ', '\\-') : shape.signed ? optional(lit('-')) : null;
  const base = INT_BASES[type] ?? INT_BASES.d!;
  const prefix = spec.alternate && presentation === 'int' ? base.prefix : '';
  const precision = typeof spec.precision === 'number' ? spec.precision : null;
  // '=' alignment pads between the sign (and 0x prefix) and the digits: '+0x*****ff'.
  const signPad = spec.align === '=' && !spec.zero && spec.width !== null ? repeat(lit(spec.fill), 0, spec.width === 'nested' ? null : spec.width) : lit('');
  let fraction: Rx = lit('');
  let fractionLength = 0;
  let suffix = '';
  if (presentation === 'fixed') {
    const p = precision ?? 6;
    fraction = p > 0 ? seq(lit('.'), digits(p, p)) : lit(spec.alternate ? '.' : '');
    fractionLength = p > 0 ? p + 1 : spec.alternate ? 1 : 0;
    suffix = type === '%' ? '%' : '';
  }
  if (presentation === 'exp') {
    const p = precision ?? 6;
    const e = type === 'E' ? 'E' : 'e';
    // Zero padding puts zeros before the one mantissa digit: %012.3e → 0001.101e+01.
    const zeros = spec.zero && typeof spec.width === 'number' ? repeat(lit('0'), 0, spec.width) : lit('');
    return seq(sign ?? lit(''), signPad, zeros, set('\\d'), p > 0 ? seq(lit('.'), digits(p, p)) : lit(spec.alternate ? '.' : ''), lit(e), set('+', '\\-'), digits(2));
  }
  if (presentation === 'general') {
    // %g / {:g} / {:.3} / {:n}: fixed or exponent notation, trailing zeros dropped; not worth more precision.
    const e = type === 'G' ? 'E' : 'e';
    const whole = spec.grouping ? seq(digits(1, 3), zeroOrMore(seq(lit(spec.grouping), digits(3, 3)))) : digits();
    return seq(sign ?? lit(''), signPad, whole, optional(seq(lit('.'), zeroOrMore(set('\\d')))), optional(seq(lit(e), set('+', '\\-'), digits(2))));
  }
  // Integer part. A % precision on an integer zero-pads it to that many digits ('%.5d' → 00020).
  const intPrecision = presentation === 'int' && percentStyle && precision !== null ? precision : 1;
  const zeroWidth = spec.zero && typeof spec.width === 'number' ? spec.width : 0;
  const fixedLength = prefix.length + fractionLength + suffix.length;
  // Rounding (fixed notation) can carry into one more digit: %(msecs)03.0f prints 1000 on 3.8/3.9; '%'
  // multiplies by 100 first: {msecs:%} prints 50000.000000%.
  const maxDigits = shape.maxDigits === undefined ? null : shape.maxDigits + (presentation === 'fixed' ? 1 : 0) + (type === '%' ? 2 : 0);
  const intPart = (signLength: number): Rx => {
    if (spec.grouping) {
      const g = spec.grouping === ',' ? 3 : base.group;
      return seq(repeat(base.digit, 1, g), zeroOrMore(seq(lit(spec.grouping), repeat(base.digit, g, g))));
    }
    const min = Math.max(intPrecision, zeroWidth - signLength - fixedLength, 1);
    return repeat(base.digit, min, maxDigits === null ? null : Math.max(min, maxDigits));
  };
  const body = (signLength: number) => seq(lit(prefix), signPad, intPart(signLength), fraction, lit(suffix));
  if (sign === null) return body(0);
  if (spec.sign !== null) return seq(sign, body(1));
  // Optional '-': with zero padding the digit count depends on whether it is there.
  return zeroWidth > 0 ? alt(seq(lit('-'), body(1)), body(0)) : seq(sign, body(0));
}
