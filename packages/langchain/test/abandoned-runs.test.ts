import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { describe, expect, it } from 'vitest';
import { ThreadlineCallbackHandler } from '../src/index';
import { ScriptedChatModel } from './support/scripted-chat-model';
import { useSpanCapture } from './support/span-harness';

const capture = useSpanCapture();

function runId(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

describe('runs that never end', () => {
  it('are evicted beyond maxOpenRuns, oldest first, ended once with the reason', () => {
    const handler = new ThreadlineCallbackHandler({ maxOpenRuns: 3 });
    for (let i = 0; i < 5; i++) {
      handler.handleChainStart({ lc: 1, type: 'not_implemented', id: [`run${i}`] }, {}, runId(i));
    }
    expect(handler.openRuns).toBe(3);
    const evicted = capture.spans();
    expect(evicted.map((s) => s.name)).toEqual(['run0', 'run1']);
    for (const span of evicted) {
      expect(span.attributes['threadline.end_reason']).toBe('evicted_max_open');
    }
    // LangChain ending an evicted run later is a no-op, not a second end.
    handler.handleChainEnd({}, runId(0));
    for (let i = 2; i < 5; i++) handler.handleChainEnd({}, runId(i));
    expect(capture.spans().map((s) => s.name)).toEqual(['run0', 'run1', 'run2', 'run3', 'run4']);
    expect(handler.openRuns).toBe(0);
  });

  it('are evicted once older than maxRunAgeMs, when the next run starts', () => {
    // A negative age makes every open run too old by the time the next one starts.
    const handler = new ThreadlineCallbackHandler({ maxRunAgeMs: -1 });
    handler.handleChainStart({ lc: 1, type: 'not_implemented', id: ['stale'] }, {}, runId(1));
    handler.handleChainStart({ lc: 1, type: 'not_implemented', id: ['fresh'] }, {}, runId(2));
    expect(capture.spans().map((s) => [s.name, s.attributes['threadline.end_reason']])).toEqual([
      ['stale', 'evicted_max_age'],
    ]);
    expect(handler.openRuns).toBe(1);
    handler.handleChainEnd({}, runId(2));
    expect(handler.openRuns).toBe(0);
  });

  it('a stream the consumer stops reading: LangChain reports nothing, eviction ends its spans once', async () => {
    const handler = new ThreadlineCallbackHandler({ maxOpenRuns: 3 });
    const chain = ChatPromptTemplate.fromMessages([['human', '{q}']])
      .pipe(new ScriptedChatModel({ replies: [{ content: 'one two three four five' }] }))
      .pipe(new StringOutputParser());
    const stream = await chain.stream({ q: 'count' }, { callbacks: [handler] });
    for await (const chunk of stream) {
      expect(chunk).toBe('one ');
      break;
    }
    // The sequence, the model and the parser never hear that the consumer left.
    expect(capture.spans().map((s) => s.name)).toEqual(['ChatPromptTemplate']);
    expect(handler.openRuns).toBe(3);
    // Later runs push them out (here by maxOpenRuns; by default also once an hour old).
    for (let i = 0; i < 3; i++) {
      handler.handleChainStart({ lc: 1, type: 'not_implemented', id: ['next'] }, {}, runId(i));
    }
    for (let i = 0; i < 3; i++) handler.handleChainEnd({}, runId(i));
    const spans = capture.spans();
    expect(new Set(spans.map((s) => s.spanContext().spanId)).size).toBe(spans.length);
    const evicted = spans.filter(
      (s) => s.attributes['threadline.end_reason'] === 'evicted_max_open',
    );
    expect(evicted.map((s) => s.name).sort()).toEqual([
      'RunnableSequence',
      'ScriptedChatModel',
      'StrOutputParser',
    ]);
    expect(handler.openRuns).toBe(0);
  });
});
