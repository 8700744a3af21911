import { configureThreadline, resetThreadlineConfiguration } from '@threadline/core';
import { afterEach, describe, expect, it } from 'vitest';
import { maskContentAttributes, maskedValue } from './mask-content';

afterEach(() => resetThreadlineConfiguration());

describe('maskContentAttributes', () => {
  it('without a mask: the same object', () => {
    const attributes = { 'ai.prompt': 'secret', 'ai.model.id': 'm' };
    expect(maskContentAttributes(attributes)).toBe(attributes);
  });

  it('the content keys only, each string through the mask', () => {
    const seen: unknown[] = [];
    configureThreadline({
      mask: ({ data }) => {
        seen.push(data);
        return typeof data === 'string' ? data.replaceAll('secret', '***') : data;
      },
    });
    const attributes = {
      'ai.prompt.messages': '[{"role":"user","content":"secret"}]',
      'ai.values': ['"a secret"', '"plain"'],
      'gen_ai.output.messages': 'secret',
      'ai.model.id': 'secret-model',
      'ai.prompt.tools': ['secret tool'],
    };
    expect(maskContentAttributes(attributes)).toEqual({
      'ai.prompt.messages': '[{"role":"user","content":"***"}]',
      'ai.values': ['"a ***"', '"plain"'],
      'gen_ai.output.messages': '***',
      'ai.model.id': 'secret-model',
      'ai.prompt.tools': ['secret tool'],
    });
    // The original is left as it was; the mask saw strings, one value at a time.
    expect(attributes['ai.values']).toEqual(['"a secret"', '"plain"']);
    expect(seen).toEqual([
      '[{"role":"user","content":"secret"}]',
      '"a secret"',
      '"plain"',
      'secret',
    ]);
  });

  it('a mask that throws, or returns undefined: the key left out', () => {
    configureThreadline({
      mask: ({ data }) => {
        if (data === 'boom') throw new Error('mask failed');
        return data === 'drop' ? undefined : data;
      },
    });
    expect(
      maskContentAttributes({
        'ai.response.text': 'boom',
        'ai.toolCall.args': 'drop',
        'ai.toolCall.result': 'kept',
        'ai.values': ['fine', 'boom'],
        'ai.usage.inputTokens': 3,
      }),
    ).toEqual({ 'ai.toolCall.result': 'kept', 'ai.usage.inputTokens': 3 });
  });

  it('a mask that returns something else than a string: its JSON', () => {
    configureThreadline({ mask: () => ({ redacted: true }) });
    expect(maskedValue('anything')).toBe('{"redacted":true}');
    expect(maskedValue(7)).toBe(7);
  });
});
