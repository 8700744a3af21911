import { describe, expect, it } from 'vitest';
import { findPrice } from './price-table';

const TABLE = {
  'gpt-4o': { input: 1, output: 2 },
  'gpt-4o-mini': { input: 3, output: 4 },
  'my-finetune': { input: 5, output: 6 },
};

describe('findPrice', () => {
  it('matches exactly, then the longest dated or suffixed prefix, ignoring provider and case', () => {
    expect(findPrice(TABLE, 'gpt-4o')).toEqual({ input: 1, output: 2 });
    expect(findPrice(TABLE, 'gpt-4o-mini-2024-07-18')).toEqual({ input: 3, output: 4 });
    expect(findPrice(TABLE, 'openai/GPT-4o-mini')).toEqual({ input: 3, output: 4 });
    expect(findPrice(TABLE, 'My-Finetune-v2')).toEqual({ input: 5, output: 6 });
    expect(findPrice(TABLE, 'gpt-4oxyz')).toBeUndefined();
    expect(findPrice(TABLE, 'llama-3')).toBeUndefined();
  });
});
