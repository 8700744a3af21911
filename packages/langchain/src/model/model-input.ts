import type { Span } from '@opentelemetry/api';
import { toBoundedJson } from '@threadline/core/adapter';
import { toGenAiInput } from '../content/gen-ai-messages';
import { GEN_AI_EXTRA_ATTRIBUTES } from '../gen-ai-keys';
import { toolDefinitions } from './tool-definitions';

const { INPUT_MESSAGES, TOOL_DEFINITIONS } = GEN_AI_EXTRA_ATTRIBUTES;

function setJson(span: Span, key: string, value: unknown): void {
  const json = toBoundedJson(value);
  if (json !== undefined) span.setAttribute(key, json);
}

/**
 * Writes a model run's input in the GenAI conventions' content keys (only called with content
 * capture on): `gen_ai.input.messages` (the chat history, system messages included, or the
 * prompts) and `gen_ai.tool.definitions` (the tools the integration sends along). LangChain has
 * no instructions apart from the history, so `gen_ai.system_instructions` is never written.
 */
export function setModelInput(span: Span, input: unknown, invocationParams: unknown): void {
  const { messages } = toGenAiInput(Array.isArray(input) ? input.flat() : [input]);
  if (messages.length > 0) setJson(span, INPUT_MESSAGES, messages);
  const tools = toolDefinitions(invocationParams);
  if (tools) setJson(span, TOOL_DEFINITIONS, tools);
}
