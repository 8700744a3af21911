/**
 * The two supported majors of the AI SDK behind one shape, so every test runs against both:
 * `ai` 6 with the V3 model mocks and `@ai-sdk/openai` 3, `ai` 5 (pnpm alias `ai-v5`) with the
 * V2 mocks and `@ai-sdk/openai` 2. The mocks are the SDK's own; only the scripts are ours.
 */
import { createOpenAI as createOpenAI3 } from '@ai-sdk/openai';
import { createOpenAI as createOpenAI2 } from '@ai-sdk/openai-v2';
import type { EmbeddingModel, LanguageModel } from 'ai';
import * as ai6 from 'ai';
import { MockEmbeddingModelV3, MockLanguageModelV3 } from 'ai/test';
import * as ai5 from 'ai-v5';
import { MockEmbeddingModelV2, MockLanguageModelV2 } from 'ai-v5/test';

/** The functions of `ai` the tests use, typed as in ai 6 (ai 5's have the same shape). */
export type AiSdk = Pick<
  typeof ai6,
  | 'generateText'
  | 'streamText'
  | 'generateObject'
  | 'streamObject'
  | 'embed'
  | 'embedMany'
  | 'tool'
  | 'stepCountIs'
>;

/** One answer of a scripted model. */
export interface Turn {
  /** Assistant text, streamed word by word. Default `'done'` when there are no tool calls. */
  text?: string;
  toolCalls?: Array<{ id: string; name: string; input: unknown }>;
  usage?: { input: number; output: number };
  /**
   * Stream this many parts and then wait, like a model still generating, until the call is
   * aborted (the stream then fails with an AbortError, as a provider's fetch does).
   */
  holdAfter?: number;
  /**
   * Yield to the event loop before each part, as chunks from a network do. Which span the AI
   * SDK's tool calls start under depends on it (the step's `doStream` span or the root).
   */
  paced?: boolean;
  /**
   * With `holdAfter`: keep waiting even when the call is aborted, as a provider that does not
   * pass the abort signal on does.
   */
  ignoresAbort?: boolean;
  /** Stream this many parts and then fail, as a stream whose connection is reset does. */
  failAfter?: number;
}

/** The OpenAI provider of one major, pointed at a loopback server. */
export interface OpenAIProvider {
  /** Chat Completions API (`/v1/chat/completions`). */
  chat(modelId: string): LanguageModel;
  /** Responses API (`/v1/responses`), the provider's default for `openai(modelId)`. */
  responses(modelId: string): LanguageModel;
  /** Embeddings API (`/v1/embeddings`). */
  embedding(modelId: string): EmbeddingModel;
}

export interface Major {
  name: string;
  ai: AiSdk;
  /** A mock chat model answering the turns in order, one per model call. */
  chatModel(turns: Turn[], modelId?: string): LanguageModel;
  /**
   * A mock embedding model: two dimensions per value (`[index in its request, 1]`), one token
   * per value, at most two values per request.
   */
  embeddingModel(modelId?: string): EmbeddingModel;
  openai(baseURL: string): OpenAIProvider;
}

type Part = Record<string, unknown> & { type: string };

function abortError(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Parts as a stream that honours `holdAfter` and the call's abort signal. */
function partStream(
  parts: Part[],
  { holdAfter, paced, failAfter, ignoresAbort }: Turn,
  signal: AbortSignal | undefined,
): ReadableStream<Part> {
  let next = 0;
  const emit = (controller: ReadableStreamDefaultController<Part>): Promise<void> | undefined => {
    if (signal?.aborted) {
      controller.error(abortError(signal));
      return undefined;
    }
    if (failAfter !== undefined && next === failAfter) {
      controller.error(new TypeError('terminated: connection reset'));
      return undefined;
    }
    if (holdAfter !== undefined && next === holdAfter) {
      // A stream that never ends unless aborted: what a slow model looks like to the SDK.
      return new Promise<void>((_, reject) => {
        if (ignoresAbort) return;
        signal?.addEventListener('abort', () => reject(abortError(signal)), { once: true });
      });
    }
    const part = parts[next++];
    if (part) controller.enqueue(part);
    else controller.close();
    return undefined;
  };
  return new ReadableStream<Part>({
    pull(controller) {
      if (!paced) return emit(controller);
      return new Promise((resolve) => setImmediate(resolve)).then(() => emit(controller));
    },
  });
}

function contentOf(turn: Turn): Part[] {
  const content: Part[] = [];
  const text = turn.text ?? (turn.toolCalls ? undefined : 'done');
  if (text !== undefined) content.push({ type: 'text', text });
  for (const call of turn.toolCalls ?? []) {
    content.push({
      type: 'tool-call',
      toolCallId: call.id,
      toolName: call.name,
      input: JSON.stringify(call.input),
    });
  }
  return content;
}

function streamPartsOf(turn: Turn, modelId: string, n: number, finish: Part): Part[] {
  const parts: Part[] = [
    { type: 'stream-start', warnings: [] },
    { type: 'response-metadata', id: `resp-${n}`, modelId, timestamp: new Date(0) },
  ];
  for (const part of contentOf(turn)) {
    if (part.type === 'text') {
      parts.push({ type: 'text-start', id: `text-${n}` });
      for (const word of (part.text as string).split(/(?<= )/)) {
        parts.push({ type: 'text-delta', id: `text-${n}`, delta: word });
      }
      parts.push({ type: 'text-end', id: `text-${n}` });
    } else {
      parts.push(part);
    }
  }
  parts.push(finish);
  return parts;
}

/** The per-major encodings of a turn's finish reason and usage. */
interface Encoding {
  finishReason(turn: Turn): unknown;
  usage(turn: Turn): unknown;
}

const V3: Encoding = {
  finishReason: (turn) =>
    turn.toolCalls
      ? { unified: 'tool-calls', raw: 'tool_calls' }
      : { unified: 'stop', raw: 'stop' },
  usage: ({ usage = { input: 10, output: 5 } }) => ({
    inputTokens: { total: usage.input, noCache: usage.input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: usage.output, text: usage.output, reasoning: 0 },
  }),
};

const V2: Encoding = {
  finishReason: (turn) => (turn.toolCalls ? 'tool-calls' : 'stop'),
  usage: ({ usage = { input: 10, output: 5 } }) => ({
    inputTokens: usage.input,
    outputTokens: usage.output,
    totalTokens: usage.input + usage.output,
  }),
};

/** The doGenerate/doStream implementations of a scripted model. */
function script(turns: Turn[], modelId: string, encoding: Encoding) {
  let calls = 0;
  const nextTurn = () => {
    const n = calls++;
    return { n, turn: turns[n] ?? { text: 'done' } };
  };
  return {
    doGenerate: async () => {
      const { n, turn } = nextTurn();
      return {
        content: contentOf(turn),
        finishReason: encoding.finishReason(turn),
        usage: encoding.usage(turn),
        warnings: [],
        response: { id: `resp-${n}`, modelId, timestamp: new Date(0) },
      };
    },
    doStream: async ({ abortSignal }: { abortSignal?: AbortSignal }) => {
      const { n, turn } = nextTurn();
      const finish = {
        type: 'finish',
        finishReason: encoding.finishReason(turn),
        usage: encoding.usage(turn),
      };
      const parts = streamPartsOf(turn, modelId, n, finish);
      return { stream: partStream(parts, turn, abortSignal) };
    },
  };
}

const doEmbed = async ({ values }: { values: unknown[] }) => ({
  embeddings: values.map((_, i) => [i, 1]),
  usage: { tokens: values.length },
  warnings: [],
});

export const MAJORS: Major[] = [
  {
    name: 'ai 6',
    ai: ai6,
    chatModel: (turns, modelId = 'mock-model') =>
      new MockLanguageModelV3({ modelId, ...(script(turns, modelId, V3) as any) }),
    embeddingModel: (modelId = 'mock-embedding') =>
      new MockEmbeddingModelV3({ modelId, maxEmbeddingsPerCall: 2, doEmbed: doEmbed as any }),
    openai: (baseURL) => {
      const provider = createOpenAI3({ baseURL, apiKey: 'test' });
      return {
        chat: (id) => provider.chat(id),
        responses: (id) => provider(id),
        embedding: (id) => provider.embedding(id),
      };
    },
  },
  {
    name: 'ai 5',
    ai: ai5 as unknown as AiSdk,
    chatModel: (turns, modelId = 'mock-model') =>
      new MockLanguageModelV2({ modelId, ...(script(turns, modelId, V2) as any) }) as any,
    embeddingModel: (modelId = 'mock-embedding') =>
      new MockEmbeddingModelV2({
        modelId,
        maxEmbeddingsPerCall: 2,
        doEmbed: doEmbed as any,
      }) as any,
    openai: (baseURL) => {
      const provider = createOpenAI2({ baseURL, apiKey: 'test' });
      return {
        chat: (id) => provider.chat(id) as any,
        responses: (id) => provider(id) as any,
        embedding: (id) => provider.embedding(id) as any,
      };
    },
  },
];
