import { describe, expect, it } from 'vitest';
import { isAi7Event } from './ai-7-event';

describe('isAi7Event', () => {
  it('an event with a callId is ai 7’s; ai 5 and 6 events have none', () => {
    expect(isAi7Event({ callId: 'call-1', operationId: 'ai.streamText' })).toBe(true);
    expect(isAi7Event({ abortSignal: undefined, model: { modelId: 'm' } })).toBe(false);
    expect(isAi7Event(undefined)).toBe(false);
    expect(isAi7Event(null)).toBe(false);
  });
});
