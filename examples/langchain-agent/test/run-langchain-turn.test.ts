import { propagateAttributes } from '@threadline/core';
import { createSpanCapture, startMockOpenAI } from '@threadline/testing';
import { expect, it } from 'vitest';
import { runLangChainTurn } from '../src/run-langchain-turn';

it('calls the tool, answers, and nests every run under the agent in the caller’s session', async () => {
  const capture = createSpanCapture();
  capture.install();
  const mock = await startMockOpenAI();
  try {
    mock.enqueue(
      { toolCalls: [{ name: 'escalateToHuman', arguments: { orderId: 'A1042', reason: 'late' } }] },
      { content: 'Ticket ESC-2291 is open.' },
    );
    const result = await propagateAttributes({ sessionId: 'conv-3', userId: 'u-3' }, () =>
      runLangChainTurn({ baseURL: mock.baseURL, apiKey: 'test', question: 'A person, please.' }),
    );

    expect(result).toEqual({ answer: 'Ticket ESC-2291 is open.', toolCalls: ['escalateToHuman'] });
    const spans = capture.spans();
    const agent = spans.find((s) => s.name === 'support-agent');
    expect(agent?.attributes['langfuse.observation.type']).toBe('agent');
    expect(agent).toBeDefined();
    const children = spans.filter(
      (s) => s.parentSpanContext?.spanId === agent?.spanContext().spanId,
    );
    expect(children.map((s) => s.attributes['langfuse.observation.type']).sort()).toEqual([
      'generation',
      'generation',
      'tool',
    ]);
    for (const span of spans) {
      expect(span.attributes['session.id']).toBe('conv-3');
      expect(span.attributes['user.id']).toBe('u-3');
    }
  } finally {
    await mock.close();
    await capture.uninstall();
  }
});
