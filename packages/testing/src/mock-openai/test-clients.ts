import OpenAI from 'openai';
import OpenAIv5 from 'openai-v5';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { MockOpenAI } from './mock-types';
import { startMockOpenAI } from './start-mock-openai';

/** Test support for this folder's endpoint tests; not exported from the package. */
export interface MockOpenAIClients {
  /** The file's server: started before its first test, reset before each, closed after the last. */
  mock: MockOpenAI;
  /** Both SDK majors against `mock`, for `describe.each`. */
  sdks: Array<[name: string, makeClient: () => OpenAI]>;
}

/**
 * Registers the file's hooks for one shared mock server; call it at the top of a test file.
 * `mock` forwards to the server started in `beforeAll`, so tests read it like a plain variable.
 */
export function useMockOpenAIClients(): MockOpenAIClients {
  let started: MockOpenAI | undefined;
  beforeAll(async () => {
    started = await startMockOpenAI();
  });
  afterAll(() => started?.close());
  beforeEach(() => started?.reset());

  const server = (): MockOpenAI => {
    if (!started) throw new Error('the mock OpenAI server is started in beforeAll');
    return started;
  };
  const mock: MockOpenAI = {
    get baseURL() {
      return server().baseURL;
    },
    get url() {
      return server().url;
    },
    get requests() {
      return server().requests;
    },
    enqueue: (...replies) => server().enqueue(...replies),
    reset: () => server().reset(),
    close: () => server().close(),
  };
  const options = () => ({ baseURL: mock.baseURL, apiKey: 'test', maxRetries: 0 });
  return {
    mock,
    sdks: [
      ['openai 6', () => new OpenAI(options())],
      // v5 is typed as v6 because only its runtime is under test.
      ['openai 5', () => new OpenAIv5(options()) as unknown as OpenAI],
    ],
  };
}
