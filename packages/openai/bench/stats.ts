/** Median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `value` as a signed percentage of `base`, e.g. `+1.2%`. */
export function percentOf(value: number, base: number): string {
  const p = (value / base) * 100;
  return `${p >= 0 ? '+' : ''}${p.toFixed(2)}%`;
}
