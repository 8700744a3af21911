import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  configureThreadline,
  type PromptReference,
  propagateAttributes,
  resetThreadlineConfiguration,
} from '@threadline/core';
import { describe, expect, it } from 'vitest';
import { observeOpenAI } from '../src/index';
import { useHarness } from './support/harness';
import { clientOf, SDKS } from './support/sdks';

/*
 * Prompt links (docs/contract.md#fields, #adapter-spans): the generations a client makes carry
 * the managed prompt that a scope or the client's options name; embeddings never do.
 */

const h = useHarness();
const NAME = 'langfuse.observation.prompt.name';
const VERSION = 'langfuse.observation.prompt.version';
const MESSAGES = [{ role: 'user' as const, content: 'where is my parcel' }];
const SUPPORT = { name: 'support', version: 3 };

/** The prompt link of `span` as [name, version], or [] when it has none. */
function promptLink(span: ReadableSpan): unknown[] {
  if (!(NAME in span.attributes) && !(VERSION in span.attributes)) return [];
  return [span.attributes[NAME], span.attributes[VERSION]];
}

/** What a Langfuse prompt client looks like: more than a name and a version. */
function promptClient(name: string, version: number, isFallback = false): PromptReference {
  return {
    name,
    version,
    isFallback,
    prompt: [{ role: 'system', content: 'You help with {{topic}}' }],
    config: { temperature: 0 },
    labels: ['production'],
    compile: () => [{ role: 'system', content: 'You help with parcels' }],
  } as PromptReference;
}

describe.each(SDKS)('prompt links with %s', (_name, SDK) => {
  it('a scope links a plain chat call; the version is an integer attribute', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: 'on its way' });
    const completion = await propagateAttributes({ sessionId: 'conv-p', prompt: SUPPORT }, () =>
      client.chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES }),
    );
    expect(completion.choices[0]!.message.content).toBe('on its way');
    const span = h.onlySpan();
    expect(promptLink(span)).toEqual(['support', 3]);
    expect(typeof span.attributes[VERSION]).toBe('number');
    expect(span.attributes['langfuse.observation.type']).toBe('generation');
    expect(span.attributes['gen_ai.conversation.id']).toBe('conv-p');
  });

  it('a scope links a streamed chat call', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: 'alpha beta', usage: { input: 5, output: 2 } });
    const text = await propagateAttributes({ prompt: SUPPORT }, async () => {
      const stream = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: MESSAGES,
        stream: true,
        stream_options: { include_usage: true },
      });
      let out = '';
      for await (const chunk of stream) out += chunk.choices[0]?.delta.content ?? '';
      return out;
    });
    expect(text).toBe('alpha beta');
    const span = h.onlySpan();
    expect(promptLink(span)).toEqual(['support', 3]);
    expect(span.attributes['gen_ai.usage.output_tokens']).toBe(2);
  });

  it('a scope links Responses API calls, plain and streamed', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    await propagateAttributes({ prompt: { name: 'summary', version: 2 } }, async () => {
      h.mock.enqueue({ content: 'done' });
      await client.responses.create({ model: 'o4-mini', input: 'summarise the ticket' });
      h.mock.enqueue({ content: 'done again' });
      const stream = await client.responses.create({
        model: 'o4-mini',
        input: 'summarise it again',
        stream: true,
      });
      for await (const _ of stream);
    });
    const spans = h.spans();
    expect(spans.map((s) => s.attributes['openai.api.type'])).toEqual(['responses', 'responses']);
    expect(spans.map(promptLink)).toEqual([
      ['summary', 2],
      ['summary', 2],
    ]);
  });

  it('the client options link every generation and win over the scope; a prompt client fits as it is', async () => {
    const bare = clientOf(SDK, h.mock.baseURL);
    await propagateAttributes({ prompt: { name: 'scope', version: 1 } }, async () => {
      h.mock.enqueue({ content: 'per call' });
      await observeOpenAI(bare, { prompt: promptClient('triage', 7) }).chat.completions.create({
        model: 'gpt-4o-mini',
        messages: MESSAGES,
      });
      h.mock.enqueue({ content: 'story' });
      await observeOpenAI(bare, { prompt: { name: 'story', version: 2 } }).completions.create({
        model: 'gpt-3.5-turbo-instruct',
        prompt: 'tell a story',
      });
      // Observed again: the later prompt replaces the earlier one whole.
      const observed = observeOpenAI(bare, { prompt: { name: 'first', version: 1 } });
      h.mock.enqueue({ content: 'again' });
      await observeOpenAI(observed, { prompt: { name: 'second', version: 5 } }).responses.create({
        model: 'o4-mini',
        input: 'go',
      });
      h.mock.enqueue({ content: 'plain' });
      await observeOpenAI(bare).chat.completions.create({
        model: 'gpt-4o-mini',
        messages: MESSAGES,
      });
    });
    expect(h.spans().map((s) => [s.attributes['gen_ai.operation.name'], ...promptLink(s)])).toEqual(
      [
        ['chat', 'triage', 7],
        ['text_completion', 'story', 2],
        ['chat', 'second', 5],
        ['chat', 'scope', 1],
      ],
    );
  });

  it('an embeddings call carries no prompt keys, from a scope or from the options', async () => {
    const bare = clientOf(SDK, h.mock.baseURL);
    await propagateAttributes({ sessionId: 'conv-e', prompt: SUPPORT }, async () => {
      await observeOpenAI(bare).embeddings.create({ model: 'text-embedding-3-small', input: 'x' });
      await observeOpenAI(bare, { prompt: SUPPORT }).embeddings.create({
        model: 'text-embedding-3-small',
        input: 'y',
      });
    });
    const spans = h.spans();
    expect(spans).toHaveLength(2);
    for (const span of spans) {
      expect(span.attributes['langfuse.observation.type']).toBe('embedding');
      expect(span.attributes['session.id']).toBe('conv-e');
      expect(Object.keys(span.attributes).filter((key) => key.includes('prompt.'))).toEqual([]);
    }
  });

  it('a fallback prompt client links nothing, not even the prompt of the scope around it', async () => {
    const bare = clientOf(SDK, h.mock.baseURL);
    const fallback = promptClient('support', 1, true);
    await propagateAttributes({ prompt: SUPPORT }, async () => {
      h.mock.enqueue({ content: 'per call' });
      await observeOpenAI(bare, { prompt: fallback, sessionId: 'conv-f' }).chat.completions.create({
        model: 'gpt-4o-mini',
        messages: MESSAGES,
      });
      h.mock.enqueue({ content: 'inner scope' });
      await propagateAttributes({ prompt: fallback }, () =>
        observeOpenAI(bare).chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES }),
      );
      h.mock.enqueue({ content: 'no scope fallback' });
      await observeOpenAI(bare).chat.completions.create({
        model: 'gpt-4o-mini',
        messages: MESSAGES,
      });
    });
    const spans = h.spans();
    expect(spans.map(promptLink)).toEqual([[], [], ['support', 3]]);
    expect(spans[0]!.attributes['session.id']).toBe('conv-f');
  });

  it('an invalid prompt is dropped and reported; the call and the other fields go on', async () => {
    const reports: Array<{ field: string; reason: string }> = [];
    configureThreadline({ onInvalid: ({ field, reason }) => reports.push({ field, reason }) });
    try {
      const invalid = { name: 'support', version: '3' } as unknown as PromptReference;
      const client = observeOpenAI(clientOf(SDK, h.mock.baseURL), {
        sessionId: 'conv-i',
        prompt: invalid,
      });
      h.mock.enqueue({ content: 'still answered' });
      const completion = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: MESSAGES,
      });
      expect(completion.choices[0]!.message.content).toBe('still answered');
      h.mock.enqueue({ content: 'in a scope' });
      await propagateAttributes({ userId: 'user-i', prompt: invalid }, () =>
        observeOpenAI(clientOf(SDK, h.mock.baseURL)).chat.completions.create({
          model: 'gpt-4o-mini',
          messages: MESSAGES,
        }),
      );
    } finally {
      resetThreadlineConfiguration();
    }
    const [perCall, scoped] = h.spans();
    expect(promptLink(perCall!)).toEqual([]);
    expect(perCall!.attributes['session.id']).toBe('conv-i');
    expect(promptLink(scoped!)).toEqual([]);
    expect(scoped!.attributes['user.id']).toBe('user-i');
    expect(reports).toEqual([
      { field: 'prompt', reason: 'type' },
      { field: 'prompt', reason: 'type' },
    ]);
  });
});
