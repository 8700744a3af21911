import { SpanStatusCode } from '@opentelemetry/api';
import { propagateAttributes } from '@threadline/core';
import { describe, expect, it } from 'vitest';
import { resolveLangfuse } from './index';
import { createSpanCapture } from './span-capture';

describe('resolveLangfuse on in-memory SDK spans', () => {
  it('takes ReadableSpans from the span capture directly', async () => {
    const capture = createSpanCapture();
    capture.install();
    try {
      await propagateAttributes(
        { sessionId: 'conv-9', userId: 'u-9', traceName: 'support', tags: ['vip'] },
        async () => {
          const tracer = capture.tracer();
          await tracer.startActiveSpan('request', async (request) => {
            const call = tracer.startSpan('ai.generateText.doGenerate', {
              attributes: { 'ai.model.id': 'gpt-4o', 'ai.usage.inputTokens': 3 },
            });
            call.setStatus({ code: SpanStatusCode.ERROR });
            call.end();
            request.end();
          });
        },
      );
      const [trace] = resolveLangfuse(capture.spans()).traces;
      expect(trace).toMatchObject({
        name: 'support',
        sessionId: 'conv-9',
        userId: 'u-9',
        tags: ['vip'],
      });
      expect(trace?.observations.map((o) => [o.name, o.type, o.model, o.level])).toEqual([
        ['request', 'span', undefined, 'DEFAULT'],
        ['ai.generateText.doGenerate', 'generation', 'gpt-4o', 'ERROR'],
      ]);
    } finally {
      await capture.uninstall();
    }
  });
});
