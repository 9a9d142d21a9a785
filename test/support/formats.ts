/** Random logging formats from Python's grammar, in the three styles (test/property.test.ts, test/infer-differential.test.ts). */
import fc from 'fast-check';
import type { Style } from '../../src/core/index.js';

export const KEYS = ['asctime', 'name', 'levelname', 'levelno', 'message', 'lineno', 'funcName', 'filename', 'module', 'pathname',
  'threadName', 'thread', 'process', 'processName', 'created', 'msecs', 'relativeCreated', 'request_id', 'user'];
/**
 * Literal text. Free text stops at the character that follows it (README, "Limits"), so the literals
 * avoid the characters the sample values hold ('.', '-', '/' in names and paths, the '(' and '<' that
 * open '(unknown function)' and '<module>', and the '>' that closes it).
 */
const LITERAL = fc.string({ unit: fc.constantFrom(...' :|,[]){}@=\tabcXYZé✓0123456789'.split('')), maxLength: 4 });

/** One %-style placeholder from the grammar CPython accepts (some type-invalid on purpose). */
const percentField = fc
  .tuple(fc.constantFrom(...KEYS), fc.constantFrom('', '-', '0', '#', '+', ' '), fc.constantFrom('', '4', '8', '12'),
    fc.constantFrom('', '.1', '.3'), fc.constantFrom(...'sssssdrfxgaen'.split('')))
  .map(([key, flag, width, precision, conversion]) => `%(${key})${flag}${width}${precision}${conversion}`);

/** One {}-style placeholder. */
const braceField = fc
  .tuple(fc.constantFrom(...KEYS), fc.constantFrom('', '!r', '!s'), fc.constantFrom('', '<', '>', '^', '*^', '=', '_<'),
    fc.constantFrom('', '+', '#', '0'), fc.constantFrom('', '5', '10'), fc.constantFrom('', ',', '.2'), fc.constantFrom('', 's', 'd', 'f', 'x'))
  .map(([key, conv, align, sign, width, extra, type]) => {
    const spec = `${align}${sign}${width}${extra}${type}`;
    return `{${key}${conv}${spec ? `:${spec}` : ''}}`;
  });

const dollarField = fc.tuple(fc.constantFrom(...KEYS), fc.boolean()).map(([key, braced]) => (braced ? `\${${key}}` : `$${key}`));

const formatOf = (field: fc.Arbitrary<string>) =>
  fc.array(fc.tuple(LITERAL, field), { minLength: 1, maxLength: 5 }).chain((pairs) =>
    LITERAL.map((tail) => pairs.map(([l, f]) => l + f).join('') + tail));

export const DATEFMTS = [null, '%Y-%m-%d %H:%M:%S', '%d/%b/%Y:%H:%M:%S %z', '%c', '%x %X', '%H:%M:%S.%f', '%s', '%e %k %l %p %j', '%a %A %B %y %%'];

export interface Generated {
  fmt: string;
  style: Style;
  datefmt: string | null;
}

export const generated: fc.Arbitrary<Generated> = fc.oneof(
  fc.record({ fmt: formatOf(percentField), style: fc.constant<Style>('%'), datefmt: fc.constantFrom(...DATEFMTS) }),
  fc.record({ fmt: formatOf(braceField), style: fc.constant<Style>('{'), datefmt: fc.constantFrom(...DATEFMTS) }),
  fc.record({ fmt: formatOf(dollarField), style: fc.constant<Style>('$'), datefmt: fc.constantFrom(...DATEFMTS) }),
);


/**
 * Formats as people write them (the corpus's shapes, the logging cookbook's): common attributes between
 * the usual separators, alone or in the pairs people print (`%(filename)s:%(lineno)d`,
 * `%(module)s.%(funcName)s`), some in padded columns (`%(name)-12s`); the level padded, right-aligned,
 * bracketed or cut; the message last, or padded or not before a source location, a logger name or a
 * function; a common datefmt.
 */
const PLAIN_FIELDS = ['name', 'module', 'funcName', 'filename', 'lineno', 'process', 'threadName', 'processName', 'request_id'];
const plainField = fc.oneof(
  fc.constantFrom(...PLAIN_FIELDS).chain((key) => fc.constantFrom(`%(${key})s`, `[%(${key})s]`, `<%(${key})s>`, `${key}=%(${key})s`).map((text) => [key, text] as const)),
  fc.constantFrom('name', 'module', 'funcName', 'threadName').chain((key) => fc.constantFrom(`%(${key})-12s`, `%(${key})15s`).map((text) => [key, text] as const)),
  fc.constantFrom(['filename', '%(filename)s:%(lineno)d'], ['module', '%(module)s.%(funcName)s'], ['funcName', '%(funcName)s()'], ['process', '%(process)d:%(threadName)s'], ['name', '%(name)s:%(funcName)s:%(lineno)d']),
);
const plainLevel = fc.constantFrom('%(levelname)s', '%(levelname)-8s', '[%(levelname)s]', '%(levelname)5s', '%(levelname).1s', '%(levelname)-5.5s', '%(levelname)8s', '%(levelname)-7s');
const plainTime = fc.constantFrom('%(asctime)s', '[%(asctime)s]', '%(asctime)s.%(msecs)03d');
const plainTail = fc.constantFrom(' (%(pathname)s:%(lineno)d)', ' [%(name)s]', ' - %(funcName)s', ' %(filename)s:%(lineno)d');
export const plausible: fc.Arbitrary<Generated> = fc
  .tuple(fc.option(plainTime, { nil: '' }), plainLevel, fc.uniqueArray(plainField, { minLength: 0, maxLength: 3, selector: ([key]) => key }), fc.constantFrom(' ', ' - ', ' | ', ': '), fc.option(plainTail, { nil: null }), fc.boolean(),
    fc.constantFrom(null, '%Y-%m-%d %H:%M:%S', '%d/%b/%Y %H:%M:%S', '%Y-%m-%dT%H:%M:%S%z', '%H:%M:%S', '%m/%d/%Y %I:%M:%S %p'))
  .map(([time, level, fields, sep, tail, padded, datefmt]) => {
    const head = [time, level, ...fields.map(([, text]) => text)].filter((p) => p !== '');
    const fmt = `${head.join(sep)}${sep === ' ' ? ' ' : sep}${tail === null ? '%(message)s' : `${padded ? '%(message)-40s' : '%(message)s'}${tail}`}`;
    return { fmt, style: '%' as Style, datefmt: time === '' ? null : time.includes('msecs') ? '%Y-%m-%d %H:%M:%S' : datefmt };
  })
  .chain((g) => fc.constantFrom<Style>('%', '%', '{').map((style) => (style === '{' ? { ...g, fmt: asBraces(g.fmt), style } : g)));

/** The same format in `{}` style: `%(levelname)-8s` is `{levelname:<8}`, `%(msecs)03d` is `{msecs:03.0f}`. */
function asBraces(fmt: string): string {
  return fmt.replace(/%\((\w+)\)(-?)(\d*)(?:\.(\d+))?([sd])/gu, (_, key: string, left: string, width: string, precision: string | undefined, type: string) => {
    if (key === 'msecs') return '{msecs:03.0f}';
    const spec = `${width ? (left ? '<' : '>') + width : ''}${precision ? `.${precision}` : ''}${type === 'd' ? 'd' : ''}`;
    return spec ? `{${key}:${spec}}` : `{${key}}`;
  });
}
