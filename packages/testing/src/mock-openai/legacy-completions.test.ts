import OpenAI from 'openai';
import OpenAIv5 from 'openai-v5';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockOpenAI } from './mock-types';
import { startMockOpenAI } from './start-mock-openai';

let mock: MockOpenAI;
beforeAll(async () => {
  mock = await startMockOpenAI();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

// Both majors run the same assertions; v5 is typed as v6 because only its runtime is under test.
const SDKS: Array<[string, () => OpenAI]> = [
  ['openai 6', () => new OpenAI({ baseURL: mock.baseURL, apiKey: 'test', maxRetries: 0 })],
  [
    'openai 5',
    () =>
      new OpenAIv5({ baseURL: mock.baseURL, apiKey: 'test', maxRetries: 0 }) as unknown as OpenAI,
  ],
];

describe.each(SDKS)('legacy completions with %s', (_name, makeClient) => {
  it('answers a text_completion', async () => {
    const client = makeClient();
    const completion = await client.completions.create({
      model: 'instruct-test',
      prompt: 'say this is a test',
    });
    expect(completion).toMatchObject({
      id: expect.stringMatching(/^cmpl-/),
      object: 'text_completion',
      model: 'instruct-test',
      choices: [
        { text: 'Echo: say this is a test', index: 0, logprobs: null, finish_reason: 'stop' },
      ],
      usage: { prompt_tokens: 5, completion_tokens: 6, total_tokens: 11 },
    });
  });

  it('streams text chunks, a finish chunk and a usage chunk', async () => {
    mock.enqueue({ content: 'one two three', finishReason: 'length' });
    const client = makeClient();
    const stream = await client.completions.create({
      model: 'instruct-test',
      prompt: 'count',
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const texts = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.text));
    expect(texts).toEqual(['one', ' two', ' three', '']);
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('length');
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 1, completion_tokens: 3, total_tokens: 4 },
    });
  });
});
