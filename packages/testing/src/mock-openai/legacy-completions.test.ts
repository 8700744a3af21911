import { describe, expect, it } from 'vitest';
import { useMockOpenAIClients } from './test-clients';

// Both majors run the same assertions.
const { mock, sdks } = useMockOpenAIClients();

describe.each(sdks)('legacy completions with %s', (_name, makeClient) => {
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
