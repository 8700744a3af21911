import { describe, expect, it } from 'vitest';
import { lastText, systemInstructionsText, toChatMessages } from './chat-messages';

describe('toChatMessages', () => {
  it('reads GenAI messages: text, tool calls, and each tool response as a tool message', () => {
    expect(
      toChatMessages([
        {
          role: 'user',
          parts: [
            { type: 'text', content: 'Hi' },
            { type: 'blob', content: 'x' },
          ],
        },
        {
          role: 'assistant',
          parts: [
            { type: 'text', content: 'Let me look.' },
            { type: 'tool_call', id: 'c1', name: 'lookup', arguments: { q: 'a' } },
            { type: 'tool_call', id: 'c2', name: 'lookup', arguments: '{"q":"b"}' },
          ],
        },
        {
          role: 'tool',
          parts: [
            { type: 'tool_call_response', id: 'c1', response: { found: true } },
            { type: 'tool_call_response', id: 'c2', response: 'none' },
          ],
        },
      ]),
    ).toEqual([
      { role: 'user', content: 'Hi' },
      {
        role: 'assistant',
        content: 'Let me look.',
        toolCalls: [
          { id: 'c1', name: 'lookup', arguments: '{"q":"a"}' },
          { id: 'c2', name: 'lookup', arguments: '{"q":"b"}' },
        ],
      },
      { role: 'tool', toolCallId: 'c1', content: '{"found":true}' },
      { role: 'tool', toolCallId: 'c2', content: 'none' },
    ]);
  });

  it('reads the AI SDK prompt: string or part contents, tool-call and tool-result parts', () => {
    expect(
      toChatMessages([
        { role: 'system', content: 'Be kind.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Q' },
            { type: 'image', image: '…' },
          ],
        },
        {
          role: 'assistant',
          content: [{ type: 'tool-call', toolCallId: 't', toolName: 'f', input: { a: 1 } }],
        },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 't', output: { type: 'text', value: 'done' } },
          ],
        },
      ]),
    ).toEqual([
      { role: 'system', content: 'Be kind.' },
      { role: 'user', content: 'Q' },
      { role: 'assistant', toolCalls: [{ id: 't', name: 'f', arguments: '{"a":1}' }] },
      { role: 'tool', toolCallId: 't', content: 'done' },
    ]);
  });

  it('reads the AI SDK call prompt {system, prompt, messages}', () => {
    expect(toChatMessages({ system: 'S', prompt: 'P' })).toEqual([
      { role: 'system', content: 'S' },
      { role: 'user', content: 'P' },
    ]);
    expect(
      toChatMessages({ messages: [{ role: 'user', content: 'M' }], prompt: undefined }),
    ).toEqual([{ role: 'user', content: 'M' }]);
  });

  it('reads OpenAI and LangChain plain messages, one message or state holding them', () => {
    expect(
      toChatMessages({
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'x', type: 'function', function: { name: 'f', arguments: '{}' } }],
      }),
    ).toEqual([{ role: 'assistant', toolCalls: [{ id: 'x', name: 'f', arguments: '{}' }] }]);
    expect(
      toChatMessages({
        messages: [
          { type: 'human', content: 'hello' },
          { role: 'tool', content: 'result', tool_call_id: 'x' },
        ],
      }),
    ).toEqual([
      { role: 'user', content: 'hello' },
      { role: 'tool', content: 'result', toolCallId: 'x' },
    ]);
  });

  it('reads OpenAI Responses API messages', () => {
    expect(
      toChatMessages([
        { role: 'user', content: [{ type: 'input_text', text: 'Q' }] },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'A' }] },
      ]),
    ).toEqual([
      { role: 'user', content: 'Q' },
      { role: 'assistant', content: 'A' },
    ]);
  });

  it('finds no message in what is not one', () => {
    for (const value of [
      undefined,
      null,
      'text',
      42,
      [],
      [1, 'two', null],
      { id: 'chatcmpl-1', model: 'gpt-4o-mini' },
      { type: 'text', text: 'not a message' },
      [{ content: 'no role' }],
    ]) {
      expect(toChatMessages(value)).toBeUndefined();
    }
  });
});

describe('systemInstructionsText and lastText', () => {
  it('joins the text parts of GenAI system instructions', () => {
    expect(systemInstructionsText([{ type: 'text', content: 'A' }, 'B', { type: 'x' }])).toBe(
      'A\nB',
    );
    expect(systemInstructionsText('plain')).toBe('plain');
    expect(systemInstructionsText({ type: 'text', content: 'A' })).toBeUndefined();
  });

  it('finds the last message of a role that has text', () => {
    const messages = [
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'answer' },
      { role: 'user', content: 'second' },
      { role: 'tool', content: 'result' },
      { role: 'user' },
    ];
    expect(lastText(messages, ['user'])).toBe('second');
    expect(lastText(messages, ['assistant'])).toBe('answer');
    expect(lastText(undefined, ['user'])).toBeUndefined();
  });
});
