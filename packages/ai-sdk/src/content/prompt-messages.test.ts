import { describe, expect, it } from 'vitest';
import { genAiPromptOf } from './prompt-messages';

describe('genAiPromptOf', () => {
  it('a whole tool conversation of ai 5/6 in the GenAI structure', () => {
    const prompt = [
      { role: 'system', content: 'Be brief.' },
      { role: 'system', content: 'Use tools.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is on these?' },
          { type: 'file', data: 'https://example.com/a.png', mediaType: 'image/png' },
          { type: 'file', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
          { type: 'file', data: 'JVBERi0=', mediaType: 'application/pdf', filename: 'a.pdf' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Look first.' },
          { type: 'text', text: 'Looking.' },
          { type: 'tool-call', toolCallId: 'c1', toolName: 'ocr', input: { page: 1 } },
          { type: 'tool-call', toolCallId: 'c2', toolName: 'ocr', input: '{"page":2}' },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'c1',
            toolName: 'ocr',
            output: { type: 'json', value: { text: 'A' } },
          },
          {
            type: 'tool-result',
            toolCallId: 'c2',
            toolName: 'ocr',
            output: { type: 'error-text', value: 'no page' },
          },
          {
            type: 'tool-result',
            toolCallId: 'c3',
            toolName: 'ocr',
            output: {
              type: 'content',
              value: [
                { type: 'text', text: 'B' },
                { type: 'media', data: 'AAAA', mediaType: 'image/jpeg' },
              ],
            },
          },
          {
            type: 'tool-result',
            toolCallId: 'c4',
            toolName: 'pay',
            output: { type: 'execution-denied', reason: 'not allowed' },
          },
          { type: 'tool-approval-response', approvalId: 'a1', approved: true },
        ],
      },
      { role: 'system', content: 'Answer now.' },
    ];
    expect(genAiPromptOf(JSON.stringify(prompt))).toEqual({
      systemInstructions: [
        { type: 'text', content: 'Be brief.' },
        { type: 'text', content: 'Use tools.' },
      ],
      messages: [
        {
          role: 'user',
          parts: [
            { type: 'text', content: 'What is on these?' },
            {
              type: 'uri',
              modality: 'image',
              mime_type: 'image/png',
              uri: 'https://example.com/a.png',
            },
            { type: 'text', content: '[image/png: not recorded]' },
            { type: 'text', content: '[application/pdf: not recorded]' },
          ],
        },
        {
          role: 'assistant',
          parts: [
            { type: 'reasoning', content: 'Look first.' },
            { type: 'text', content: 'Looking.' },
            { type: 'tool_call', id: 'c1', name: 'ocr', arguments: { page: 1 } },
            { type: 'tool_call', id: 'c2', name: 'ocr', arguments: { page: 2 } },
          ],
        },
        {
          role: 'tool',
          parts: [
            { type: 'tool_call_response', id: 'c1', response: { text: 'A' } },
            { type: 'tool_call_response', id: 'c2', response: 'no page' },
            { type: 'tool_call_response', id: 'c3', response: 'B[image/jpeg: not recorded]' },
            { type: 'tool_call_response', id: 'c4', response: 'execution denied: not allowed' },
            { type: 'tool_approval_response' },
          ],
        },
        // A system message after the conversation began is history, not instructions.
        { role: 'system', parts: [{ type: 'text', content: 'Answer now.' }] },
      ],
    });
  });

  it('no instructions, a string content', () => {
    const prompt = [{ role: 'user', content: 'Hi' }];
    expect(genAiPromptOf(JSON.stringify(prompt))).toEqual({
      systemInstructions: [],
      messages: [{ role: 'user', parts: [{ type: 'text', content: 'Hi' }] }],
    });
  });

  it.each([
    ['not JSON (a mask rewrote it)', '[masked]'],
    ['not a list', '{"role":"user"}'],
    ['not a string', 42],
    ['absent', undefined],
  ])('%s: undefined', (_name, value) => {
    expect(genAiPromptOf(value)).toBeUndefined();
  });

  it('skips what is not a message', () => {
    expect(
      genAiPromptOf(
        '[null, 1, {"content":"no role"}, {"role":"user","content":[null,{"type":"text"}]}]',
      ),
    ).toEqual({
      systemInstructions: [],
      messages: [{ role: 'user', parts: [] }],
    });
  });
});
