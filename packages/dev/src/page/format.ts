import type { CostTotal, TokenTotals } from '../view/trace-summary';

/** `UTC`, `UTC+1`, `UTC+5:30`, `UTC-8`: the offset of local time at that moment. */
export function formatZone(millis: number): string {
  const offset = -new Date(millis).getTimezoneOffset();
  if (offset === 0 || !Number.isFinite(offset)) return 'UTC';
  const abs = Math.abs(offset);
  const minutes = abs % 60;
  return `UTC${offset > 0 ? '+' : '-'}${Math.floor(abs / 60)}${minutes > 0 ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}

/**
 * `2025-11-21 14:03:07 UTC+1` in local time with its offset: a developer reads their own
 * clock, and the zone says which clock that was (a server in a container often runs in UTC).
 */
export function formatTime(millis: number): string {
  if (!Number.isFinite(millis)) return '–';
  const d = new Date(millis);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${formatZone(millis)}`;
}

/** `14:03:07.250`, for times within one session. */
export function formatClock(millis: number): string {
  if (!Number.isFinite(millis)) return '–';
  const d = new Date(millis);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** `850 ms`, `2.41 s`, `3 min 5 s`, `2 h 5 min`, `3 d 4 h`; `–` for a negative or unknown one. */
export function formatDuration(millis: number): string {
  if (!Number.isFinite(millis) || millis < 0) return '–';
  if (millis < 1) return `${millis.toFixed(2)} ms`;
  if (millis < 1000) return `${Math.round(millis)} ms`;
  if (millis < 60_000) return `${(millis / 1000).toFixed(2)} s`;
  const seconds = Math.round(millis / 1000);
  if (seconds < 3_600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  const minutes = Math.round(millis / 60_000);
  if (minutes < 1_440) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  const hours = Math.round(millis / 3_600_000);
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
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
  if (cost.unpricedModels.length === 0)
    return 'Estimated from list prices: --prices first, then @pydantic/genai-prices';
  return `No price for ${cost.unpricedModels.join(', ')} (add it with --prices)`;
}
