import { describe, expect, it } from 'vitest';
import { countMockTokens, splitIntoChunks } from './mock-tokens';

describe('countMockTokens', () => {
  it('counts whitespace-separated words', () => {
    expect(countMockTokens('Echo: hello  there\nfriend ')).toBe(4);
    expect(countMockTokens('')).toBe(0);
    expect(countMockTokens('   ')).toBe(0);
    expect(countMockTokens('{"a":1,"b":2}')).toBe(1);
  });
});

describe('splitIntoChunks', () => {
  it('gives one word per chunk with its leading whitespace', () => {
    expect(splitIntoChunks('Echo: hi  there ')).toEqual(['Echo:', ' hi', '  there', ' ']);
    expect(splitIntoChunks('')).toEqual([]);
  });

  it('cuts long words without splitting surrogate pairs, and always joins back', () => {
    const json = JSON.stringify({ title: 'a title', body: '😀'.repeat(20) });
    const chunks = splitIntoChunks(json);
    expect(chunks.join('')).toBe(json);
    expect(chunks.length).toBeGreaterThan(3);
    // encodeURIComponent throws on a lone surrogate.
    for (const chunk of chunks) expect(() => encodeURIComponent(chunk)).not.toThrow();
  });
});
