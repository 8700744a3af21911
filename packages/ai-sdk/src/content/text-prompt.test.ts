import { toBoundedJson } from '@threadline/core/adapter';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { genAiPromptOf } from './prompt-messages';
import { textPromptJson } from './text-prompt';

/** What the general path makes of a prompt: parsed, converted, serialised. */
function general(json: string): { messages: string | undefined; system: string | undefined } {
  const prompt = genAiPromptOf(json)!;
  return {
    messages:
      prompt.messages.length > 0 ? toBoundedJson(prompt.messages, { masked: true }) : undefined,
    system:
      prompt.systemInstructions.length > 0
        ? toBoundedJson(prompt.systemInstructions, { masked: true })
        : undefined,
  };
}

// Any UTF-16 code units: quotes, backslashes, control characters, lone surrogates, emoji.
const text = fc.string({ unit: 'binary', maxLength: 30 });
const textPart = fc.record({ type: fc.constant('text'), text });
const message = fc.oneof(
  fc.record({ role: fc.constant('system'), content: text }),
  fc.record({
    role: fc.constantFrom('system', 'user', 'assistant'),
    content: fc.array(textPart, { maxLength: 3 }),
  }),
);

describe('textPromptJson', () => {
  it('makes what the general path makes of any prompt of text messages', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 5 }), (messages) => {
        const json = JSON.stringify(messages);
        const fast = textPromptJson(json);
        // Only a lone surrogate (which JSON.stringify escapes as \udXXX) is left to the other path.
        if (!/\\ud[89a-f]/.test(json)) expect(fast).toBeDefined();
        if (fast !== undefined) expect(fast).toEqual(general(json));
      }),
      { numRuns: 1000 },
    );
  });

  it('takes the leading system messages as the instructions, a later one as history', () => {
    const json = JSON.stringify([
      { role: 'system', content: 'Be "brief".' },
      { role: 'user', content: [{ type: 'text', text: 'line\nbreak' }] },
      { role: 'system', content: 'Later.' },
    ]);
    expect(textPromptJson(json)).toEqual({
      system: '[{"type":"text","content":"Be \\"brief\\"."}]',
      messages:
        '[{"role":"user","parts":[{"type":"text","content":"line\\nbreak"}]},{"role":"system","parts":[{"type":"text","content":"Later."}]}]',
    });
  });

  it('leaves every other prompt to the general path', () => {
    for (const other of [
      // A tool call, provider options, a string user content, spaces, an escape JSON.stringify
      // does not write, a prompt that is no list.
      '[{"role":"assistant","content":[{"type":"tool-call","toolCallId":"c","toolName":"t","input":{}}]}]',
      '[{"role":"user","content":[{"type":"text","text":"a"}],"providerOptions":{}}]',
      '[{"role":"user","content":"a"}]',
      '[{"role": "user","content":[{"type":"text","text":"a"}]}]',
      '[{"role":"user","content":[{"type":"text","text":"\\u0041"}]}]',
      '[{"role":"user","content":[{"type":"text","text":"a"}]},]',
      '{"role":"user"}',
      JSON.stringify([{ role: 'user', content: [{ type: 'text', text: 'lone \ud800' }] }]),
    ]) {
      expect(textPromptJson(other)).toBeUndefined();
    }
  });

  it('leaves a prompt longer than the bound to the general path, which cuts it', () => {
    const long = JSON.stringify([
      { role: 'user', content: [{ type: 'text', text: 'x'.repeat(40_000) }] },
    ]);
    expect(textPromptJson(long)).toBeUndefined();
  });
});
