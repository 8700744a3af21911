import type { Attributes } from '@opentelemetry/api';
import { GEN_AI_ATTRIBUTES, LANGFUSE_OBSERVATION_ATTRIBUTES } from '../keys/genai-keys';
import { OPENINFERENCE_SPAN_KINDS as K, type OpenInferenceSpanKind } from './openinference-keys';
import { AI_SDK_KEYS } from './source-keys';

type Kinds = Readonly<Record<string, OpenInferenceSpanKind | undefined>>;

/** `gen_ai.operation.name` values, the conventions' and Threadline's own (contract §7). */
const BY_OPERATION: Kinds = {
  __proto__: null,
  chat: K.LLM,
  text_completion: K.LLM,
  generate_content: K.LLM,
  embeddings: K.EMBEDDING,
  execute_tool: K.TOOL,
  invoke_agent: K.AGENT,
  create_agent: K.AGENT,
  // ai 7's step spans (`step N`) and GenAI workflows are orchestration, not agents.
  agent_step: K.CHAIN,
  invoke_workflow: K.CHAIN,
  'threadline.chain': K.CHAIN,
  retrieval: K.RETRIEVER,
  'threadline.retrieve': K.RETRIEVER,
  rerank: K.RERANKER,
} as never;

/** `langfuse.observation.type` values (`span` and `event` name no kind). */
const BY_OBSERVATION_TYPE: Kinds = {
  __proto__: null,
  generation: K.LLM,
  embedding: K.EMBEDDING,
  tool: K.TOOL,
  agent: K.AGENT,
  chain: K.CHAIN,
  retriever: K.RETRIEVER,
  guardrail: K.GUARDRAIL,
  evaluator: K.EVALUATOR,
} as never;

/**
 * The Vercel AI SDK's own spans by operation id. A call (`generateText`, `streamText`,
 * `generateObject`, `streamObject`) is AGENT, as ai 7 itself names it (`invoke_agent`) and as
 * OpenInference's own AI SDK processor shows it: the same call reads alike on ai 6 and ai 7,
 * whether or not it ran tools. Its model calls are LLM and carry the tokens.
 */
const BY_AI_SDK_OPERATION: Kinds = {
  __proto__: null,
  'ai.generateText': K.AGENT,
  'ai.streamText': K.AGENT,
  'ai.generateObject': K.AGENT,
  'ai.streamObject': K.AGENT,
  'ai.generateText.doGenerate': K.LLM,
  'ai.streamText.doStream': K.LLM,
  'ai.generateObject.doGenerate': K.LLM,
  'ai.streamObject.doStream': K.LLM,
  'ai.toolCall': K.TOOL,
  'ai.embed': K.CHAIN,
  'ai.embedMany': K.CHAIN,
  'ai.embed.doEmbed': K.EMBEDDING,
  'ai.embedMany.doEmbed': K.EMBEDDING,
  'ai.rerank': K.CHAIN,
  'ai.rerank.doRerank': K.RERANKER,
} as never;

function lookup(table: Kinds, value: unknown): OpenInferenceSpanKind | undefined {
  return typeof value === 'string' ? table[value] : undefined;
}

/**
 * The OpenInference kind of a span from what it already says about itself: its GenAI operation,
 * its Langfuse observation type, else (the AI SDK's own spans) its AI SDK operation id or name.
 * Undefined for a span that is none of these (an HTTP or database span).
 */
export function deriveSpanKind(
  attributes: Attributes,
  name: string,
): OpenInferenceSpanKind | undefined {
  return (
    lookup(BY_OPERATION, attributes[GEN_AI_ATTRIBUTES.OPERATION_NAME]) ??
    lookup(BY_OBSERVATION_TYPE, attributes[LANGFUSE_OBSERVATION_ATTRIBUTES.TYPE]) ??
    lookup(BY_AI_SDK_OPERATION, attributes[AI_SDK_KEYS.OPERATION_ID]) ??
    lookup(BY_AI_SDK_OPERATION, name)
  );
}
