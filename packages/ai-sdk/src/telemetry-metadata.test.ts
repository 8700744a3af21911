import { describe, expect, it } from 'vitest';
import { toTelemetryMetadata } from './telemetry-metadata';

describe('toTelemetryMetadata', () => {
  it('puts session, user, tags and the metadata keys side by side', () => {
    expect(
      toTelemetryMetadata({
        sessionId: 'conv-1',
        userId: 'user-1',
        tags: ['a', 'b'],
        metadata: { tier: 'gold', region: 'eu' },
        traceName: 'chat',
        release: '1.2.3',
      }),
    ).toEqual({
      sessionId: 'conv-1',
      userId: 'user-1',
      tags: ['a', 'b'],
      tier: 'gold',
      region: 'eu',
    });
  });

  it('gives tags as a new mutable array, never the frozen resolved one', () => {
    const tags = Object.freeze(['a']);
    const metadata = toTelemetryMetadata({ tags });
    expect(metadata.tags).toEqual(['a']);
    expect(metadata.tags).not.toBe(tags);
    expect(Object.isFrozen(metadata.tags)).toBe(false);
  });

  it('leaves out metadata keys that would be read as the session, user or tags', () => {
    expect(
      toTelemetryMetadata({
        sessionId: 'conv-1',
        metadata: { sessionId: 'other', userId: 'someone', tags: 'x', tier: 'gold' },
      }),
    ).toEqual({ sessionId: 'conv-1', tier: 'gold' });
  });

  it('is empty for empty attributes and leaves out an empty tag list', () => {
    expect(toTelemetryMetadata({})).toEqual({});
    expect(toTelemetryMetadata({ tags: [] })).toEqual({});
  });
});
