/** A duration given in nanoseconds, in the unit that reads best. */
export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) return ns > 0 ? '∞' : ns < 0 ? '−∞' : '—';
  const abs = Math.abs(ns);
  if (abs >= 1e6) return `${(ns / 1e6).toFixed(3)} ms`;
  if (abs >= 1e4) return `${(ns / 1e3).toFixed(1)} µs`;
  if (abs >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${Math.round(ns)} ns`;
}

/** A signed duration: `+51 ns`, `−1.20 µs`. */
export function formatSignedNs(ns: number): string {
  const text = formatNs(ns);
  if (!Number.isFinite(ns)) return text;
  return text.startsWith('-') ? `−${text.slice(1)}` : `+${text}`;
}
