import type { Span } from '@opentelemetry/api';
import {
  GEN_AI_ATTRIBUTES,
  LANGFUSE_OBSERVATION_ATTRIBUTES,
  toBoundedJson,
  toContentAttribute,
  USAGE_DETAIL_KEYS,
} from '@threadline/core/adapter';
import { toPlain } from '../content/to-plain';
import { GEN_AI_EXTRA_ATTRIBUTES } from '../gen-ai-keys';
import { finishReasonOf } from './finish-reason';
import { toOutputMessages } from './output-messages';

type Bag = Record<string, any> | undefined;

const LANGCHAIN_MESSAGE_ID = /^(?:run-|lc_run-)/;

/** Token counts of one model call. */
export interface TokenUsage {
  input?: number;
  output?: number;
  total?: number;
  cacheRead?: number;
  cacheCreation?: number;
  reasoning?: number;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** A detail count; providers report 0 for "none", which is left out like a missing one. */
function detail(value: unknown): number | undefined {
  const n = count(value);
  return n === 0 ? undefined : n;
}

/**
 * Usage of a model call: the message's `usage_metadata` (LangChain's provider-neutral shape:
 * `input_tokens`, `output_tokens`, `input_token_details.cache_read` and `.cache_creation`,
 * `output_token_details.reasoning`), else the integration's `llmOutput.tokenUsage`
 * (`promptTokens`, `completionTokens`, `totalTokens`).
 */
export function readTokenUsage(output: Bag): TokenUsage | undefined {
  const generations: unknown = output?.generations;
  if (Array.isArray(generations)) {
    for (const group of generations) {
      if (!Array.isArray(group)) continue;
      for (const generation of group) {
        const usage = generation?.message?.usage_metadata as Bag;
        if (!usage) continue;
        const found: TokenUsage = {
          input: count(usage.input_tokens),
          output: count(usage.output_tokens),
          total: count(usage.total_tokens),
          cacheRead: detail(usage.input_token_details?.cache_read),
          cacheCreation: detail(usage.input_token_details?.cache_creation),
          reasoning: detail(usage.output_token_details?.reasoning),
        };
        if (found.input !== undefined || found.output !== undefined) return found;
      }
    }
  }
  const llmOutput = output?.llmOutput as Bag;
  const tokenUsage = (llmOutput?.tokenUsage ?? llmOutput?.estimatedTokenUsage) as Bag;
  if (tokenUsage) {
    const found: TokenUsage = {
      input: count(tokenUsage.promptTokens ?? tokenUsage.prompt_tokens),
      output: count(tokenUsage.completionTokens ?? tokenUsage.completion_tokens),
      total: count(tokenUsage.totalTokens ?? tokenUsage.total_tokens),
    };
    if (found.input !== undefined || found.output !== undefined) return found;
  }
  return undefined;
}

/**
 * `langfuse.observation.usage_details`, under core's `USAGE_DETAIL_KEYS` (the names
 * `@threadline/openai` writes). Langfuse adds up every usage type whose name contains `input`
 * (or `output`), so the cached and reasoning parts are split off rather than counted twice:
 * `input` + `input_cached_tokens` + `input_cache_creation_tokens` = all input tokens.
 */
export function usageDetails(usage: TokenUsage): Record<string, number> {
  const details: Record<string, number> = {};
  const cached = (usage.cacheRead ?? 0) + (usage.cacheCreation ?? 0);
  if (usage.input !== undefined)
    details[USAGE_DETAIL_KEYS.INPUT] = Math.max(usage.input - cached, 0);
  if (usage.cacheRead !== undefined) details[USAGE_DETAIL_KEYS.INPUT_CACHED] = usage.cacheRead;
  if (usage.cacheCreation !== undefined) {
    details[USAGE_DETAIL_KEYS.INPUT_CACHE_CREATION] = usage.cacheCreation;
  }
  if (usage.output !== undefined) {
    details[USAGE_DETAIL_KEYS.OUTPUT] = Math.max(usage.output - (usage.reasoning ?? 0), 0);
  }
  if (usage.reasoning !== undefined) details[USAGE_DETAIL_KEYS.OUTPUT_REASONING] = usage.reasoning;
  details[USAGE_DETAIL_KEYS.TOTAL] = usage.total ?? (usage.input ?? 0) + (usage.output ?? 0);
  return details;
}

function firstString(...values: unknown[]): string | undefined {
  for (const value of values) if (typeof value === 'string' && value) return value;
  return undefined;
}

/**
 * Writes what the model answered onto its span (docs/contract.md#adapter-spans): response
 * model and id, finish reasons, token usage and, when content capture is on, the output (as
 * `langfuse.observation.output` and as `gen_ai.output.messages`).
 */
export function setModelResponse(span: Span, output: Bag, captureContent: boolean): void {
  const generations: any[] = Array.isArray(output?.generations?.[0]) ? output.generations[0] : [];
  const llmOutput = output?.llmOutput as Bag;
  const first = generations[0];
  const message = first?.message as Bag;
  const responseMetadata = message?.response_metadata as Bag;
  const model = firstString(
    responseMetadata?.model_name,
    responseMetadata?.model,
    llmOutput?.model_name,
    llmOutput?.model,
  );
  if (model) {
    span.setAttribute(GEN_AI_ATTRIBUTES.RESPONSE_MODEL, model);
    // The answering model is the one Langfuse should price (e.g. a dated snapshot).
    span.setAttribute(LANGFUSE_OBSERVATION_ATTRIBUTES.MODEL_NAME, model);
  }
  const id = firstString(responseMetadata?.id, message?.id, llmOutput?.id);
  // LangChain names messages after its own run (`run-…`, `lc_run--…`) when the provider gave no id.
  if (id && !LANGCHAIN_MESSAGE_ID.test(id)) span.setAttribute(GEN_AI_ATTRIBUTES.RESPONSE_ID, id);
  const reasons: string[] = [];
  for (const generation of generations) {
    const reason = finishReasonOf(generation);
    if (reason) reasons.push(reason);
  }
  if (reasons.length > 0) span.setAttribute(GEN_AI_ATTRIBUTES.RESPONSE_FINISH_REASONS, reasons);
  const usage = readTokenUsage(output);
  if (usage) {
    if (usage.input !== undefined) {
      span.setAttribute(GEN_AI_ATTRIBUTES.USAGE_INPUT_TOKENS, usage.input);
    }
    if (usage.output !== undefined) {
      span.setAttribute(GEN_AI_ATTRIBUTES.USAGE_OUTPUT_TOKENS, usage.output);
    }
    if (usage.cacheRead !== undefined) {
      span.setAttribute(GEN_AI_ATTRIBUTES.USAGE_CACHE_READ_INPUT_TOKENS, usage.cacheRead);
    }
    if (usage.cacheCreation !== undefined) {
      span.setAttribute(
        GEN_AI_EXTRA_ATTRIBUTES.USAGE_CACHE_CREATION_INPUT_TOKENS,
        usage.cacheCreation,
      );
    }
    if (usage.reasoning !== undefined) {
      span.setAttribute(GEN_AI_ATTRIBUTES.USAGE_REASONING_OUTPUT_TOKENS, usage.reasoning);
    }
    span.setAttribute(
      LANGFUSE_OBSERVATION_ATTRIBUTES.USAGE_DETAILS,
      JSON.stringify(usageDetails(usage)),
    );
  }
  if (captureContent && generations.length > 0) {
    const outputs = generations.map((generation) =>
      generation?.message ? toPlain(generation.message) : toPlain(generation?.text),
    );
    const content = toContentAttribute(outputs.length === 1 ? outputs[0] : outputs);
    if (content !== undefined) span.setAttribute(LANGFUSE_OBSERVATION_ATTRIBUTES.OUTPUT, content);
    const messages = toBoundedJson(toOutputMessages(generations));
    if (messages !== undefined)
      span.setAttribute(GEN_AI_EXTRA_ATTRIBUTES.OUTPUT_MESSAGES, messages);
  }
}
