import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate, PromptTemplate } from '@langchain/core/prompts';
import { RunnableLambda } from '@langchain/core/runnables';
import { ChatOpenAI } from '@langchain/openai';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { propagateAttributes } from '@threadline/core';
import { type MockOpenAI, startMockOpenAI } from '@threadline/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ThreadlineCallbackHandler } from '../src/index';
import { langfusePromptClient } from './support/langfuse-prompt';
import { spanNamed, useSpanCapture } from './support/span-harness';

const capture = useSpanCapture();
let server: MockOpenAI;

beforeAll(async () => {
  server = await startMockOpenAI();
});
beforeEach(() => server.reset());
afterAll(() => server.close());

const NAME = 'langfuse.observation.prompt.name';
const VERSION = 'langfuse.observation.prompt.version';

function chatModel() {
  return new ChatOpenAI({
    model: 'gpt-4o-mini',
    apiKey: 'test',
    configuration: { baseURL: server.baseURL },
    maxRetries: 0,
  });
}

/** The prompt a span links, as `name@version`; undefined when it links none. */
function linkOf(span: ReadableSpan): string | undefined {
  const name = span.attributes[NAME];
  const version = span.attributes[VERSION];
  if (name === undefined && version === undefined) return undefined;
  // The version is an integer attribute, never a string (docs/contract.md#backends prompt).
  expect(Number.isInteger(version), span.name).toBe(true);
  return `${String(name)}@${String(version)}`;
}

/** The prompt links of the finished model spans, in the order they started. */
function generationLinks(): Array<string | undefined> {
  return capture
    .spans()
    .filter((span) => span.attributes['langfuse.observation.type'] === 'generation')
    .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1])
    .map(linkOf);
}

/** Every span that is no generation, with the prompt it links (there should be none). */
function otherLinks(): Array<[string, string | undefined]> {
  return capture
    .spans()
    .filter((span) => span.attributes['langfuse.observation.type'] !== 'generation')
    .map((span) => [span.name, linkOf(span)]);
}

const noLinks = (links: Array<[string, string | undefined]>) =>
  links.map(([name]) => [name, undefined]);

function supportChain(metadata?: Record<string, unknown>) {
  const template = ChatPromptTemplate.fromMessages([
    ['system', 'You answer questions about {topic}.'],
    ['human', '{question}'],
  ]);
  return (metadata ? template.withConfig({ metadata }) : template)
    .pipe(chatModel())
    .pipe(new StringOutputParser());
}

const question = { topic: 'orders', question: 'Where is my order?' };

describe('prompt links on generation spans (docs/contract.md#framework-values)', () => {
  it('a prompt template carrying langfusePrompt links the model run after it; sequence, template and parser link nothing', async () => {
    const handler = new ThreadlineCallbackHandler();
    const client = langfusePromptClient({ name: 'support-chat', version: 3 });
    const answer = await supportChain({ langfusePrompt: client }).invoke(question, {
      callbacks: [handler],
    });
    expect(answer).toContain('Where is my order?');
    expect(server.requests).toHaveLength(1);
    const spans = capture.spans();
    const generation = spanNamed(spans, 'ChatOpenAI');
    expect(generation.attributes[NAME]).toBe('support-chat');
    expect(generation.attributes[VERSION]).toBe(3);
    for (const name of ['RunnableSequence', 'ChatPromptTemplate', 'StrOutputParser']) {
      const span = spanNamed(spans, name);
      expect(
        Object.keys(span.attributes).filter((key) => key.includes('prompt.')),
        name,
      ).toEqual([]);
    }
    expect(handler.openRuns).toBe(0);
  });

  it('a PromptTemplate with the JSON string of prompt.toJSON() under langfuse_prompt links the same way', async () => {
    const client = langfusePromptClient({ name: 'summary', version: 12 });
    const chain = PromptTemplate.fromTemplate('Summarize: {text}')
      .withConfig({ metadata: { langfuse_prompt: client.toJSON() } })
      .pipe(chatModel());
    await chain.invoke({ text: 'a long text' }, { callbacks: [new ThreadlineCallbackHandler()] });
    expect(generationLinks()).toEqual(['summary@12']);
    expect(otherLinks()).toEqual(noLinks(otherLinks()));
  });

  it('the same when the chain is consumed with .stream()', async () => {
    const handler = new ThreadlineCallbackHandler();
    const chunks: string[] = [];
    const stream = await supportChain({
      langfusePrompt: langfusePromptClient({ name: 'support-chat', version: 5 }),
    }).stream(question, { callbacks: [handler] });
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.join('')).toContain('Where is my order?');
    expect(server.requests.map((r) => r.body?.stream)).toEqual([true]);
    expect(generationLinks()).toEqual(['support-chat@5']);
    expect(otherLinks()).toHaveLength(3);
    expect(otherLinks()).toEqual(noLinks(otherLinks()));
    expect(handler.openRuns).toBe(0);
  });

  it('links the model runs started after the template under the same parent, not those before; a later template or a model’s own prompt wins', async () => {
    const model = chatModel();
    const template = PromptTemplate.fromTemplate('Summarize: {text}');
    const flow = RunnableLambda.from(async (text: string) => {
      await model.invoke('warm up');
      const value = await template
        .withConfig({
          metadata: { langfusePrompt: langfusePromptClient({ name: 'a', version: 1 }) },
        })
        .invoke({ text });
      await model.invoke(value);
      // A run under a later sibling used the template's output too.
      await RunnableLambda.from(async (input: typeof value) => model.invoke(input))
        .withConfig({ runName: 'nested' })
        .invoke(value);
      await model
        .withConfig({
          metadata: { langfusePrompt: langfusePromptClient({ name: 'own', version: 4 }) },
        })
        .invoke(value);
      const next = await template
        .withConfig({
          metadata: { langfusePrompt: langfusePromptClient({ name: 'b', version: 2 }) },
        })
        .invoke({ text });
      await model.invoke(next);
      return 'done';
    }).withConfig({ runName: 'flow' });
    const handler = new ThreadlineCallbackHandler();
    await flow.invoke('text', { callbacks: [handler] });
    // A model run with its own prompt is announced to its later siblings like a template's.
    expect(generationLinks()).toEqual([undefined, 'a@1', 'a@1', 'own@4', 'b@2']);
    expect(otherLinks()).toEqual(noLinks(otherLinks()));

    // Another invoke is another parent: nothing is remembered from the last one.
    capture.reset();
    await model.invoke('again', { callbacks: [handler] });
    expect(generationLinks()).toEqual([undefined]);
    expect(handler.openRuns).toBe(0);
  });

  it('invoke-config metadata reaches every run: it links every model run of the invoke, and no other span', async () => {
    const model = chatModel();
    const twoCalls = RunnableLambda.from(async (text: string) => {
      const first = await model.invoke(text);
      await model.invoke(`${String(first.content)} and more`);
      return 'ok';
    }).withConfig({ runName: 'two-calls' });
    const client = langfusePromptClient({ name: 'agent', version: 7 });
    await twoCalls.invoke('hi', {
      callbacks: [new ThreadlineCallbackHandler()],
      metadata: { langfusePrompt: client },
    });
    await supportChain().invoke(question, {
      callbacks: [new ThreadlineCallbackHandler()],
      metadata: { langfuse_prompt: client.toJSON() },
    });
    expect(generationLinks()).toEqual(['agent@7', 'agent@7', 'agent@7']);
    expect(otherLinks()).toHaveLength(4);
    expect(otherLinks()).toEqual(noLinks(otherLinks()));
  });

  it('the handler’s prompt option links every generation; run metadata overrides it; a scope yields to both', async () => {
    const handler = new ThreadlineCallbackHandler({
      prompt: langfusePromptClient({ name: 'from-options', version: 1 }),
    });
    await propagateAttributes(
      { prompt: langfusePromptClient({ name: 'from-scope', version: 2 }) },
      async () => {
        await supportChain().invoke(question, { callbacks: [handler] });
        await supportChain({
          langfusePrompt: langfusePromptClient({ name: 'from-metadata', version: 3 }),
        }).invoke(question, { callbacks: [handler] });
      },
    );
    expect(generationLinks()).toEqual(['from-options@1', 'from-metadata@3']);
    expect(otherLinks()).toEqual(noLinks(otherLinks()));
  });

  it('a propagateAttributes scope links the generations of an invoke, and run metadata wins over it', async () => {
    const handler = new ThreadlineCallbackHandler();
    await propagateAttributes({ prompt: { name: 'from-scope', version: 5 } }, async () => {
      await supportChain().invoke(question, { callbacks: [handler] });
      await supportChain({
        langfusePrompt: langfusePromptClient({ name: 'from-metadata', version: 6 }),
      }).invoke(question, { callbacks: [handler] });
    });
    expect(generationLinks()).toEqual(['from-scope@5', 'from-metadata@6']);
    expect(otherLinks()).toHaveLength(6);
    expect(otherLinks()).toEqual(noLinks(otherLinks()));
  });

  it('a fallback prompt links nothing, and hides a prompt named by the options or a scope', async () => {
    const fallback = langfusePromptClient({ name: 'support-chat', version: 1, isFallback: true });
    const options = new ThreadlineCallbackHandler({ prompt: { name: 'from-options', version: 1 } });
    await propagateAttributes({ prompt: { name: 'from-scope', version: 2 } }, async () => {
      await supportChain({ langfusePrompt: fallback }).invoke(question, { callbacks: [options] });
      await supportChain().invoke(question, {
        callbacks: [options],
        metadata: { langfusePrompt: fallback.toJSON() },
      });
      await supportChain().invoke(question, {
        callbacks: [new ThreadlineCallbackHandler({ prompt: fallback })],
      });
      await propagateAttributes({ prompt: fallback }, () =>
        supportChain().invoke(question, { callbacks: [new ThreadlineCallbackHandler()] }),
      );
    });
    expect(generationLinks()).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('a prompt that is no prompt is dropped: the next one out links', async () => {
    const handler = new ThreadlineCallbackHandler();
    await propagateAttributes({ prompt: { name: 'from-scope', version: 2 } }, async () => {
      for (const bad of [{ name: 'x', version: '3' }, { name: '', version: 1 }, 'not json', 42]) {
        await supportChain({ langfusePrompt: bad }).invoke(question, { callbacks: [handler] });
      }
    });
    expect(generationLinks()).toEqual(Array(4).fill('from-scope@2'));
  });

  it('concurrent invokes each link their own prompt', async () => {
    const handler = new ThreadlineCallbackHandler();
    await Promise.all(
      [1, 2, 3, 4].map((version) =>
        supportChain({
          langfusePrompt: langfusePromptClient({ name: `p${version}`, version }),
        }).invoke({ topic: `t${version}`, question: `q${version}` }, { callbacks: [handler] }),
      ),
    );
    const byTrace = new Map<string, string | undefined>();
    for (const span of capture.spans().filter((s) => s.name === 'ChatOpenAI')) {
      const topic = JSON.parse(String(span.attributes['langfuse.observation.input']))[0].content;
      byTrace.set(String(topic), linkOf(span));
    }
    expect(Object.fromEntries(byTrace)).toEqual({
      'You answer questions about t1.': 'p1@1',
      'You answer questions about t2.': 'p2@2',
      'You answer questions about t3.': 'p3@3',
      'You answer questions about t4.': 'p4@4',
    });
    expect(handler.openRuns).toBe(0);
  });
});
