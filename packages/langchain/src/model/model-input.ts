import type { Span } from '@opentelemetry/api';
import { toBoundedJson } from '../content/bounded-json';
import { toGenAiInput } from '../content/gen-ai-messages';
import { GEN_AI_EXTRA_ATTRIBUTES } from '../gen-ai-keys';
import { toolDefinitions } from './tool-definitions';

const { INPUT_MESSAGES, SYSTEM_INSTRUCTIONS, TOOL_DEFINITIONS } = GEN_AI_EXTRA_ATTRIBUTES;

function setJson(span: Span, key: string, value: unknown): void {
  const json = toBoundedJson(value);
  if (json !== undefined) span.setAttribute(key, json);
}

/**
 * Writes a model run's input in the GenAI conventions' content keys (only called with content
 * capture on): `gen_ai.input.messages` (the chat history or the prompts),
 * `gen_ai.system_instructions` (the system messages, taken out of the history) and
 * `gen_ai.tool.definitions` (the tools the integration sends along).
 */
export function setModelInput(span: Span, input: unknown, invocationParams: unknown): void {
  const { messages, system } = toGenAiInput(Array.isArray(input) ? input.flat() : [input]);
  if (messages.length > 0) setJson(span, INPUT_MESSAGES, messages);
  if (system.length > 0) setJson(span, SYSTEM_INSTRUCTIONS, system);
  const tools = toolDefinitions(invocationParams);
  if (tools) setJson(span, TOOL_DEFINITIONS, tools);
}
