/*
 * The attribute keys the Langfuse server reads on OTLP ingestion, in the order it reads them
 * (docs/contract.md#backends: first truthy value wins). Kept apart from the logic so a reviewer can hold them
 * against the contract (docs/contract.md#backends) line by line.
 */

/** docs/contract.md#backends session. */
export const SESSION_KEYS = [
  'langfuse.session.id',
  'session.id',
  'gen_ai.conversation.id',
  'langfuse.observation.metadata.langfuse_session_id',
  'langfuse.trace.metadata.langfuse_session_id',
  'ai.telemetry.metadata.sessionId',
] as const;

/** docs/contract.md#backends user. */
export const USER_KEYS = [
  'langfuse.user.id',
  'user.id',
  'langfuse.observation.metadata.langfuse_user_id',
  'langfuse.trace.metadata.langfuse_user_id',
  'ai.telemetry.metadata.userId',
] as const;

/** docs/contract.md#backends tags (`…metadata.langfuse_tags` read as the observation key, then the trace key). */
export const TAGS_KEYS = [
  'langfuse.trace.tags',
  'langfuse.tags',
  'langfuse.observation.metadata.langfuse_tags',
  'langfuse.trace.metadata.langfuse_tags',
  'ai.telemetry.metadata.tags',
  'tag.tags',
] as const;

/** docs/contract.md#backends trace name (else the root span's name). */
export const TRACE_NAME_KEYS = ['langfuse.trace.name'] as const;
/** docs/contract.md#backends version (else resource `service.version`). */
export const VERSION_KEYS = ['langfuse.version'] as const;
export const RESOURCE_VERSION_KEYS = ['service.version'] as const;
/** docs/contract.md#backends release (span, then resource). */
export const RELEASE_KEYS = ['langfuse.release'] as const;
/** docs/contract.md#backends environment (span, then resource, else `default`). */
export const ENVIRONMENT_KEYS = [
  'langfuse.environment',
  'deployment.environment.name',
  'deployment.environment',
] as const;
export const DEFAULT_ENVIRONMENT = 'default';

/** docs/contract.md#backends metadata prefixes, in the order a key present under several of them is taken. */
export const METADATA_PREFIXES = [
  'langfuse.trace.metadata.',
  'langfuse.observation.metadata.',
  'langfuse.metadata.',
  'ai.telemetry.metadata.',
] as const;

/** Metadata keys that feed session, user, tags or prompt linking rather than metadata. */
export const NON_METADATA_KEYS: ReadonlySet<string> = new Set([
  'langfuse_session_id',
  'langfuse_user_id',
  'langfuse_tags',
  'langfuse_prompt',
  'sessionId',
  'userId',
  'tags',
  'langfusePrompt',
]);

/** docs/contract.md#backends observation type, step 1. */
export const OBSERVATION_TYPE_KEY = 'langfuse.observation.type';

/** Step 2: `openinference.span.kind` values. */
export const OPENINFERENCE_KIND_TYPES: Readonly<Record<string, string>> = {
  LLM: 'generation',
  EMBEDDING: 'embedding',
  TOOL: 'tool',
  AGENT: 'agent',
  CHAIN: 'chain',
  RETRIEVER: 'retriever',
};

/** Step 3: `gen_ai.operation.name` values. */
export const GEN_AI_OPERATION_TYPES: Readonly<Record<string, string>> = {
  chat: 'generation',
  text_completion: 'generation',
  generate_content: 'generation',
  embeddings: 'embedding',
  execute_tool: 'tool',
  invoke_agent: 'agent',
  create_agent: 'agent',
};

/** Step 4: AI SDK span names. */
export const AI_SDK_SPAN_TYPES: Readonly<Record<string, string>> = {
  'ai.generateText.doGenerate': 'generation',
  'ai.streamText.doStream': 'generation',
  'ai.generateObject.doGenerate': 'generation',
  'ai.streamObject.doStream': 'generation',
  'ai.embed.doEmbed': 'embedding',
  'ai.embedMany.doEmbed': 'embedding',
  'ai.toolCall': 'tool',
};

/** docs/contract.md#backends model. */
export const MODEL_KEYS = [
  'langfuse.observation.model.name',
  'gen_ai.response.model',
  'ai.model.id',
  'gen_ai.request.model',
  'llm.model_name',
] as const;

/** docs/contract.md#backends usage, step 1: a JSON object of counts. */
export const USAGE_DETAILS_KEY = 'langfuse.observation.usage_details';

/**
 * docs/contract.md#backends usage, steps 2–4: each family maps attribute keys to usage keys; the first family
 * with any count is taken whole. Within a family the first key present fills a usage key.
 */
export const USAGE_FAMILIES: ReadonlyArray<
  ReadonlyArray<readonly [attribute: string, usage: string]>
> = [
  [
    ['gen_ai.usage.input_tokens', 'input'],
    ['gen_ai.usage.prompt_tokens', 'input'],
    ['gen_ai.usage.output_tokens', 'output'],
    ['gen_ai.usage.completion_tokens', 'output'],
    ['gen_ai.usage.total_tokens', 'total'],
    ['gen_ai.usage.cache_read.input_tokens', 'cache_read_input_tokens'],
    ['gen_ai.usage.reasoning.output_tokens', 'reasoning_output_tokens'],
  ],
  [
    ['ai.usage.promptTokens', 'input'],
    ['ai.usage.inputTokens', 'input'],
    ['ai.usage.completionTokens', 'output'],
    ['ai.usage.outputTokens', 'output'],
    ['ai.usage.totalTokens', 'total'],
  ],
  [
    ['llm.token_count.prompt', 'input'],
    ['llm.token_count.completion', 'output'],
    ['llm.token_count.total', 'total'],
  ],
];

/** Langfuse observation keys read as they are. */
export const LEVEL_KEY = 'langfuse.observation.level';
export const STATUS_MESSAGE_KEY = 'langfuse.observation.status_message';
export const COMPLETION_START_TIME_KEY = 'langfuse.observation.completion_start_time';

/** Input, most specific first: Langfuse's own key, GenAI, AI SDK, OpenInference. */
export const INPUT_KEYS = [
  'langfuse.observation.input',
  'gen_ai.input.messages',
  'gen_ai.prompt',
  'ai.prompt.messages',
  'ai.prompt',
  'input.value',
] as const;

/** Output, in the same order. */
export const OUTPUT_KEYS = [
  'langfuse.observation.output',
  'gen_ai.output.messages',
  'gen_ai.completion',
  'ai.response.text',
  'ai.response.object',
  'output.value',
] as const;
