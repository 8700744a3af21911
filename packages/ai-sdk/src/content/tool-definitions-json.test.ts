import { describe, expect, it } from 'vitest';
import { toolDefinitionsJson } from './tool-definitions-json';

const weather = JSON.stringify({
  type: 'function',
  name: 'weather',
  inputSchema: { type: 'object' },
});
const now = JSON.stringify({ type: 'function', name: 'now', inputSchema: { type: 'object' } });

describe('toolDefinitionsJson', () => {
  it('the JSON of the definitions, the same for equal tools seen again', () => {
    const first = toolDefinitionsJson([weather, now]);
    expect(JSON.parse(first!)).toEqual([
      { type: 'function', name: 'weather', parameters: { type: 'object' } },
      { type: 'function', name: 'now', parameters: { type: 'object' } },
    ]);
    expect(toolDefinitionsJson([`${weather}`, now])).toBe(first);
  });

  it('other tools after those: their own definitions, not the last ones', () => {
    toolDefinitionsJson([weather, now]);
    expect(JSON.parse(toolDefinitionsJson([now])!)).toEqual([
      { type: 'function', name: 'now', parameters: { type: 'object' } },
    ]);
    expect(JSON.parse(toolDefinitionsJson([weather])!)).toEqual([
      { type: 'function', name: 'weather', parameters: { type: 'object' } },
    ]);
  });

  it.each([[undefined], ['x'], [[]], [['[]']]])('none in %j: undefined', (tools) => {
    expect(toolDefinitionsJson(tools)).toBeUndefined();
  });
});
