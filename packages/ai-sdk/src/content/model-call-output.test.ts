import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyText, toolCallPart } from '../../test/content-arbitraries';
import { ModelCallOutput } from './model-call-output';

function output(attributes: Record<string, string>): unknown {
  const collected = new ModelCallOutput();
  collected.noteAll(attributes);
  const json = collected.messagesJson();
  return json === undefined ? undefined : JSON.parse(json);
}

describe('ModelCallOutput', () => {
  it('reasoning, text and tool calls, with the finish reason in the conventions’ words', () => {
    expect(
      output({
        'ai.response.reasoning': 'Think.',
        'ai.response.text': 'Calling.',
        'ai.response.toolCalls': JSON.stringify([
          { toolCallId: 'c1', toolName: 'weather', input: '{"city":"Paris"}' },
          { toolCallId: 'c2', toolName: 'weather', input: { city: 'Nice' } },
        ]),
        'ai.response.finishReason': 'tool-calls',
      }),
    ).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', content: 'Think.' },
          { type: 'text', content: 'Calling.' },
          { type: 'tool_call', id: 'c1', name: 'weather', arguments: { city: 'Paris' } },
          { type: 'tool_call', id: 'c2', name: 'weather', arguments: { city: 'Nice' } },
        ],
        finish_reason: 'tool_call',
      },
    ]);
  });

  it('gathered over several writes, as streamText sets them', () => {
    const collected = new ModelCallOutput();
    collected.noteAll({ 'ai.response.finishReason': 'content-filter', 'ai.usage.inputTokens': 3 });
    collected.note('ai.response.text', 'Partly.');
    collected.note('ai.model.id', 'ignored');
    expect(JSON.parse(collected.messagesJson()!)).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'text', content: 'Partly.' }],
        finish_reason: 'content_filter',
      },
    ]);
  });

  it('an object as text; no finish reason is unknown', () => {
    expect(output({ 'ai.response.object': '{"a":1}' })).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'text', content: '{"a":1}' }],
        finish_reason: 'unknown',
      },
    ]);
  });

  it('nothing recorded (recording outputs off), or tool calls a mask made unreadable: none', () => {
    expect(output({ 'ai.response.finishReason': 'stop' })).toBeUndefined();
    expect(output({ 'ai.response.toolCalls': '[masked]' })).toBeUndefined();
  });

  it('writes the same from the SDK’s own JSON of the answer as from any other', () => {
    const text = anyText(20);
    const call = fc.oneof(
      toolCallPart(text),
      fc.record(
        { type: fc.constantFrom('tool-call', 'tool-result'), toolCallId: text, input: text },
        { requiredKeys: ['type'] },
      ),
      fc.jsonValue({ maxDepth: 1 }),
    );
    const answer = fc.record(
      {
        'ai.response.reasoning': text,
        'ai.response.text': text,
        'ai.response.toolCalls': fc.array(call, { maxLength: 3 }).map((c) => JSON.stringify(c)),
        'ai.response.finishReason': fc.constantFrom('stop', 'tool-calls', 'length'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(answer, (attributes) => {
        const sdkOwn = new ModelCallOutput();
        sdkOwn.noteAll(attributes, true);
        const other = new ModelCallOutput();
        other.noteAll(attributes, false);
        expect(sdkOwn.messagesJson()).toBe(other.messagesJson());
      }),
      { numRuns: 1000 },
    );
  });

  it('a tool call of the SDK’s own JSON, and one a mask rewrote, the same way', () => {
    const calls =
      '[{"type":"tool-call","toolCallId":"c1","toolName":"lookup","input":{"id":"o-1"}}]';
    const expected = [
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'c1', name: 'lookup', arguments: { id: 'o-1' } }],
        finish_reason: 'tool_call',
      },
    ];
    for (const canonical of [true, false]) {
      const collected = new ModelCallOutput();
      collected.note(
        'ai.response.toolCalls',
        canonical ? calls : calls.replace(':{', ': {'),
        canonical,
      );
      collected.note('ai.response.finishReason', 'tool-calls');
      expect(JSON.parse(collected.messagesJson()!)).toEqual(expected);
    }
  });
});
