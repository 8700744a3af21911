import type { CostTotal, TokenTotals } from '../view/trace-summary';

/** `2025-11-21 14:03:07` in local time: a developer reads their own clock. */
export function formatTime(millis: number): string {
  if (!Number.isFinite(millis)) return '–';
  const d = new Date(millis);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** `14:03:07.250`, for times within one session. */
export function formatClock(millis: number): string {
  if (!Number.isFinite(millis)) return '–';
  const d = new Date(millis);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** `850 ms`, `2.41 s`, `3 min 5 s`. */
export function formatDuration(millis: number): string {
  if (!Number.isFinite(millis) || millis < 0) return '–';
  if (millis < 1) return `${millis.toFixed(2)} ms`;
  if (millis < 1000) return `${Math.round(millis)} ms`;
  if (millis < 60_000) return `${(millis / 1000).toFixed(2)} s`;
  const minutes = Math.floor(millis / 60_000);
  return `${minutes} min ${Math.round((millis % 60_000) / 1000)} s`;
}

/** `1,234`. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `1,234 (1,000 in · 234 out)` style parts for a tokens cell. */
export function formatTokens(tokens: TokenTotals): string {
  return formatCount(tokens.total);
}

/** `$0.0123`; `–` when nothing had a price; a `+` marks models without one. */
export function formatCost(cost: CostTotal): string {
  if (!cost.priced) return cost.unpricedModels.length > 0 ? '?' : '–';
  const digits = cost.usd >= 1 ? 2 : cost.usd >= 0.01 ? 4 : 6;
  const usd = `$${cost.usd.toFixed(digits)}`;
  return cost.unpricedModels.length > 0 ? `${usd}+` : usd;
}

/** A tooltip that explains a cost cell. */
export function costTitle(cost: CostTotal): string {
  if (cost.unpricedModels.length === 0) return 'Estimated from the price table';
  return `No price for ${cost.unpricedModels.join(', ')} (add it with --prices)`;
}
