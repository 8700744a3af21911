import { describe, expect, it } from 'vitest';
import { callFields } from './call-fields';

const JSON_PROMPT = JSON.stringify({ name: 'support', version: 5, isFallback: false, labels: [] });

describe('callFields', () => {
  it('names nothing for options that name no field', () => {
    expect(callFields({})).toEqual({ explicit: undefined, noPrompt: false });
    expect(callFields({ sessionId: undefined })).toEqual({ explicit: undefined, noPrompt: false });
  });

  it('validates the fields once, the prompt as name and version only', () => {
    const { explicit, noPrompt } = callFields({
      sessionId: 'conv-1',
      prompt: { name: 'support', version: 3, isFallback: false, labels: ['x'] } as never,
    });
    expect(explicit).toEqual({ sessionId: 'conv-1', prompt: { name: 'support', version: 3 } });
    expect(noPrompt).toBe(false);
  });

  it('reads metadata langfusePrompt (JSON or object) as the prompt and takes it out of the metadata', () => {
    expect(
      callFields({ metadata: { langfusePrompt: JSON_PROMPT, tier: 'gold' } }).explicit,
    ).toEqual({ metadata: { tier: 'gold' }, prompt: { name: 'support', version: 5 } });
    const asObject = { langfusePrompt: { name: 'support', version: 6 } } as never;
    expect(callFields({ metadata: asObject }).explicit).toEqual({
      prompt: { name: 'support', version: 6 },
    });
  });

  it('the prompt option wins over metadata langfusePrompt, which still leaves the metadata', () => {
    expect(
      callFields({
        prompt: { name: 'option', version: 1 },
        metadata: { langfusePrompt: JSON_PROMPT },
      }).explicit,
    ).toEqual({ prompt: { name: 'option', version: 1 } });
  });

  it('a fallback prompt or null says the call used none', () => {
    const fallback = JSON.stringify({ name: 'support', version: 1, isFallback: true });
    expect(callFields({ metadata: { langfusePrompt: fallback } })).toEqual({
      explicit: undefined,
      noPrompt: true,
    });
    expect(callFields({ sessionId: 's', prompt: null })).toEqual({
      explicit: { sessionId: 's' },
      noPrompt: true,
    });
  });

  it('an invalid prompt is dropped on its own', () => {
    expect(callFields({ sessionId: 's', metadata: { langfusePrompt: 'not json' } })).toEqual({
      explicit: { sessionId: 's' },
      noPrompt: false,
    });
  });
});
