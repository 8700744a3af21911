import { describe, expect, it } from 'vitest';
import { toolDefinitions } from './tool-definitions';

const CITY = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
const WEATHER = {
  type: 'function',
  name: 'weather',
  description: 'Current weather',
  parameters: CITY,
};

describe('toolDefinitions', () => {
  it('reads the tool formats integrations send', () => {
    expect(
      toolDefinitions({
        tools: [
          // OpenAI Chat Completions
          {
            type: 'function',
            function: { name: 'weather', description: 'Current weather', parameters: CITY },
          },
          // OpenAI Responses API
          { type: 'function', name: 'weather', description: 'Current weather', parameters: CITY },
          // Anthropic
          { name: 'weather', description: 'Current weather', input_schema: CITY },
          // Google
          {
            functionDeclarations: [
              { name: 'weather', description: 'Current weather', parameters: CITY },
            ],
          },
        ],
      }),
    ).toEqual([WEATHER, WEATHER, WEATHER, WEATHER]);
  });

  it('keeps other tool types by type and name; leaves out what names no tool', () => {
    expect(
      toolDefinitions({
        tools: [
          { type: 'web_search_preview' },
          { type: 'custom', custom: { name: 'grammar', format: { type: 'text' } } },
          { type: 'function', function: { description: 'no name' } },
          'weather',
          null,
        ],
      }),
    ).toEqual([
      { type: 'web_search_preview', name: 'web_search_preview' },
      { type: 'custom', name: 'grammar' },
    ]);
  });

  it('is undefined without tools', () => {
    expect(toolDefinitions(undefined)).toBeUndefined();
    expect(toolDefinitions({ model: 'x' })).toBeUndefined();
    expect(toolDefinitions({ tools: [] })).toBeUndefined();
    expect(toolDefinitions({ tools: [42] })).toBeUndefined();
  });
});
