/**
 * OpenTelemetry GenAI keys this adapter writes beside the ones `@threadline/core/adapter`
 * names in `GEN_AI_ATTRIBUTES` (semantic conventions v1.41, where the content keys and their
 * JSON structure are defined).
 */
export const GEN_AI_EXTRA_ATTRIBUTES = {
  /** The chat history sent to the model, as GenAI input messages (JSON). */
  INPUT_MESSAGES: 'gen_ai.input.messages',
  /** What the model answered, one GenAI output message per choice (JSON). */
  OUTPUT_MESSAGES: 'gen_ai.output.messages',
  /** The system messages, as a JSON array of parts. */
  SYSTEM_INSTRUCTIONS: 'gen_ai.system_instructions',
  /** The tools bound to the model call (JSON). */
  TOOL_DEFINITIONS: 'gen_ai.tool.definitions',
  /** What a tool was called with. */
  TOOL_CALL_ARGUMENTS: 'gen_ai.tool.call.arguments',
  /** What a tool returned. */
  TOOL_CALL_RESULT: 'gen_ai.tool.call.result',
  /** `function` for every LangChain tool: the application runs it, not the provider. */
  TOOL_TYPE: 'gen_ai.tool.type',
  /** Top-k sampling of the request. */
  REQUEST_TOP_K: 'gen_ai.request.top_k',
  /** Input tokens written to the provider's prompt cache. */
  USAGE_CACHE_CREATION_INPUT_TOKENS: 'gen_ai.usage.cache_creation.input_tokens',
} as const;
