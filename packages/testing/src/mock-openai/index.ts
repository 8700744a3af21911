export { MOCK_EMBEDDING_DIMENSIONS, mockEmbedding } from './mock-embedding';
export { countMockTokens } from './mock-tokens';
export type {
  MockCompletionReply,
  MockDisconnectReply,
  MockErrorReply,
  MockOpenAI,
  MockOpenAIOptions,
  MockReply,
  MockRequest,
  MockToolCall,
  MockUsage,
} from './mock-types';
export { MOCK_MODEL_IDS } from './models';
export { sampleFromSchema } from './sample-from-schema';
export { startMockOpenAI } from './start-mock-openai';
