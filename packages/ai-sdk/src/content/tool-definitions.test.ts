import { describe, expect, it } from 'vitest';
import { toolDefinitionsOf } from './tool-definitions';

describe('toolDefinitionsOf', () => {
  it('function tools with their schema; a provider tool by name only', () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } } };
    const tools = [
      JSON.stringify({
        type: 'function',
        name: 'weather',
        description: 'Weather',
        inputSchema: schema,
      }),
      JSON.stringify({ type: 'function', name: 'now', inputSchema: { type: 'object' } }),
      JSON.stringify({
        type: 'provider',
        id: 'openai.mcp',
        name: 'mcp',
        args: { headers: { authorization: 'Bearer secret' } },
      }),
      'not json',
      JSON.stringify({ type: 'function' }),
    ];
    expect(toolDefinitionsOf(tools)).toEqual([
      { type: 'function', name: 'weather', description: 'Weather', parameters: schema },
      { type: 'function', name: 'now', parameters: { type: 'object' } },
      { type: 'extension', name: 'mcp' },
    ]);
  });

  it.each([[undefined], ['x'], [[]], [['[]']]])('none in %j: undefined', (tools) => {
    expect(toolDefinitionsOf(tools)).toBeUndefined();
  });
});
