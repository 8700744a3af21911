import { describe, expect, it } from 'vitest';
import type { Dialect } from '../keys/dialect-keys';
import type { ThreadlineSettings } from '../settings';
import { readSpanAttributes } from './read-span-attributes';

const settings: ThreadlineSettings = { sensitive: 'warn', maxMetadataCardinality: 1000 };
const read = (attributes: Record<string, unknown>, dialects: Dialect[] = ['otel', 'langfuse']) =>
  readSpanAttributes(attributes as never, Object.keys(attributes), new Set(dialects), settings);

describe('readSpanAttributes (docs/contract.md#precedence level 1 off a starting span)', () => {
  it('reads every Langfuse dialect key another library set', () => {
    expect(
      read({
        'session.id': 's',
        'user.id': 'u',
        'langfuse.trace.name': 'n',
        'langfuse.trace.tags': ['a', 'b'],
        'langfuse.version': 'v',
        'langfuse.release': 'r',
        'langfuse.environment': 'prod',
        'langfuse.trace.metadata.tier': 'gold',
        'http.method': 'GET',
      }),
    ).toEqual({
      sessionId: 's',
      userId: 'u',
      traceName: 'n',
      tags: ['a', 'b'],
      version: 'v',
      release: 'r',
      environment: 'prod',
      metadata: { tier: 'gold' },
    });
  });

  it('prefers the dialect key, then langfuse.*, then the AI SDK metadata', () => {
    expect(read({ 'ai.telemetry.metadata.sessionId': 'ai', 'session.id': 'otel' }).sessionId).toBe(
      'otel',
    );
    expect(read({ 'ai.telemetry.metadata.userId': 'ai', 'langfuse.user.id': 'lf' }).userId).toBe(
      'lf',
    );
    expect(read({ 'ai.telemetry.metadata.sessionId': 'ai' }).sessionId).toBe('ai');
  });

  it('reads tags as an array, a JSON array string or a comma list', () => {
    expect(read({ 'ai.telemetry.metadata.tags': ['x'] }).tags).toEqual(['x']);
    expect(read({ 'langfuse.trace.tags': '["a","b"]' }).tags).toEqual(['a', 'b']);
    expect(read({ 'langfuse.trace.tags': 'a, b' }).tags).toEqual(['a', 'b']);
  });

  it('reads openinference keys only when that dialect is on', () => {
    const span = { 'tag.tags': ['t'], metadata: '{"k":"v"}' };
    expect(read(span)).toEqual({});
    expect(read(span, ['openinference'])).toEqual({ tags: ['t'], metadata: { k: 'v' } });
    expect(read({ 'langfuse.trace.name': 'n' }, ['otel'])).toEqual({});
  });

  it('validates what it reads', () => {
    expect(
      read({ 'session.id': 'bad\nid', 'user.id': 'u', 'langfuse.environment': 'LANGFUSE' }),
    ).toEqual({
      userId: 'u',
    });
    expect(read({ 'langfuse.trace.metadata.__proto__': 'x' })).toEqual({});
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('returns the same object for the same values (validated once)', () => {
    const a = read({
      'ai.telemetry.metadata.sessionId': 'same',
      'ai.telemetry.metadata.userId': 'u',
    });
    const b = read({
      'ai.telemetry.metadata.sessionId': 'same',
      'ai.telemetry.metadata.userId': 'u',
    });
    expect(a).toBe(b);
  });

  it('does not reuse a result validated under another sensitive policy', () => {
    const span = { 'user.id': 'jane@example.com' };
    const keys = Object.keys(span);
    const otel = new Set<Dialect>(['otel']);
    expect(readSpanAttributes(span, keys, otel, settings).userId).toBe('jane@example.com');
    const dropping: ThreadlineSettings = { ...settings, sensitive: 'drop' };
    expect(readSpanAttributes(span, keys, otel, dropping).userId).toBeUndefined();
  });
});
