import type { Attributes } from '@opentelemetry/api';
import { configureThreadline, resetThreadlineConfiguration } from '@threadline/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { CHAT_OPERATION } from '../operations/chat';
import { writeTextInput } from './text-input-json';

const INPUT_KEYS = ['langfuse.observation.input', 'gen_ai.input.messages'] as const;

// Texts of every kind JSON escapes, and some past the content bound (the general path cuts).
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', '"\\\n\u2028</script>', 'é😀\u0000'),
  fc.nat({ max: 40_000 }).map((n) => 'x'.repeat(n)),
);
const role = fc.oneof(
  fc.constantFrom('user', 'system', 'developer', 'assistant', 'tool', 'function', ''),
  fc.string(),
  fc.constantFrom(undefined, null, 1),
);
const content = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 1, arbitrary: fc.constantFrom(null, [{ type: 'text', text: 'part' }]) },
);
const name = fc.oneof(fc.constant(undefined), fc.string(), fc.constant(7));
// Messages as a caller writes them: keys in any order, sometimes one the shortcut does not take.
const message = fc
  .record({
    role,
    content,
    name,
    extra: fc.constantFrom(undefined, 'tool_call_id', 'refusal', '0'),
    order: fc.constantFrom<string[]>(
      ['role', 'content', 'name'],
      ['content', 'role', 'name'],
      ['name', 'role', 'content'],
    ),
    omitName: fc.boolean(),
  })
  .map(({ role: r, content: c, name: n, extra, order, omitName }) => {
    const values: Record<string, unknown> = { role: r, content: c, name: n };
    const out: Record<string, unknown> = {};
    for (const key of order) if (key !== 'name' || !omitName) out[key] = values[key];
    if (extra !== undefined) out[extra] = 'x';
    return out;
  });
const messages = fc.array(message, { maxLength: 4 });

function inputs(list: unknown, out: Attributes = {}): Record<string, unknown> {
  CHAT_OPERATION.requestAttributes({ model: 'gpt-4o-mini', messages: list }, true, out);
  return Object.fromEntries(INPUT_KEYS.map((key) => [key, out[key]]));
}

/** The same writing with an identity mask configured: the general path, result unchanged. */
function generalPath(list: unknown): Record<string, unknown> {
  configureThreadline({ mask: ({ data }) => data, allowOverride: true });
  try {
    return inputs(list);
  } finally {
    resetThreadlineConfiguration();
  }
}

describe('plain text chat messages written directly', () => {
  afterEach(() => resetThreadlineConfiguration());

  it('are the general path input, character for character', () => {
    fc.assert(
      fc.property(messages, (list) => {
        expect(inputs(list)).toEqual(generalPath(list));
      }),
      { numRuns: 300 },
    );
  });

  it('take the direct path for text messages, whatever their roles and names', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            role: fc.constantFrom('user', 'system', 'developer', 'assistant', ''),
            content: fc.string({ unit: 'binary', maxLength: 200 }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        (list) => {
          const out: Attributes = {};
          expect(writeTextInput(list, out)).toBe(true);
          expect(out).toEqual(generalPath(list));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('leaves a message built from a class to the general path', () => {
    class Message {
      role = 'user';
      content = 'hi';
      toJSON() {
        return { role: 'user', content: 'from toJSON' };
      }
    }
    const list = [new Message()];
    expect(writeTextInput(list, {})).toBe(false);
    expect(inputs(list)['langfuse.observation.input']).toBe(
      '[{"role":"user","content":"from toJSON"}]',
    );
  });

  it('leaves a masked input to the mask', () => {
    configureThreadline({ mask: () => '[masked]' });
    const found = inputs([{ role: 'user', content: 'secret' }]);
    expect(found['langfuse.observation.input']).toBe('[masked]');
    expect(String(found['gen_ai.input.messages'])).not.toContain('secret');
  });
});
