import { MAX_CONTENT_CHARS } from '@threadline/core/adapter';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelCallInput } from './model-call-input';

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  // Long enough that a few of them pass the content bound, so the JSON is cut.
  fc.integer({ min: 1, max: 20_000 }).map((n) => 'x'.repeat(n)),
);

const part = fc.oneof(
  text,
  fc.record({ type: fc.constant('text'), text }),
  fc.record({ type: fc.constant('reasoning'), text }),
  fc.record({
    type: fc.constant('tool-call'),
    toolCallId: fc.string({ maxLength: 8 }),
    toolName: fc.string({ maxLength: 8 }),
    input: fc.oneof(fc.jsonValue({ maxDepth: 2 }), text),
  }),
  fc.record({
    type: fc.constant('tool-result'),
    toolCallId: fc.string({ maxLength: 8 }),
    output: fc.oneof(
      fc.record({ type: fc.constantFrom('text', 'json', 'error-text'), value: text }),
      fc.jsonValue({ maxDepth: 2 }),
    ),
  }),
  fc.record({
    type: fc.constant('file'),
    data: fc.constantFrom('https://example.com/a.png', 'iVBORw0KGgo='),
    mediaType: fc.constantFrom('image/png', 'application/pdf'),
  }),
  fc.record({ type: fc.constantFrom('tool-approval-request', 'custom') }),
  fc.jsonValue({ maxDepth: 1 }),
);

const message = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      role: fc.constantFrom('user', 'assistant', 'tool'),
      content: fc.oneof(text, fc.array(part, { maxLength: 4 })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ role: fc.constant('system'), content: text }) },
  // What a mask may have left, or anything that is not a message: skipped.
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

/** A tool loop's prompts: each step's messages are the previous step's with more after them. */
const steps = fc
  .tuple(
    fc.array(message, { maxLength: 4 }),
    fc.array(fc.array(message, { maxLength: 4 }), { minLength: 1, maxLength: 5 }),
  )
  .map(([first, added]) => {
    const prompts = [JSON.stringify(first)];
    let messages = first;
    for (const more of added) {
      messages = [...messages, ...more];
      prompts.push(JSON.stringify(messages));
    }
    return prompts;
  });

describe('ModelCallInput', () => {
  it('gives every step of a call what converting its whole prompt gives', () => {
    fc.assert(
      fc.property(steps, (prompts) => {
        const call = new ModelCallInput();
        const sdkJson = new ModelCallInput();
        for (const prompt of prompts) {
          const whole = new ModelCallInput().promptInput(prompt);
          expect(call.promptInput(prompt)).toEqual(whole);
          // The SDK's own JSON may be taken straight: the same keys, character for character.
          expect(sdkJson.promptInput(prompt, true)).toEqual(whole);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('joins the added messages to the previous JSON', () => {
    const call = new ModelCallInput();
    const user = { role: 'user', content: 'hi' };
    const answer = { role: 'assistant', content: [{ type: 'text', text: 'hello' }] };
    call.promptInput(JSON.stringify([{ role: 'system', content: 'Be brief.' }, user]));
    expect(
      call.promptInput(
        JSON.stringify([{ role: 'system', content: 'Be brief.' }, user, answer, user]),
      ),
    ).toEqual({
      messages: JSON.stringify([
        { role: 'user', parts: [{ type: 'text', content: 'hi' }] },
        { role: 'assistant', parts: [{ type: 'text', content: 'hello' }] },
        { role: 'user', parts: [{ type: 'text', content: 'hi' }] },
      ]),
      system: JSON.stringify([{ type: 'text', content: 'Be brief.' }]),
    });
  });

  it('keeps to the bound when the joined messages would pass it', () => {
    const call = new ModelCallInput();
    const long = { role: 'user', content: 'x'.repeat(MAX_CONTENT_CHARS / 2) };
    call.promptInput(JSON.stringify([long]));
    const both = call.promptInput(JSON.stringify([long, long]));
    expect(both?.messages?.length).toBeLessThanOrEqual(MAX_CONTENT_CHARS);
    expect(both).toEqual(new ModelCallInput().promptInput(JSON.stringify([long, long])));
  });

  it('takes a prompt that does not extend the previous one in full', () => {
    const call = new ModelCallInput();
    call.promptInput(JSON.stringify([{ role: 'user', content: 'a' }]));
    const other = JSON.stringify([
      { role: 'user', content: 'b' },
      { role: 'user', content: 'a' },
    ]);
    expect(call.promptInput(other)).toEqual(new ModelCallInput().promptInput(other));
    expect(call.promptInput('[{"role":"user","content":"b"},')).toBeUndefined();
  });
});
