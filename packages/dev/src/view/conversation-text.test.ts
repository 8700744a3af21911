import type { LangfuseObservation, LangfuseTrace } from '@threadline/testing';
import { describe, expect, it } from 'vitest';
import { assistantTurnText, textOf, userTurnText } from './conversation-text';

function observation(partial: Partial<LangfuseObservation>): LangfuseObservation {
  return {
    id: 'o',
    traceId: 't',
    name: 'n',
    type: 'generation',
    usage: {},
    level: 'DEFAULT',
    startTime: 0,
    endTime: 1,
    metadata: {},
    ...partial,
  };
}

function traceOf(
  observations: LangfuseObservation[],
  extra: Partial<LangfuseTrace> = {},
): LangfuseTrace {
  return {
    id: 't',
    name: 'turn',
    tags: [],
    metadata: {},
    environment: 'default',
    timestamp: 0,
    observations,
    ...extra,
  };
}

describe('textOf', () => {
  it('reads chat messages: the last user message as input, the last assistant one as output', () => {
    const messages = [
      { role: 'system', content: 'be nice' },
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'reply' },
      { role: 'user', content: [{ type: 'text', text: 'second' }, { type: 'image_url' }] },
    ];
    expect(textOf(messages, 'user')).toBe('second');
    expect(textOf(messages, 'assistant')).toBe('reply');
    expect(textOf({ messages }, 'user')).toBe('second');
  });

  it('reads OpenAI completions, Responses API output and tool calls', () => {
    expect(
      textOf({ choices: [{ message: { role: 'assistant', content: 'hi there' } }] }, 'assistant'),
    ).toBe('hi there');
    expect(textOf({ choices: [{ text: 'legacy' }] }, 'assistant')).toBe('legacy');
    expect(
      textOf(
        {
          output: [
            {
              type: 'message',
              role: 'assistant',
              content: [{ type: 'output_text', text: 'resp' }],
            },
          ],
        },
        'assistant',
      ),
    ).toBe('resp');
    expect(
      textOf(
        { role: 'assistant', content: null, tool_calls: [{ function: { name: 'lookup' } }] },
        'assistant',
      ),
    ).toBe('(calls lookup)');
    expect(textOf({ input: 'plain prompt' }, 'user')).toBe('plain prompt');
    expect(textOf({ unknown: 1 }, 'user')).toBeUndefined();
  });
});

describe('turn texts', () => {
  it('take the trace input and output first', () => {
    const trace = traceOf([observation({ input: 'ignored', output: 'ignored' })], {
      input: { question: 'q?' },
      output: 'a!',
    });
    expect(userTurnText(trace)).toBe('q?');
    expect(assistantTurnText(trace)).toBe('a!');
  });

  it('else the first model call input and the output of the model call that ended last', () => {
    const trace = traceOf([
      observation({ id: '1', type: 'span', startTime: 0, endTime: 9 }),
      observation({
        id: '2',
        startTime: 1,
        endTime: 2,
        input: [{ role: 'user', content: 'hello' }],
        output: { role: 'assistant', content: null, tool_calls: [{ function: { name: 'f' } }] },
      }),
      observation({
        id: '3',
        type: 'tool',
        startTime: 3,
        endTime: 4,
        input: { x: 1 },
        output: 'tool out',
      }),
      observation({
        id: '4',
        startTime: 5,
        endTime: 8,
        input: [],
        output: { role: 'assistant', content: 'final' },
      }),
    ]);
    expect(userTurnText(trace)).toBe('hello');
    expect(assistantTurnText(trace)).toBe('final');
    expect(userTurnText(traceOf([observation({ type: 'tool', input: 'x' })]))).toBeUndefined();
  });
});
