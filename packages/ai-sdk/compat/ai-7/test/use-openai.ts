import { createOpenAI } from '@ai-sdk/openai';
import { type MockOpenAI, type MockOpenAIOptions, startMockOpenAI } from '@threadline/testing';
import type { LanguageModel } from 'ai';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** The loopback OpenAI-compatible server of a test file and `@ai-sdk/openai` 4 pointed at it. */
export interface LoopbackOpenAI {
  readonly server: MockOpenAI;
  /** Chat Completions API (`/v1/chat/completions`). */
  chat(modelId?: string): LanguageModel;
  /** Responses API (`/v1/responses`), the provider's default. */
  responses(modelId?: string): LanguageModel;
  /**
   * Chat Completions through a transport that has the whole answer before the AI SDK reads a
   * byte of it, as behind a buffering proxy: the model's stream is complete, so an abort can no
   * longer fail it.
   */
  bufferedChat(modelId?: string): LanguageModel;
}

/** Starts the server before the file's tests and closes it after them. */
export function useOpenAI(options: MockOpenAIOptions = {}): LoopbackOpenAI {
  let server: MockOpenAI | undefined;
  beforeAll(async () => {
    server = await startMockOpenAI(options);
  });
  afterAll(() => server?.close());
  beforeEach(() => server?.reset());
  const provider = (buffered: boolean) =>
    createOpenAI({
      baseURL: server!.baseURL,
      apiKey: 'test',
      fetch: buffered
        ? async (input, init) => {
            const response = await fetch(input, init);
            return new Response(await response.arrayBuffer(), response);
          }
        : undefined,
    });
  return {
    get server() {
      return server!;
    },
    chat: (modelId = 'gpt-4o-mini') => provider(false).chat(modelId),
    responses: (modelId = 'gpt-4o-mini') => provider(false)(modelId),
    bufferedChat: (modelId = 'gpt-4o-mini') => provider(true).chat(modelId),
  };
}
