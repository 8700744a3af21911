import { describe, expect, it } from 'vitest';
import { MOCK_EMBEDDING_DIMENSIONS, mockEmbedding } from './mock-embedding';
import { useMockOpenAIClients } from './test-clients';

// Both majors run the same assertions.
const { mock, sdks } = useMockOpenAIClients();

describe.each(sdks)('embeddings with %s', (_name, makeClient) => {
  it('answers float vectors when asked for float', async () => {
    const client = makeClient();
    const result = await client.embeddings.create({
      model: 'embed-test',
      input: 'hello world',
      encoding_format: 'float',
    });
    expect(result).toMatchObject({
      object: 'list',
      model: 'embed-test',
      usage: { prompt_tokens: 2, total_tokens: 2 },
    });
    expect(result.data).toEqual([
      { object: 'embedding', index: 0, embedding: mockEmbedding('hello world') },
    ]);
    expect(result.data[0]!.embedding).toHaveLength(MOCK_EMBEDDING_DIMENSIONS);
  });

  it('answers base64 by default, which the SDK decodes to the same numbers', async () => {
    const client = makeClient();
    const result = await client.embeddings.create({
      model: 'embed-test',
      input: ['alpha beta', 'gamma'],
    });
    expect(mock.requests[0]!.body.encoding_format).toBe('base64');
    expect(result.data.map((item) => item.index)).toEqual([0, 1]);
    expect(Array.from(result.data[0]!.embedding)).toEqual(mockEmbedding('alpha beta'));
    expect(Array.from(result.data[1]!.embedding)).toEqual(mockEmbedding('gamma'));
    expect(result.usage.prompt_tokens).toBe(3);
  });

  it('honours dimensions, and a scripted embedding', async () => {
    const client = makeClient();
    const sized = await client.embeddings.create({
      model: 'embed-test',
      input: 'x',
      dimensions: 3,
      encoding_format: 'float',
    });
    expect(sized.data[0]!.embedding).toHaveLength(3);
    mock.enqueue({ embedding: [0.5, -0.25], usage: { input: 42, output: 0 } });
    const scripted = await client.embeddings.create({ model: 'embed-test', input: 'y' });
    expect(Array.from(scripted.data[0]!.embedding)).toEqual([0.5, -0.25]);
    expect(scripted.usage.prompt_tokens).toBe(42);
  });
});

describe('mockEmbedding', () => {
  it('is deterministic, of unit length and differs between texts', () => {
    const a = mockEmbedding('same text');
    expect(mockEmbedding('same text')).toEqual(a);
    expect(mockEmbedding('other text')).not.toEqual(a);
    expect(Math.hypot(...a)).toBeCloseTo(1, 5);
    expect(mockEmbedding('long', { dimensions: 20 })).toHaveLength(20);
  });
});
