import { describe, expect, it } from 'vitest';
import { responseFinishReason } from './responses';

describe('responseFinishReason', () => {
  it.each([
    [{ status: 'completed', output: [{ type: 'message' }] }, 'stop'],
    [
      { status: 'completed', output: [{ type: 'reasoning' }, { type: 'function_call' }] },
      'tool_calls',
    ],
    [{ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } }, 'length'],
    [{ status: 'incomplete', incomplete_details: { reason: 'content_filter' } }, 'content_filter'],
    [{ status: 'incomplete', incomplete_details: null }, 'incomplete'],
    [{ status: 'failed' }, 'error'],
    [{ status: 'cancelled' }, 'cancelled'],
    [{}, undefined],
  ])('%j → %s', (response, reason) => {
    expect(responseFinishReason(response)).toBe(reason);
  });
});
