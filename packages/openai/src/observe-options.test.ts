import { describe, expect, it } from 'vitest';
import {
  combineOptions,
  explicitAttributesOf,
  isEmptyOptions,
  namesFallbackPrompt,
} from './observe-options';

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

  it('keeps a prompt as one value: the later one replaces it whole, name and version kept', () => {
    const client = { name: 'support', version: 4, isFallback: false, prompt: 'You are {{role}}' };
    const combined = combineOptions({ prompt: { name: 'triage', version: 1 } }, { prompt: client });
    expect(combined.prompt).toBe(client);
    expect(explicitAttributesOf(combined)).toEqual({ prompt: { name: 'support', version: 4 } });
    expect(explicitAttributesOf({ prompt: { name: 'p', version: '3' } as never })).toBeUndefined();
  });

  it('knows a fallback prompt, which no generation links', () => {
    const fallback = { name: 'support', version: 1, isFallback: true };
    expect(namesFallbackPrompt({ prompt: fallback })).toBe(true);
    expect(explicitAttributesOf({ prompt: fallback })).toBeUndefined();
    expect(namesFallbackPrompt({ prompt: { name: 'support', version: 1 } })).toBe(false);
    expect(namesFallbackPrompt({})).toBe(false);
    const hostile = {
      get prompt(): never {
        throw new Error('no prompt here');
      },
    };
    expect(namesFallbackPrompt(hostile)).toBe(false);
  });

  it('knows empty options', () => {
    expect(isEmptyOptions({})).toBe(true);
    expect(isEmptyOptions({ sessionId: undefined })).toBe(true);
    expect(isEmptyOptions({ captureContent: false })).toBe(false);
  });
});
