import { encodeEmbeddingBase64, MOCK_EMBEDDING_DIMENSIONS, mockEmbedding } from './mock-embedding';
import { countMockTokens } from './mock-tokens';
import type { EndpointHandler } from './reply-plan';

const DEFAULT_MODEL = 'text-embedding-3-small';

interface EmbeddingInput {
  text: string;
  tokens: number;
}

// `input` is a string, a list of strings, a token array or a list of token arrays.
function embeddingInputs(input: unknown): EmbeddingInput[] {
  const one = (value: unknown): EmbeddingInput =>
    Array.isArray(value)
      ? { text: value.join(' '), tokens: value.length }
      : { text: String(value ?? ''), tokens: countMockTokens(String(value ?? '')) };
  if (Array.isArray(input) && input.length > 0 && typeof input[0] !== 'number') {
    return input.map(one);
  }
  return [one(input)];
}

/**
 * POST /v1/embeddings: one deterministic vector per input (see `mockEmbedding`), as float arrays
 * or, with `encoding_format: 'base64'` (what the openai SDK sends unless told otherwise), as
 * little-endian float32 base64.
 */
export const embeddings: EndpointHandler = ({ body, reply }) => {
  const inputs = embeddingInputs(body?.input);
  const dimensions =
    Number.isInteger(body?.dimensions) && body.dimensions > 0
      ? body.dimensions
      : MOCK_EMBEDDING_DIMENSIONS;
  const base64 = body?.encoding_format === 'base64';
  const data = inputs.map((input, index) => {
    const vector = reply.embedding ?? mockEmbedding(input.text, { dimensions });
    return {
      object: 'embedding',
      index,
      embedding: base64 ? encodeEmbeddingBase64(vector) : vector,
    };
  });
  const promptTokens = reply.usage?.input ?? inputs.reduce((sum, input) => sum + input.tokens, 0);
  return {
    kind: 'json',
    status: 200,
    body: {
      object: 'list',
      data,
      model: reply.model ?? (typeof body?.model === 'string' ? body.model : DEFAULT_MODEL),
      usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
    },
  };
};
