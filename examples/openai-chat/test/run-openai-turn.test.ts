import { propagateAttributes } from '@threadline/core';
import { createSpanCapture, startMockOpenAI } from '@threadline/testing';
import { expect, it } from 'vitest';
import { runOpenAITurn } from '../src/run-openai-turn';

it('answers with the model’s reply and makes a generation span in the caller’s session', async () => {
  const capture = createSpanCapture();
  capture.install();
  const mock = await startMockOpenAI();
  try {
    mock.enqueue({ content: 'On its way.' });
    const { answer } = await propagateAttributes({ sessionId: 'conv-1', userId: 'u-1' }, () =>
      runOpenAITurn({
        baseURL: mock.baseURL,
        apiKey: 'test',
        question: 'Where is it?',
        history: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello!' },
        ],
      }),
    );

    expect(answer).toBe('On its way.');
    const messages = mock.requests[0]?.body.messages as Array<{ role: string }>;
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    const spans = capture.spans();
    expect(spans).toHaveLength(1);
    expect(spans[0]?.attributes).toMatchObject({
      'session.id': 'conv-1',
      'user.id': 'u-1',
      'gen_ai.operation.name': 'chat',
      'langfuse.observation.type': 'generation',
    });
  } finally {
    await mock.close();
    await capture.uninstall();
  }
});
