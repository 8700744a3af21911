import { MAX_CONTENT_CHARS } from '@threadline/core/adapter';
import { describe, expect, it } from 'vitest';
import { contentParts } from './gen-ai-parts';

describe('contentParts', () => {
  it('a string is one text part, an empty one none', () => {
    expect(contentParts('hi')).toEqual([{ type: 'text', content: 'hi' }]);
    expect(contentParts('')).toEqual([]);
    expect(contentParts(undefined)).toEqual([]);
  });

  it('maps the content blocks of both LangChain lines and the providers', () => {
    expect(
      contentParts([
        { type: 'text', text: 'look' },
        { type: 'image_url', image_url: { url: 'https://x.test/a.png' } },
        { type: 'image_url', image_url: 'data:image/jpeg;base64,/9j/' },
        // 1.x standard blocks
        { type: 'image', url: 'https://x.test/b.png', mimeType: 'image/png' },
        { type: 'file', data: 'JVBERi0=', mimeType: 'application/pdf' },
        { type: 'audio', fileId: 'file-1' },
        // 0.3 data blocks
        { type: 'image', source_type: 'base64', data: 'iVBO', mime_type: 'image/png' },
        { type: 'file', source_type: 'text', text: 'inline text' },
        // Anthropic and OpenAI shapes
        { type: 'image', source: { type: 'base64', media_type: 'image/gif', data: 'R0lG' } },
        { type: 'input_audio', input_audio: { data: 'UklG', format: 'wav' } },
        { type: 'reasoning', reasoning: 'step by step' },
        { type: 'thinking', thinking: 'hmm', signature: 'sig' },
      ]),
    ).toEqual([
      { type: 'text', content: 'look' },
      { type: 'uri', modality: 'image', uri: 'https://x.test/a.png' },
      // Inline data is never recorded, only named.
      { type: 'text', content: '[image/jpeg: not recorded]' },
      { type: 'uri', modality: 'image', mime_type: 'image/png', uri: 'https://x.test/b.png' },
      { type: 'text', content: '[application/pdf: not recorded]' },
      { type: 'file', modality: 'audio', file_id: 'file-1' },
      { type: 'text', content: '[image/png: not recorded]' },
      { type: 'text', content: 'inline text' },
      { type: 'text', content: '[image/gif: not recorded]' },
      { type: 'text', content: '[audio/wav: not recorded]' },
      { type: 'reasoning', content: 'step by step' },
      { type: 'reasoning', content: 'hmm' },
    ]);
  });

  it('leaves out tool call blocks (they come from tool_calls); unknown blocks keep their type', () => {
    expect(
      contentParts([
        { type: 'tool_use', id: 't1', name: 'weather', input: {} },
        { type: 'tool_call', id: 't1', name: 'weather', args: {} },
        { type: 'citation', source: 'doc-1', quote: 'x' },
        { no: 'type' },
        42,
      ]),
    ).toEqual([{ type: 'citation' }]);
  });

  it('cuts a long text so one value cannot crowd out the rest', () => {
    const [part] = contentParts('x'.repeat(MAX_CONTENT_CHARS + 10));
    expect(String(part!.content)).toHaveLength(MAX_CONTENT_CHARS + 1);
  });
});
