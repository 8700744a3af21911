import { propagateAttributes } from '@threadline/core';
import { createSpanCapture, startMockOpenAI } from '@threadline/testing';
import { expect, it } from 'vitest';
import { runAISDKTurn } from '../src/run-ai-sdk-turn';

it('runs the tool loop and puts the caller’s session on every span, the tool call’s included', async () => {
  const capture = createSpanCapture();
  capture.install();
  const mock = await startMockOpenAI();
  try {
    mock.enqueue(
      { toolCalls: [{ name: 'lookupShipment', arguments: { orderId: 'A1042' } }] },
      { content: 'Held at the depot; Monday.' },
    );
    const result = await propagateAttributes({ sessionId: 'conv-2', userId: 'u-2' }, () =>
      runAISDKTurn({ baseURL: mock.baseURL, apiKey: 'test', question: 'Why is A1042 late?' }),
    );

    expect(result).toEqual({ answer: 'Held at the depot; Monday.', toolCalls: ['lookupShipment'] });
    // The model got the tool's result back in the second request.
    expect(JSON.stringify(mock.requests[1]?.body)).toContain('storm damage');
    const spans = capture.spans();
    expect(spans.map((s) => s.name)).toContain('ai.toolCall');
    for (const span of spans) {
      expect(span.attributes['session.id']).toBe('conv-2');
      expect(span.attributes['user.id']).toBe('u-2');
    }
  } finally {
    await mock.close();
    await capture.uninstall();
  }
});
