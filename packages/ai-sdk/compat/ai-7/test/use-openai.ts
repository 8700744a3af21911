import { createOpenAI } from '@ai-sdk/openai';
import { type MockOpenAI, type MockOpenAIOptions, startMockOpenAI } from '@threadline/testing';
import type { EmbeddingModel, LanguageModel } from 'ai';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type HeldTransportOptions, heldTransport } from './held-transport';

/** The loopback OpenAI-compatible server of a test file and `@ai-sdk/openai` 4 pointed at it. */
export interface LoopbackOpenAI {
  readonly server: MockOpenAI;
  /** Chat Completions API (`/v1/chat/completions`). */
  chat(modelId?: string): LanguageModel;
  /** Responses API (`/v1/responses`), the provider's default. */
  responses(modelId?: string): LanguageModel;
  /** Embeddings API (`/v1/embeddings`). */
  embedding(modelId?: string): EmbeddingModel;
  /** Chat Completions through a transport that holds the answer (see {@link heldTransport}). */
  heldChat(options: HeldTransportOptions): { model: LanguageModel; held: Promise<void> };
}

/** Starts the server before the file's tests and closes it after them. */
export function useOpenAI(options: MockOpenAIOptions = {}): LoopbackOpenAI {
  let server: MockOpenAI | undefined;
  beforeAll(async () => {
    server = await startMockOpenAI(options);
  });
  afterAll(() => server?.close());
  beforeEach(() => server?.reset());
  const provider = (transport?: typeof fetch) =>
    createOpenAI({ baseURL: server!.baseURL, apiKey: 'test', fetch: transport });
  return {
    get server() {
      return server!;
    },
    chat: (modelId = 'gpt-4o-mini') => provider().chat(modelId),
    responses: (modelId = 'gpt-4o-mini') => provider()(modelId),
    embedding: (modelId = 'text-embedding-3-small') => provider().embedding(modelId),
    heldChat: (options) => {
      const { fetch, held } = heldTransport(options);
      return { model: provider(fetch).chat('gpt-4o-mini'), held };
    },
  };
}
