/**
 * The keys the OpenInference derivation reads: OpenTelemetry GenAI keys beyond the ones adapters
 * import from core (content, tool calls, cache writes), and the Vercel AI SDK's own `ai.*` keys.
 */
export const GEN_AI_CONTENT_KEYS = {
  /** Chat history sent to the model, GenAI JSON: `[{"role","parts":[…]}]`. */
  INPUT_MESSAGES: 'gen_ai.input.messages',
  /** Model output, GenAI JSON, with `finish_reason` per message. */
  OUTPUT_MESSAGES: 'gen_ai.output.messages',
  /** System prompt as a JSON array of parts. */
  SYSTEM_INSTRUCTIONS: 'gen_ai.system_instructions',
  /** Arguments of a tool call (JSON string). */
  TOOL_CALL_ARGUMENTS: 'gen_ai.tool.call.arguments',
  /** Result of a tool call. */
  TOOL_CALL_RESULT: 'gen_ai.tool.call.result',
  /** Description of the tool. */
  TOOL_DESCRIPTION: 'gen_ai.tool.description',
  /** Input tokens written to the provider's prompt cache. */
  USAGE_CACHE_CREATION_INPUT_TOKENS: 'gen_ai.usage.cache_creation.input_tokens',
  /** Top-k sampling of the request. */
  REQUEST_TOP_K: 'gen_ai.request.top_k',
  /** Whether the response was streamed. */
  REQUEST_STREAM: 'gen_ai.request.stream',
  /** The provider under its deprecated name (the AI SDK 6 writes it). */
  SYSTEM: 'gen_ai.system',
} as const;

/** Keys the Vercel AI SDK writes on its own spans (ai 5 to 7, and ai 7's legacy integration). */
export const AI_SDK_KEYS = {
  /** `ai.generateText`, `ai.generateText.doGenerate`, `ai.toolCall`, …: the span's operation. */
  OPERATION_ID: 'ai.operationId',
  /** The `functionId` the application named the call with. */
  TELEMETRY_FUNCTION_ID: 'ai.telemetry.functionId',
  /** `openai.chat`, `anthropic.messages`, …. */
  MODEL_PROVIDER: 'ai.model.provider',
  /** The model asked for. */
  MODEL_ID: 'ai.model.id',
  /** The model that answered. */
  RESPONSE_MODEL: 'ai.response.model',
  /** The call's prompt: JSON `{system, prompt, messages}`. */
  PROMPT: 'ai.prompt',
  /** The messages one model call was sent (JSON, the provider-level prompt). */
  PROMPT_MESSAGES: 'ai.prompt.messages',
  /** Generated text. */
  RESPONSE_TEXT: 'ai.response.text',
  /** Generated tool calls: JSON `[{toolCallId, toolName, input}]`. */
  RESPONSE_TOOL_CALLS: 'ai.response.toolCalls',
  /** Generated object (generateObject / streamObject), JSON. */
  RESPONSE_OBJECT: 'ai.response.object',
  /** Name of the executed tool. */
  TOOL_CALL_NAME: 'ai.toolCall.name',
  /** Id of the executed tool call. */
  TOOL_CALL_ID: 'ai.toolCall.id',
  /** Arguments of the executed tool call (JSON). */
  TOOL_CALL_ARGS: 'ai.toolCall.args',
  /** Result of the executed tool call (JSON). */
  TOOL_CALL_RESULT: 'ai.toolCall.result',
  /** The value embedded by `embed` (JSON). */
  VALUE: 'ai.value',
  /** The values embedded by `embedMany` (an array of JSON strings). */
  VALUES: 'ai.values',
  /** Input tokens (ai 5+). */
  USAGE_INPUT_TOKENS: 'ai.usage.inputTokens',
  /** Output tokens (ai 5+). */
  USAGE_OUTPUT_TOKENS: 'ai.usage.outputTokens',
  /** Input and output tokens. */
  USAGE_TOTAL_TOKENS: 'ai.usage.totalTokens',
  /** Input tokens (ai 4). */
  USAGE_PROMPT_TOKENS: 'ai.usage.promptTokens',
  /** Output tokens (ai 4). */
  USAGE_COMPLETION_TOKENS: 'ai.usage.completionTokens',
  /** Embedding tokens. */
  USAGE_TOKENS: 'ai.usage.tokens',
  /** Input tokens read from the prompt cache (ai 6+). */
  USAGE_CACHE_READ_TOKENS: 'ai.usage.inputTokenDetails.cacheReadTokens',
  /** Input tokens read from the prompt cache (ai 5). */
  USAGE_CACHED_INPUT_TOKENS: 'ai.usage.cachedInputTokens',
  /** Input tokens written to the prompt cache (ai 6+). */
  USAGE_CACHE_WRITE_TOKENS: 'ai.usage.inputTokenDetails.cacheWriteTokens',
  /** Reasoning tokens (ai 6+). */
  USAGE_OUTPUT_REASONING_TOKENS: 'ai.usage.outputTokenDetails.reasoningTokens',
  /** Reasoning tokens (ai 5). */
  USAGE_REASONING_TOKENS: 'ai.usage.reasoningTokens',
} as const;
