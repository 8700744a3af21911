import { describe, expect, it } from 'vitest';
import { chatInputMessages, chatOutputMessage } from './chat-messages';
import { toolDefinitions } from './tool-definitions';

describe('chat messages', () => {
  it('legacy functions, files, audio and custom tools', () => {
    expect(
      chatInputMessages([
        {
          role: 'user',
          content: [
            { type: 'file', file: { file_id: 'file-9' } },
            { type: 'file', file: { file_data: 'JVBERi0', filename: 'label.pdf' } },
            { type: 'input_audio', input_audio: { data: 'AAAA', format: 'mp3' } },
          ],
        },
        { role: 'assistant', content: null, function_call: { name: 'track', arguments: '{}' } },
        { role: 'function', name: 'track', content: 'in Lyon' },
        {
          role: 'assistant',
          content: '',
          tool_calls: [{ id: 'c1', type: 'custom', custom: { name: 'grep', input: '42' } }],
        },
      ]),
    ).toEqual([
      {
        role: 'user',
        parts: [
          { type: 'file', file_id: 'file-9' },
          { type: 'text', content: '[file label.pdf: not recorded]' },
          { type: 'text', content: '[audio/mpeg: not recorded]' },
        ],
      },
      { role: 'assistant', parts: [{ type: 'tool_call', id: null, name: 'track', arguments: {} }] },
      {
        role: 'tool',
        name: 'track',
        parts: [{ type: 'tool_call_response', id: null, response: 'in Lyon' }],
      },
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'c1', name: 'grep', arguments: '42' }],
      },
    ]);
  });

  it('an output message: refusal, audio transcript, the legacy function_call reason', () => {
    expect(
      chatOutputMessage(
        {
          role: 'assistant',
          content: null,
          refusal: 'no',
          audio: { transcript: 'hello', data: 'AAAA' },
        },
        'function_call',
      ),
    ).toEqual({
      role: 'assistant',
      parts: [
        { type: 'text', content: 'no' },
        { type: 'text', content: 'hello' },
      ],
      finish_reason: 'tool_call',
    });
    expect(chatOutputMessage({ role: 'assistant', content: '' }, 'stop')).toEqual({
      role: 'assistant',
      parts: [{ type: 'text', content: '' }],
      finish_reason: 'stop',
    });
  });

  it('tool definitions from chat tools, custom tools and the legacy functions', () => {
    expect(
      toolDefinitions(
        [{ type: 'custom', custom: { name: 'grep', description: 'search' } }],
        [{ name: 'track', parameters: { type: 'object' } }],
      ),
    ).toEqual([
      { type: 'custom', name: 'grep', description: 'search' },
      { type: 'function', name: 'track', parameters: { type: 'object' } },
    ]);
    expect(toolDefinitions([], undefined)).toBeUndefined();
    expect(toolDefinitions([{ type: 'mcp', server_label: 'desk' }])).toEqual([
      { type: 'mcp', name: 'desk' },
    ]);
  });
});
