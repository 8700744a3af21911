import type { Span } from '@opentelemetry/api';
import { MAX_CONTENT_CHARS, toBoundedJson } from '@threadline/core/adapter';
import { GEN_AI_EXTRA_ATTRIBUTES } from '../gen-ai-keys';
import { cutString, toPlain } from './to-plain';

function parsed(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A tool's arguments or result as recorded: a string as it is (LangChain hands a structured
 * tool its arguments as JSON text, a string tool its plain text), anything else as JSON. Too
 * long, JSON stays valid JSON and text is cut.
 */
function toolValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return toBoundedJson(toPlain(value));
  if (value.length <= MAX_CONTENT_CHARS) return value;
  const json = parsed(value);
  return json === undefined ? cutString(value) : toBoundedJson(json);
}

function set(span: Span, key: string, value: unknown): void {
  const recorded = toolValue(value);
  if (recorded !== undefined) span.setAttribute(key, recorded);
}

/** `gen_ai.tool.call.arguments` of a tool span (only called with content capture on). */
export function setToolArguments(span: Span, input: unknown): void {
  set(span, GEN_AI_EXTRA_ATTRIBUTES.TOOL_CALL_ARGUMENTS, input);
}

/** `gen_ai.tool.call.result` of a tool span (only called with content capture on). */
export function setToolResult(span: Span, output: unknown): void {
  set(span, GEN_AI_EXTRA_ATTRIBUTES.TOOL_CALL_RESULT, output);
}
