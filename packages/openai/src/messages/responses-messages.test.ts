import { describe, expect, it } from 'vitest';
import { responsesInputMessages, responsesOutputMessages } from './responses-messages';

describe('responsesOutputMessages', () => {
  it('one assistant message: reasoning, text, refusal, tool calls and built-in tools in order', () => {
    const output = [
      { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'look it up' }] },
      { type: 'reasoning', id: 'rs_2', summary: [], encrypted_content: 'opaque' },
      { type: 'web_search_call', id: 'ws_1', status: 'completed', action: { query: 'x' } },
      { type: 'mcp_call', id: 'mcp_1', name: 'tickets', server_label: 'desk', arguments: '{}' },
      {
        type: 'message',
        role: 'assistant',
        content: [
          { type: 'output_text', text: 'found it', annotations: [] },
          { type: 'refusal', refusal: 'but cannot say' },
        ],
      },
      { type: 'custom_tool_call', call_id: 'call_c', name: 'grep', input: 'parcel' },
    ];
    expect(responsesOutputMessages(output, 'stop')).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', content: 'look it up' },
          {
            type: 'server_tool_call',
            id: 'ws_1',
            name: 'web_search',
            server_tool_call: { type: 'web_search_call' },
          },
          {
            type: 'server_tool_call',
            id: 'mcp_1',
            name: 'tickets',
            server_tool_call: { type: 'mcp_call' },
          },
          { type: 'text', content: 'found it' },
          { type: 'text', content: 'but cannot say' },
          { type: 'tool_call', id: 'call_c', name: 'grep', arguments: 'parcel' },
        ],
        finish_reason: 'stop',
      },
    ]);
  });
});

describe('responsesInputMessages', () => {
  it('a string is one user message; items merge into the turns they belong to', () => {
    expect(responsesInputMessages('hi')).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'hi' }] },
    ]);
    expect(
      responsesInputMessages([
        { role: 'developer', content: 'terse' },
        {
          type: 'message',
          role: 'user',
          content: [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }],
        },
        {
          type: 'message',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'checking' }],
        },
        { type: 'function_call', call_id: 'c1', name: 'a', arguments: '{"x":1' },
        { type: 'function_call', call_id: 'c2', name: 'b', arguments: '{}' },
        {
          type: 'function_call_output',
          call_id: 'c1',
          output: [{ type: 'input_text', text: 'one' }],
        },
        { type: 'function_call_output', call_id: 'c2', output: 'two' },
        { type: 'item_reference', id: 'msg_1' },
        {
          role: 'user',
          content: [{ type: 'input_image', image_url: 'https://example.com/a.png' }],
        },
      ]),
    ).toEqual([
      { role: 'developer', parts: [{ type: 'text', content: 'terse' }] },
      { role: 'user', parts: [{ type: 'text', content: '[audio/wav: not recorded]' }] },
      {
        role: 'assistant',
        parts: [
          { type: 'text', content: 'checking' },
          // A cut argument string stays the string it was.
          { type: 'tool_call', id: 'c1', name: 'a', arguments: '{"x":1' },
          { type: 'tool_call', id: 'c2', name: 'b', arguments: {} },
        ],
      },
      {
        role: 'tool',
        parts: [
          { type: 'tool_call_response', id: 'c1', response: 'one' },
          { type: 'tool_call_response', id: 'c2', response: 'two' },
        ],
      },
      {
        role: 'user',
        parts: [{ type: 'uri', modality: 'image', uri: 'https://example.com/a.png' }],
      },
    ]);
  });
});
