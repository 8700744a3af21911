import { describe, expect, it } from 'vitest';
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
});
