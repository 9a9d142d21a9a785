/**
 * The zone a log's times are written in, as each collector spells it. Users give an IANA name
 * (`Asia/Shanghai`), a fixed offset (`+08:00`, `+0800`, `UTC`) or Logtail's `GMT+08:00`; each target takes
 * some of these. A name becomes a fixed offset only where that is exact: the zone has had one offset
 * for the last years and the next (no daylight saving time).
 */

export type ZoneSyntax = 'logtail' | 'offset' | 'iana' | 'iana-or-offset';

/** What each syntax accepts, for the error that names it. */
const ACCEPTS: Readonly<Record<ZoneSyntax, string>> = {
  logtail: 'GMT+08:00 (GMT, a sign, hours and minutes)',
  offset: 'a fixed offset such as +0800',
  iana: 'an IANA zone name such as Europe/Berlin, or UTC',
  'iana-or-offset': 'an IANA zone name such as Europe/Berlin, or a fixed offset such as +08:00',
};

/** Minutes east of UTC, from `+08:00`, `+0800`, `-05`, `GMT+08:00`, `UTC+8`, `Z`, `UTC`, `GMT`. */
function fixedOffset(text: string): number | null {
  if (/^(?:Z|UTC|GMT)$/iu.test(text)) return 0;
  const m = /^(?:GMT|UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$/u.exec(text);
  if (!m) return null;
  const [hours, minutes] = [Number(m[2]), Number(m[3] ?? '0')];
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function isIana(name: string): boolean {
  if (!name.includes('/') && !/^(?:UTC|GMT)$/u.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset in minutes at `at`, from Intl's `GMT+08:00` spelling. */
function offsetAt(name: string, at: Date): number {
  const text = new Intl.DateTimeFormat('en', { timeZone: name, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')!.value;
  return fixedOffset(text) ?? 0;
}

/** An IANA zone's one offset over the years around `now`, or null when it changes (daylight saving time). */
function steadyOffset(name: string, now: Date): number | null {
  const year = now.getUTCFullYear();
  const offsets = new Set<number>();
  for (let y = year - 2; y <= year + 1; y++) for (let month = 0; month < 12; month++) offsets.add(offsetAt(name, new Date(Date.UTC(y, month, 15))));
  return offsets.size === 1 ? [...offsets][0]! : null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const signed = (minutes: number, colon: boolean) =>
  `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}${colon ? ':' : ''}${pad(Math.abs(minutes) % 60)}`;

/** The zone as `syntax` writes it, or an error that says what the target accepts. */
export function zoneFor(zone: string, syntax: ZoneSyntax, target: string, now = new Date()): { value: string } | { error: string } {
  const offset = fixedOffset(zone);
  const iana = offset === null && isIana(zone);
  if (offset === null && !iana) return { error: `${JSON.stringify(zone)} is not a time zone: ${target} takes ${ACCEPTS[syntax]}` };
  if (syntax === 'iana') {
    if (iana || offset === 0) return { value: iana ? zone : 'UTC' };
    // Etc/GMT-8 is UTC+8 (POSIX signs): exact for whole hours only.
    if (offset! % 60 === 0) return { value: `Etc/GMT${offset! > 0 ? '-' : '+'}${Math.abs(offset! / 60)}` };
    return { error: `${target} takes ${ACCEPTS.iana}, and no IANA name is the offset ${zone}` };
  }
  if (syntax === 'iana-or-offset') return { value: iana ? zone : signed(offset!, true) };
  const minutes = offset ?? steadyOffset(zone, now);
  if (minutes === null) {
    return { error: `${zone} has daylight saving time, which ${target} cannot follow: it takes ${ACCEPTS[syntax]} (the offset in winter or summer, or log %z in the datefmt)` };
  }
  return { value: syntax === 'logtail' ? `GMT${signed(minutes, true)}` : signed(minutes, false) };
}

/**
 * An option's zone in the target's syntax, or undefined when none was given or it cannot be written
 * (then a warning says `otherwise`: what the target does instead). The CLI refuses such a zone first.
 */
export function givenZone(zone: string | undefined, syntax: ZoneSyntax, target: string, warn: (message: string) => void, otherwise: string): string | undefined {
  if (zone === undefined || zone === '') return undefined;
  const z = zoneFor(zone, syntax, target);
  if ('error' in z) warn(`${z.error}; ${otherwise}`);
  return 'value' in z ? z.value : undefined;
}
