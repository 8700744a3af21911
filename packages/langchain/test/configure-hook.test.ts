import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { propagateAttributes } from '@threadline/core';
import { describe, expect, it } from 'vitest';
import { registerThreadlineHandler, ThreadlineCallbackHandler } from '../src/index';
import { useSpanCapture } from './support/span-harness';

const capture = useSpanCapture();

function chain() {
  return ChatPromptTemplate.fromMessages([['human', '{q}']])
    .pipe(new FakeListChatModel({ responses: ['fine'] }))
    .pipe(new StringOutputParser());
}

/**
 * Runs `fn` in a fresh async context: LangChain keeps configure hooks in its AsyncLocalStorage,
 * and a registration made here must not leak into the other tests.
 */
function isolated<T>(fn: () => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => setImmediate(() => fn().then(resolve, reject)));
}

describe('registerThreadlineHandler (LangChain configure hook)', () => {
  it('attaches the handler to every run started from the registering context', async () => {
    const handler = await isolated(async () => {
      const registered = registerThreadlineHandler({ userId: 'u-hook' });
      await propagateAttributes({ sessionId: 'conv-hook' }, () => chain().invoke({ q: 'hi' }));
      await chain().invoke({ q: 'again' }, { metadata: { session_id: 'conv-meta' } });
      return registered;
    });
    expect(handler).toBeInstanceOf(ThreadlineCallbackHandler);
    const spans = capture.spans();
    expect(spans).toHaveLength(8);
    const sessions = spans.map((s) => s.attributes['session.id']);
    expect(sessions.filter((s) => s === 'conv-hook')).toHaveLength(4);
    expect(sessions.filter((s) => s === 'conv-meta')).toHaveLength(4);
    for (const span of spans) expect(span.attributes['user.id']).toBe('u-hook');
    expect(handler.openRuns).toBe(0);
  });

  it('is scoped to that context: runs elsewhere are not traced', async () => {
    await isolated(async () => {
      registerThreadlineHandler();
    });
    await chain().invoke({ q: 'untraced' });
    expect(capture.spans()).toEqual([]);
  });

  it('a handler passed in callbacks takes precedence (LangChain adds a hook handler once per name)', async () => {
    const explicit = new ThreadlineCallbackHandler({ release: 'explicit' });
    await isolated(async () => {
      registerThreadlineHandler({ release: 'hook' });
      await chain().invoke({ q: 'hi' }, { callbacks: [explicit] });
    });
    const spans = capture.spans();
    expect(spans).toHaveLength(4);
    for (const span of spans) expect(span.attributes['langfuse.release']).toBe('explicit');
  });

  it('registering again replaces the handler without adding a second hook', async () => {
    await isolated(async () => {
      registerThreadlineHandler({ release: 'first' });
      const second = registerThreadlineHandler({ release: 'second' });
      await chain().invoke({ q: 'hi' });
      expect(second.openRuns).toBe(0);
    });
    const spans = capture.spans();
    expect(spans).toHaveLength(4);
    for (const span of spans) expect(span.attributes['langfuse.release']).toBe('second');
  });
});
