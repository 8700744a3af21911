import { toBoundedJson } from '@threadline/core/adapter';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyText, toolCallPart } from '../../test/content-arbitraries';
import { literalEnd, promptJson } from './prompt-json';
import { genAiPromptOf, laterMessagesOf } from './prompt-messages';

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

const text = anyText(30);
const textPart = fc.record({ type: fc.constant('text'), text });
const message = fc.oneof(
  fc.record({ role: fc.constant('system'), content: text }),
  fc.record({
    role: fc.constantFrom('system', 'user', 'assistant'),
    content: fc.array(textPart, { maxLength: 3 }),
  }),
);

// Parts as the AI SDK records them in a tool loop, and some it records otherwise.
const toolPart = fc.oneof(
  textPart,
  toolCallPart(text),
  fc.record(
    {
      type: fc.constant('tool-call'),
      toolCallId: text,
      toolName: text,
      input: fc.jsonValue({ maxDepth: 3 }),
      providerExecuted: fc.boolean(),
    },
    { requiredKeys: ['type', 'toolCallId', 'toolName'] },
  ),
  fc.record({
    type: fc.constant('tool-result'),
    toolCallId: text,
    toolName: text,
    output: fc.oneof(
      fc.record({
        type: fc.constantFrom('json', 'text', 'error-json', 'error-text'),
        value: fc.jsonValue({ maxDepth: 3 }),
      }),
      fc.record({ type: fc.constant('execution-denied'), reason: text }),
      fc.jsonValue({ maxDepth: 2 }),
    ),
  }),
  fc.record({ type: fc.constant('reasoning'), text }),
);
const loopMessage = fc.oneof(
  message,
  fc.record({
    role: fc.constantFrom('user', 'assistant', 'tool'),
    content: fc.array(toolPart, { maxLength: 3 }),
  }),
);

describe('promptJson', () => {
  it('makes what the general path makes of the SDK’s own JSON of a tool loop', () => {
    fc.assert(
      fc.property(fc.array(loopMessage, { maxLength: 5 }), (messages) => {
        const json = JSON.stringify(messages);
        const fast = promptJson(json, { canonical: true });
        if (fast !== undefined) expect(fast).toEqual(general(json));
      }),
      { numRuns: 1000 },
    );
  });

  it('takes the added messages of a later step as the general path does', () => {
    fc.assert(
      fc.property(fc.array(loopMessage, { maxLength: 5 }), (messages) => {
        const json = JSON.stringify(messages);
        const fast = promptJson(json, { canonical: true, later: true });
        if (fast === undefined) return;
        const later = laterMessagesOf(messages);
        expect(later).toBeDefined();
        expect(fast).toEqual({
          messages: later!.length > 0 ? JSON.stringify(later) : undefined,
          system: undefined,
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('reads the added messages in place as it reads them copied out', () => {
    const list = fc.array(loopMessage, { maxLength: 3 });
    fc.assert(
      fc.property(fc.array(loopMessage, { minLength: 1, maxLength: 3 }), list, (before, added) => {
        const json = JSON.stringify([...before, ...added]);
        const from = JSON.stringify(before).length - 1;
        const copied = `[${json.slice(from + 1)}`;
        for (const canonical of [true, false]) {
          expect(promptJson(json, { canonical, later: true, from })).toEqual(
            promptJson(copied, { canonical, later: true }),
          );
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('takes tool calls and results straight from the SDK’s JSON, not from rewritten JSON', () => {
    const json = JSON.stringify([
      { role: 'user', content: [{ type: 'text', text: 'order-1234' }] },
      {
        role: 'assistant',
        content: [
          {
            type: 'tool-call',
            toolCallId: 'c1',
            toolName: 'lookup',
            input: { id: 'o-1', n: [1, 2.5] },
          },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'c1',
            toolName: 'lookup',
            output: { type: 'json', value: { status: 'shipped "today"' } },
          },
        ],
      },
    ]);
    expect(promptJson(json, { canonical: true })).toEqual(general(json));
    expect(promptJson(json)).toBeUndefined();
  });

  it('makes what the general path makes of any prompt of text messages', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 5 }), (messages) => {
        const json = JSON.stringify(messages);
        const fast = promptJson(json);
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
    expect(promptJson(json)).toEqual({
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
      expect(promptJson(other)).toBeUndefined();
    }
  });

  it('leaves a prompt longer than the bound to the general path, which cuts it', () => {
    const long = JSON.stringify([
      { role: 'user', content: [{ type: 'text', text: 'x'.repeat(40_000) }] },
    ]);
    expect(promptJson(long)).toBeUndefined();
  });
});

describe('literalEnd', () => {
  // The literals JSON.stringify writes, as a regular expression: the definition checked against.
  const written =
    // biome-ignore lint/suspicious/noControlCharactersInRegex: JSON escapes the control characters, so the definition has to name them
    /"(?:[^"\\\u0000-\u001f\ud800-\udfff]|\\["\\bfnrt]|\\u00(?:0[0-7bef]|1[0-9a-f]))*"/uy;
  const byExpression = (json: string, at: number) => {
    written.lastIndex = at;
    return written.test(json) ? written.lastIndex : -1;
  };

  it('ends a literal where the definition does, and finds none where it finds none', () => {
    // Quotes, escapes, hex digits, control characters and surrogate halves, in any order.
    const piece = fc.oneof(
      fc.constantFrom('"', '\\', 'u', '0', '1', '7', '8', 'b', 'e', 'f', 'n', 'A', 'a', '\u0001'),
      fc.constantFrom('\ud83d', '\ude00', '\ud83d\ude00', ' ', 'x'),
      fc.string({ unit: 'binary', maxLength: 3 }),
    );
    const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));
    const literal = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }).map((value) => JSON.stringify(value)),
      text.map((inner) => `"${inner}"`),
      text,
    );
    fc.assert(
      fc.property(text, literal, text, (before, value, after) => {
        const json = before + value + after;
        expect(literalEnd(json, before.length)).toBe(byExpression(json, before.length));
      }),
      { numRuns: 5000 },
    );
  });
});
