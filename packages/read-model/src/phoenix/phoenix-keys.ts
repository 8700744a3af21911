/**
 * The OpenInference attribute names Phoenix reads (contract §8, Phoenix). Kept as plain strings
 * so the package has no run-time dependency; `phoenix-keys.test.ts` checks them against
 * `@arizeai/openinference-semantic-conventions`.
 */
export const OI = {
  spanKind: 'openinference.span.kind',
  sessionId: 'session.id',
  userId: 'user.id',
  tags: 'tag.tags',
  metadata: 'metadata',
  inputValue: 'input.value',
  inputMimeType: 'input.mime_type',
  outputValue: 'output.value',
  outputMimeType: 'output.mime_type',
  modelName: 'llm.model_name',
  provider: 'llm.provider',
  system: 'llm.system',
  invocationParameters: 'llm.invocation_parameters',
  finishReason: 'llm.finish_reason',
  tokenPrompt: 'llm.token_count.prompt',
  tokenCompletion: 'llm.token_count.completion',
  tokenTotal: 'llm.token_count.total',
  tokenCacheRead: 'llm.token_count.prompt_details.cache_read',
  tokenCacheWrite: 'llm.token_count.prompt_details.cache_write',
  tokenReasoning: 'llm.token_count.completion_details.reasoning',
  inputMessages: 'llm.input_messages',
  outputMessages: 'llm.output_messages',
  toolName: 'tool.name',
  toolDescription: 'tool.description',
  toolId: 'tool.id',
  toolParameters: 'tool.parameters',
  embeddingModelName: 'embedding.model_name',
  embeddingInvocationParameters: 'embedding.invocation_parameters',
} as const;

/** Keys inside one flattened message, below `llm.input_messages.<i>.`. */
export const OI_MESSAGE = {
  role: 'message.role',
  content: 'message.content',
  contents: 'message.contents',
  name: 'message.name',
  toolCallId: 'message.tool_call_id',
  toolCalls: 'message.tool_calls',
  /** Not in the conventions package; Phoenix's GenAI conversion writes it on output messages. */
  finishReason: 'message.finish_reason',
} as const;

/** Keys inside one message content part, below `message.contents.<k>.`. */
export const OI_CONTENT = {
  type: 'message_content.type',
  text: 'message_content.text',
  imageUrl: 'message_content.image.image.url',
} as const;

/** Keys inside one tool call, below `message.tool_calls.<j>.`. */
export const OI_TOOL_CALL = {
  id: 'tool_call.id',
  name: 'tool_call.function.name',
  arguments: 'tool_call.function.arguments',
} as const;

/** The OTel GenAI keys Phoenix converts from 15.10 on. */
export const GEN_AI = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  system: 'gen_ai.system',
  conversationId: 'gen_ai.conversation.id',
  requestModel: 'gen_ai.request.model',
  responseModel: 'gen_ai.response.model',
  responseId: 'gen_ai.response.id',
  finishReasons: 'gen_ai.response.finish_reasons',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  cacheReadTokens: 'gen_ai.usage.cache_read.input_tokens',
  cacheCreationTokens: 'gen_ai.usage.cache_creation.input_tokens',
  inputMessages: 'gen_ai.input.messages',
  outputMessages: 'gen_ai.output.messages',
  systemInstructions: 'gen_ai.system_instructions',
  toolName: 'gen_ai.tool.name',
  toolDescription: 'gen_ai.tool.description',
  toolCallId: 'gen_ai.tool.call.id',
  toolCallArguments: 'gen_ai.tool.call.arguments',
  toolCallResult: 'gen_ai.tool.call.result',
  retrievalQueryText: 'gen_ai.retrieval.query.text',
  retrievalDocuments: 'gen_ai.retrieval.documents',
  embeddingsDimensionCount: 'gen_ai.embeddings.dimension.count',
  stopSequences: 'gen_ai.request.stop_sequences',
  encodingFormats: 'gen_ai.request.encoding_formats',
  outputType: 'gen_ai.output.type',
} as const;

/** GenAI request keys that become `llm.invocation_parameters` entries, in Phoenix's order. */
export const GEN_AI_REQUEST_PARAMETERS: ReadonlyArray<readonly [string, string]> = [
  ['gen_ai.request.temperature', 'temperature'],
  ['gen_ai.request.top_p', 'top_p'],
  ['gen_ai.request.top_k', 'top_k'],
  ['gen_ai.request.max_tokens', 'max_tokens'],
  ['gen_ai.request.frequency_penalty', 'frequency_penalty'],
  ['gen_ai.request.presence_penalty', 'presence_penalty'],
  ['gen_ai.request.seed', 'seed'],
  ['gen_ai.request.stream', 'stream'],
  ['gen_ai.request.choice.count', 'n'],
];

/**
 * `gen_ai.provider.name` to OpenInference `[llm.provider, llm.system]`; a name not listed gives
 * no provider and itself as the system.
 */
export const GEN_AI_PROVIDERS: Readonly<Record<string, readonly [string?, string?]>> = {
  openai: ['openai', 'openai'],
  anthropic: ['anthropic', 'anthropic'],
  cohere: ['cohere', 'cohere'],
  mistral_ai: ['mistralai', 'mistralai'],
  deepseek: ['deepseek'],
  groq: ['groq'],
  perplexity: ['perplexity'],
  x_ai: ['xai'],
  'azure.ai.openai': ['azure', 'openai'],
  'azure.ai.inference': ['azure'],
  'aws.bedrock': ['aws'],
  'gcp.vertex_ai': ['google', 'vertexai'],
  'gcp.gen_ai': ['google'],
  'gcp.gemini': ['google'],
};

/** `gen_ai.operation.name` to the OpenInference span kind Phoenix infers. */
export const GEN_AI_OPERATION_KINDS: Readonly<Record<string, string>> = {
  chat: 'LLM',
  text_completion: 'LLM',
  generate_content: 'LLM',
  embeddings: 'EMBEDDING',
  execute_tool: 'TOOL',
  retrieval: 'RETRIEVER',
  invoke_agent: 'AGENT',
  create_agent: 'AGENT',
};
