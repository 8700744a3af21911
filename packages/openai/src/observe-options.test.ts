import { describe, expect, it } from 'vitest';
import { combineOptions, explicitAttributesOf, isEmptyOptions } from './observe-options';

describe('observe options', () => {
  it('combines like nested scopes: scalars replaced, tags united, metadata merged, null clears', () => {
    const provider = { getTracer: () => ({}) as any };
    const combined = combineOptions(
      {
        sessionId: 'a',
        userId: 'u',
        tags: ['x'],
        metadata: { tier: 'free', region: 'eu' },
        captureContent: false,
      },
      {
        sessionId: 'b',
        tags: ['y', 'x'],
        metadata: { tier: 'gold' },
        userId: null,
        tracerProvider: provider,
      },
    );
    expect(combined).toEqual({
      sessionId: 'b',
      userId: null,
      tags: ['x', 'y', 'x'],
      metadata: { tier: 'gold', region: 'eu' },
      captureContent: false,
      tracerProvider: provider,
    });
    expect(explicitAttributesOf(combined)).toEqual({
      sessionId: 'b',
      tags: ['x', 'y'],
      metadata: { tier: 'gold', region: 'eu' },
    });
  });

  it('drops an invalid value on its own (docs/contract.md#fields)', () => {
    expect(explicitAttributesOf({ sessionId: 'bad\u0007id', userId: 'user-1' })).toEqual({
      userId: 'user-1',
    });
    expect(explicitAttributesOf({ sessionId: '' })).toBeUndefined();
    expect(explicitAttributesOf({ generationName: 'x' })).toBeUndefined();
  });

  it('knows empty options', () => {
    expect(isEmptyOptions({})).toBe(true);
    expect(isEmptyOptions({ sessionId: undefined })).toBe(true);
    expect(isEmptyOptions({ captureContent: false })).toBe(false);
  });
});
