import { describe, expect, it } from 'vitest';
import {
  METADATA_PROMPT_ATTRIBUTE,
  metadataPrompt,
  NO_PROMPT,
  withoutMetadataPrompt,
} from './metadata-prompt';

describe('metadata langfusePrompt', () => {
  it('names the prompt of its JSON, none for a fallback, nothing when invalid', () => {
    expect(metadataPrompt('{"name":"support","version":2,"config":{}}')).toEqual({
      prompt: { name: 'support', version: 2 },
    });
    expect(metadataPrompt('{"name":"support","version":2,"isFallback":true}')).toBe(NO_PROMPT);
    expect(metadataPrompt('{"name":"support","version":2.5}')).toBeUndefined();
    expect(metadataPrompt('support')).toBeUndefined();
  });

  it('is taken out of start attributes without touching the options given', () => {
    const options = {
      kind: 1,
      attributes: { [METADATA_PROMPT_ATTRIBUTE]: '{}', 'ai.model.id': 'm' },
    };
    expect(withoutMetadataPrompt(options)).toEqual({ kind: 1, attributes: { 'ai.model.id': 'm' } });
    expect(options.attributes[METADATA_PROMPT_ATTRIBUTE]).toBe('{}');
  });
});
