const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

// The UTC day formatted last: its first millisecond and its `YYYY-MM-DDT`. Most times a
// process formats fall on the same day, whose date needs no formatting again.
let dayStart = Number.NaN;
let dayPrefix = '';

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}

/**
 * `new Date(ms).toISOString()`, the same string, with only the time of day formatted when `ms`
 * falls on the UTC day formatted last: the engine's own formatting of a date costs several
 * microseconds, once per streamed call (`langfuse.observation.completion_start_time`).
 */
export function isoTime(ms: number): string {
  const offset = ms - dayStart;
  if (offset >= 0 && offset < DAY_MS) {
    const inDay = Math.floor(offset);
    const hours = Math.floor(inDay / HOUR_MS);
    const minutes = Math.floor((inDay % HOUR_MS) / MINUTE_MS);
    const seconds = Math.floor((inDay % MINUTE_MS) / 1000);
    const millis = inDay % 1000;
    const millisText = millis < 10 ? `00${millis}` : millis < 100 ? `0${millis}` : `${millis}`;
    return `${dayPrefix}${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(seconds)}.${millisText}Z`;
  }
  const iso = new Date(ms).toISOString();
  // Only a day of a four-digit year from 1970 on is kept: before it, the engine truncates a
  // fraction of a millisecond towards zero, not down; past 9999, the year takes more digits.
  if (ms >= 0 && iso.length === 24) {
    dayStart = Math.floor(ms / DAY_MS) * DAY_MS;
    dayPrefix = iso.slice(0, 11);
  }
  return iso;
}
