/** `pylogrx presets`: the presets, each formatter as the flags that stand for it, and where it is set. */
import { PRESETS, type Preset, type PresetFormatter } from '../core/presets.js';
import { asctimeLayout, layoutText } from '../core/strftime.js';
import { STYLES } from '../core/tokenize.js';

/** One object per formatter (a preset of two gives two with its name): this shape is a contract. */
export interface PresetRow {
  readonly name: string;
  readonly style: PresetFormatter['style'];
  readonly format: string;
  readonly datefmt: string | null;
  readonly source: string;
}

export function presetRows(presets: readonly Preset[] = PRESETS): PresetRow[] {
  return presets.flatMap((p) => p.formatters.map((f) => ({ name: p.name, style: f.style, format: f.format, datefmt: f.datefmt, source: f.source })));
}

export function runPresets(flags: { json?: boolean }): void {
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(presetRows(), null, 2)}\n`);
    return;
  }
  process.stdout.write(PRESETS.map(described).join('\n'));
}

/**
 * A preset's name and description, then per formatter: the style, format and datefmt as a command line
 * would give them, and its source. A preset of several names each by the key that chooses it.
 */
function described(preset: Preset): string {
  const several = preset.formatters.length > 1;
  const lines = preset.formatters.flatMap((f) => {
    const datefmt = f.datefmt === null ? '' : ` --datefmt ${quoted(f.datefmt)}`;
    // A front end of the preset's own (structlog's console lines), or a Formatter class's own asctime, is no
    // --style and no --datefmt: the preset names it.
    const own = `--preset ${preset.name}${several ? `#${f.key}` : ''}`;
    const given = f.formatTime ? `${own} (--style ${quoted(f.style)} ${quoted(f.format)}${datefmt}, asctime ${quoted(layoutText(asctimeLayout(f.datefmt, f.formatTime)))})`
      : (STYLES as readonly string[]).includes(f.style) ? `--style ${quoted(f.style)} ${quoted(f.format)}${datefmt}`
        : `${own} (its own reader of ${quoted(f.format)}${datefmt})`;
    return [`  ${several ? `${preset.name}#${f.key}: ` : ''}${given}`, `    ${f.source}`];
  });
  return [`${preset.name}: ${preset.description}`, ...lines, ''].join('\n');
}

/** Single-quoted for a POSIX shell. */
const quoted = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
