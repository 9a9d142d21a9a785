/** One unit in the last digit a number's text prints: '1.410' → 0.001, '-3.39e+11' → 1e9, '410' → 1. */
export function lastDigit(text: string): number {
  const m = /(?:\.(\d*))?(?:e([+-]?\d+))?$/iu.exec(text.replace(/[,_]/gu, ''))!;
  return 10 ** (Number(m[2] ?? 0) - (m[1]?.length ?? 0));
}
