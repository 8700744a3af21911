/**
 * The OpenInference attribute names that ThreadlineSpanProcessor derives under the
 * `openinference` dialect (docs/contract.md#dialects). They are the names of
 * `@arizeai/openinference-semantic-conventions`; a test holds them equal to that package's
 * exports, so core needs no runtime dependency for a few dozen strings.
 */
export const OPENINFERENCE_SPAN_ATTRIBUTES = {
  /** LLM, EMBEDDING, TOOL, AGENT, CHAIN, RETRIEVER, …: what Phoenix shows a span as. */
  SPAN_KIND: 'openinference.span.kind',
  /** The span's input: a question as text, or JSON. */
  INPUT_VALUE: 'input.value',
  /** `text/plain` or `application/json`. */
  INPUT_MIME_TYPE: 'input.mime_type',
  /** The span's output. */
  OUTPUT_VALUE: 'output.value',
  /** `text/plain` or `application/json`. */
  OUTPUT_MIME_TYPE: 'output.mime_type',
  /** The model that answered, else the one asked for. */
  LLM_MODEL_NAME: 'llm.model_name',
  /** Who hosts the model (`openai`, `azure`, `anthropic`, …). */
  LLM_PROVIDER: 'llm.provider',
  /** The model family's maker (`openai`, `anthropic`, …), where OpenInference names it. */
  LLM_SYSTEM: 'llm.system',
  /** Request parameters as one JSON object string. */
  LLM_INVOCATION_PARAMETERS: 'llm.invocation_parameters',
  /** Prefix of the flattened input messages: `llm.input_messages.<i>.message.role`. */
  LLM_INPUT_MESSAGES: 'llm.input_messages',
  /** Prefix of the flattened output messages. */
  LLM_OUTPUT_MESSAGES: 'llm.output_messages',
  /** Input tokens, cached ones included. */
  LLM_TOKEN_COUNT_PROMPT: 'llm.token_count.prompt',
  /** Output tokens, reasoning ones included. */
  LLM_TOKEN_COUNT_COMPLETION: 'llm.token_count.completion',
  /** Input and output tokens. */
  LLM_TOKEN_COUNT_TOTAL: 'llm.token_count.total',
  /** Input tokens read from the provider's prompt cache. */
  LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ: 'llm.token_count.prompt_details.cache_read',
  /** Input tokens written to the provider's prompt cache. */
  LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_WRITE: 'llm.token_count.prompt_details.cache_write',
  /** Output tokens spent on reasoning. */
  LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING: 'llm.token_count.completion_details.reasoning',
  /** A message's role (after `llm.input_messages.<i>.`). */
  MESSAGE_ROLE: 'message.role',
  /** A message's text. */
  MESSAGE_CONTENT: 'message.content',
  /** Prefix of a message's tool calls: `message.tool_calls.<j>.tool_call.id`. */
  MESSAGE_TOOL_CALLS: 'message.tool_calls',
  /** The tool call a `tool` message answers. */
  MESSAGE_TOOL_CALL_ID: 'message.tool_call_id',
  /** A tool call's id (after `message.tool_calls.<j>.`). */
  TOOL_CALL_ID: 'tool_call.id',
  /** The called function's name. */
  TOOL_CALL_FUNCTION_NAME: 'tool_call.function.name',
  /** The call's arguments as a JSON string. */
  TOOL_CALL_FUNCTION_ARGUMENTS_JSON: 'tool_call.function.arguments',
  /** The tool a TOOL span ran. */
  TOOL_NAME: 'tool.name',
  /** What the tool does. */
  TOOL_DESCRIPTION: 'tool.description',
  /** The arguments the tool was called with, as a JSON string. */
  TOOL_PARAMETERS: 'tool.parameters',
  /** The embedding model of an EMBEDDING span. */
  EMBEDDING_MODEL_NAME: 'embedding.model_name',
  /** Prefix of the embedded texts: `embedding.embeddings.<i>.embedding.text`. */
  EMBEDDING_EMBEDDINGS: 'embedding.embeddings',
  /** One embedded text (after `embedding.embeddings.<i>.`). */
  EMBEDDING_TEXT: 'embedding.text',
  /** The agent an AGENT span ran. */
  AGENT_NAME: 'agent.name',
  /** Who manages the prompt a model call used (`langfuse` for a Langfuse prompt link). */
  PROMPT_VENDOR: 'prompt.vendor',
  /** The vendor's id of that prompt (its name, for Langfuse). */
  PROMPT_ID: 'prompt.id',
  /** The prompt's version, as a string. */
  LLM_PROMPT_TEMPLATE_VERSION: 'llm.prompt_template.version',
} as const;

/** `openinference.span.kind` values Threadline derives. */
export const OPENINFERENCE_SPAN_KINDS = {
  LLM: 'LLM',
  EMBEDDING: 'EMBEDDING',
  TOOL: 'TOOL',
  AGENT: 'AGENT',
  CHAIN: 'CHAIN',
  RETRIEVER: 'RETRIEVER',
  RERANKER: 'RERANKER',
  GUARDRAIL: 'GUARDRAIL',
  EVALUATOR: 'EVALUATOR',
} as const;

/** An `openinference.span.kind` value. */
export type OpenInferenceSpanKind =
  (typeof OPENINFERENCE_SPAN_KINDS)[keyof typeof OPENINFERENCE_SPAN_KINDS];

/** `input.mime_type` / `output.mime_type` values. */
export const OPENINFERENCE_MIME_TYPES = {
  TEXT: 'text/plain',
  JSON: 'application/json',
} as const;

/** `llm.provider` values Threadline maps GenAI and AI SDK provider names to. */
export const OPENINFERENCE_PROVIDERS = {
  OPENAI: 'openai',
  ANTHROPIC: 'anthropic',
  MISTRALAI: 'mistralai',
  COHERE: 'cohere',
  GOOGLE: 'google',
  AWS: 'aws',
  AZURE: 'azure',
  XAI: 'xai',
  DEEPSEEK: 'deepseek',
  GROQ: 'groq',
  FIREWORKS: 'fireworks',
  CEREBRAS: 'cerebras',
  PERPLEXITY: 'perplexity',
  TOGETHER: 'together',
  OLLAMA: 'ollama',
} as const;

/** `llm.system` values Threadline maps to (OpenInference names fewer systems than providers). */
export const OPENINFERENCE_SYSTEMS = {
  OPENAI: 'openai',
  ANTHROPIC: 'anthropic',
  MISTRALAI: 'mistralai',
  COHERE: 'cohere',
  VERTEXAI: 'vertexai',
} as const;
