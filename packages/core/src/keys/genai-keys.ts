/**
 * Keys that adapter spans carry (docs/contract.md#adapter-spans): OpenTelemetry GenAI semantic conventions and the
 * Langfuse observation keys.
 */
export const GEN_AI_ATTRIBUTES = {
  /** `chat`, `text_completion`, `embeddings`, `execute_tool`, `invoke_agent`, or a Threadline value. */
  OPERATION_NAME: 'gen_ai.operation.name',
  /** e.g. `openai`. */
  PROVIDER_NAME: 'gen_ai.provider.name',
  /** The conversation id; Threadline writes the session id here on model calls. */
  CONVERSATION_ID: 'gen_ai.conversation.id',
  /** Model the request asked for. */
  REQUEST_MODEL: 'gen_ai.request.model',
  /** Sampling temperature of the request. */
  REQUEST_TEMPERATURE: 'gen_ai.request.temperature',
  /** Nucleus sampling of the request. */
  REQUEST_TOP_P: 'gen_ai.request.top_p',
  /** Output token limit of the request. */
  REQUEST_MAX_TOKENS: 'gen_ai.request.max_tokens',
  /** Frequency penalty of the request. */
  REQUEST_FREQUENCY_PENALTY: 'gen_ai.request.frequency_penalty',
  /** Presence penalty of the request. */
  REQUEST_PRESENCE_PENALTY: 'gen_ai.request.presence_penalty',
  /** Stop sequences of the request. */
  REQUEST_STOP_SEQUENCES: 'gen_ai.request.stop_sequences',
  /** Seed of the request. */
  REQUEST_SEED: 'gen_ai.request.seed',
  /** Number of choices asked for. */
  REQUEST_CHOICE_COUNT: 'gen_ai.request.choice.count',
  /** Embedding dimensions asked for. */
  REQUEST_ENCODING_FORMATS: 'gen_ai.request.encoding_formats',
  /** Model that answered. */
  RESPONSE_MODEL: 'gen_ai.response.model',
  /** Id of the response. */
  RESPONSE_ID: 'gen_ai.response.id',
  /** Finish reason of each choice. */
  RESPONSE_FINISH_REASONS: 'gen_ai.response.finish_reasons',
  /** Input (prompt) tokens. */
  USAGE_INPUT_TOKENS: 'gen_ai.usage.input_tokens',
  /** Output (completion) tokens. */
  USAGE_OUTPUT_TOKENS: 'gen_ai.usage.output_tokens',
  /** Input tokens read from the provider's prompt cache. */
  USAGE_CACHE_READ_INPUT_TOKENS: 'gen_ai.usage.cache_read.input_tokens',
  /** Output tokens spent on reasoning. */
  USAGE_REASONING_OUTPUT_TOKENS: 'gen_ai.usage.reasoning.output_tokens',
  /** Name of the tool being executed. */
  TOOL_NAME: 'gen_ai.tool.name',
  /** Id of the tool call. */
  TOOL_CALL_ID: 'gen_ai.tool.call.id',
  /** Name of the agent being invoked. */
  AGENT_NAME: 'gen_ai.agent.name',
} as const;

/** `gen_ai.operation.name` values, including Threadline's own for chains and retrievers. */
export const GEN_AI_OPERATIONS = {
  /** A chat completion call. */
  CHAT: 'chat',
  /** A legacy text completion call. */
  TEXT_COMPLETION: 'text_completion',
  /** An embeddings call. */
  EMBEDDINGS: 'embeddings',
  /** A tool execution. */
  EXECUTE_TOOL: 'execute_tool',
  /** An agent run. */
  INVOKE_AGENT: 'invoke_agent',
  /** Threadline's value for a chain or graph node (no GenAI convention exists). */
  CHAIN: 'threadline.chain',
  /** Threadline's value for a retriever (no GenAI convention exists). */
  RETRIEVE: 'threadline.retrieve',
} as const;

/** Langfuse observation keys that adapter spans carry. */
export const LANGFUSE_OBSERVATION_ATTRIBUTES = {
  /** `generation`, `embedding`, `tool`, `agent`, `chain`, `retriever`, `span`. */
  TYPE: 'langfuse.observation.type',
  /** Model name as Langfuse shows and prices it. */
  MODEL_NAME: 'langfuse.observation.model.name',
  /** Request parameters as a JSON object string. */
  MODEL_PARAMETERS: 'langfuse.observation.model.parameters',
  /** Token usage as a JSON object string (`input`, `output`, `total`, …). */
  USAGE_DETAILS: 'langfuse.observation.usage_details',
  /** ISO time of the first streamed chunk. */
  COMPLETION_START_TIME: 'langfuse.observation.completion_start_time',
  /** Input as JSON (only when content capture is on). */
  INPUT: 'langfuse.observation.input',
  /** Output as JSON (only when content capture is on). */
  OUTPUT: 'langfuse.observation.output',
  /** Observation level: `DEBUG`, `DEFAULT`, `WARNING`, `ERROR`. */
  LEVEL: 'langfuse.observation.level',
  /** Human-readable status, e.g. the error message. */
  STATUS_MESSAGE: 'langfuse.observation.status_message',
  /** Name of the managed prompt a generation used (links it in Langfuse). */
  PROMPT_NAME: 'langfuse.observation.prompt.name',
  /** Version of that prompt, an integer attribute. */
  PROMPT_VERSION: 'langfuse.observation.prompt.version',
} as const;

/** `langfuse.observation.type` values. */
export type ObservationType =
  | 'generation'
  | 'embedding'
  | 'tool'
  | 'agent'
  | 'chain'
  | 'retriever'
  | 'span';

/** AI SDK telemetry metadata keys that count as explicit (docs/contract.md#framework-values). */
export const AI_SDK_METADATA_ATTRIBUTES = {
  /** `experimental_telemetry.metadata.sessionId`. */
  SESSION_ID: 'ai.telemetry.metadata.sessionId',
  /** `experimental_telemetry.metadata.userId`. */
  USER_ID: 'ai.telemetry.metadata.userId',
  /** `experimental_telemetry.metadata.tags`. */
  TAGS: 'ai.telemetry.metadata.tags',
} as const;
