/**
 * Keys this adapter writes beside the GenAI and Langfuse keys of `@threadline/core`.
 */
export const OPENAI_SPAN_ATTRIBUTES = {
  /** OpenTelemetry `error.type`: the HTTP status, or the error's class name. */
  ERROR_TYPE: 'error.type',
  /** Host of the client's `baseURL`. */
  SERVER_ADDRESS: 'server.address',
  /** Port of the client's `baseURL`. */
  SERVER_PORT: 'server.port',
  /** `dimensions` of an embeddings request. */
  EMBEDDINGS_DIMENSION_COUNT: 'gen_ai.embeddings.dimension.count',
  /** Service tier that answered (OpenAI-specific GenAI key). */
  RESPONSE_SERVICE_TIER: 'openai.response.service_tier',
  /** System fingerprint of the answer (OpenAI-specific GenAI key). */
  RESPONSE_SYSTEM_FINGERPRINT: 'openai.response.system_fingerprint',
  /** Which OpenAI API the call went to: `chat_completions`, `responses`, `completions`, `embeddings`. */
  API_TYPE: 'openai.api.type',
  /** Service tier the request asked for, when not `auto`. */
  REQUEST_SERVICE_TIER: 'openai.request.service_tier',
  /** `true` on a streamed request (absent otherwise, as the GenAI conventions say). */
  REQUEST_STREAM: 'gen_ai.request.stream',
  /** Output the request asked for: `text` or `json` (from `response_format` / `text.format`). */
  OUTPUT_TYPE: 'gen_ai.output.type',
  /** Seconds from the request to the first streamed item. */
  RESPONSE_TIME_TO_FIRST_CHUNK: 'gen_ai.response.time_to_first_chunk',
  /** Input tokens written to the provider's prompt cache (`cache_write_tokens`). */
  USAGE_CACHE_CREATION_INPUT_TOKENS: 'gen_ai.usage.cache_creation.input_tokens',
  /**
   * The messages sent to the model, as the GenAI conventions' JSON
   * (`[{"role":"user","parts":[{"type":"text","content":"…"}]}]`). Only with content capture.
   */
  INPUT_MESSAGES: 'gen_ai.input.messages',
  /** One message per choice, with its `finish_reason`. Only with content capture. */
  OUTPUT_MESSAGES: 'gen_ai.output.messages',
  /** The Responses API's `instructions`, as a list of parts. Only with content capture. */
  SYSTEM_INSTRUCTIONS: 'gen_ai.system_instructions',
  /** The request's `tools` (`type`, `name`, `description`, `parameters`). Only with content capture. */
  TOOL_DEFINITIONS: 'gen_ai.tool.definitions',
} as const;
