import { describe, expect, it } from 'vitest';
import { formatDuration, formatTime, formatZone } from './format';

describe('formatDuration', () => {
  it('names the largest units that matter, never thousands of minutes', () => {
    expect(formatDuration(0.5)).toBe('0.50 ms');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(2_410)).toBe('2.41 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(59 * 60_000 + 59_600)).toBe('1 h 0 min');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h');
    // An end before the start (a broken clock) has no duration to show.
    expect(formatDuration(-5)).toBe('–');
    expect(formatDuration(Number.NaN)).toBe('–');
  });
});

describe('formatTime', () => {
  it('shows local time with its offset from UTC', () => {
    const millis = Date.UTC(2025, 10, 21, 14, 3, 7);
    const offset = -new Date(millis).getTimezoneOffset();
    const local = new Date(millis + offset * 60_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(formatTime(millis)).toBe(
      `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:03:07 ${formatZone(millis)}`,
    );
    expect(formatZone(millis)).toMatch(/^UTC([+-]\d{1,2}(:\d{2})?)?$/);
    expect(formatTime(Number.NaN)).toBe('–');
  });

  it('names zones east and west of UTC, with their minutes', () => {
    const zone = process.env.TZ;
    const millis = Date.UTC(2025, 0, 15, 12, 0, 0);
    try {
      process.env.TZ = 'Asia/Kolkata';
      expect(formatTime(millis)).toBe('2025-01-15 17:30:00 UTC+5:30');
      process.env.TZ = 'America/New_York';
      expect(formatTime(millis)).toBe('2025-01-15 07:00:00 UTC-5');
      process.env.TZ = 'UTC';
      expect(formatTime(millis)).toBe('2025-01-15 12:00:00 UTC');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
