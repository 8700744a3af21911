import type { Attributes } from '@opentelemetry/api';
import { LANGFUSE_OBSERVATION_ATTRIBUTES as LF } from '../keys/genai-keys';
import { parseJson } from './bounded-text';
import {
  type ChatMessage,
  lastText,
  systemInstructionsText,
  toChatMessages,
} from './chat-messages';
import { OPENINFERENCE_SPAN_KINDS as K, type OpenInferenceSpanKind } from './openinference-keys';
import { AI_SDK_KEYS as AI, GEN_AI_CONTENT_KEYS as GC } from './source-keys';

/** The content a span recorded, read for OpenInference. Empty when capture was off. */
export interface SpanContent {
  /** The input as recorded (JSON or text). */
  readonly input?: string;
  /** The output as recorded. */
  readonly output?: string;
  readonly inputMessages?: readonly ChatMessage[];
  readonly outputMessages?: readonly ChatMessage[];
  /** The last user message's text: the question this span answered. */
  readonly question?: string;
  /** The last assistant message's text: the answer. */
  readonly answer?: string;
  /** Embedded texts (EMBEDDING spans). */
  readonly texts?: readonly string[];
}

const NONE: SpanContent = Object.freeze({});

/** Embedded texts read at most. */
export const MAX_EMBEDDING_TEXTS = 32;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function firstText(attributes: Attributes, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = text(attributes[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** A JSON-encoded string (`"hello"`, as the AI SDK records an embedded value) decoded. */
function decodedString(value: string): string {
  if (value.charCodeAt(0) !== 0x22) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : value;
  } catch {
    return value;
  }
}

const INPUT_KEYS = [GC.INPUT_MESSAGES, AI.PROMPT_MESSAGES, AI.PROMPT, LF.INPUT];

function inputMessagesOf(attributes: Attributes, input: string): ChatMessage[] | undefined {
  const messages = toChatMessages(parseJson(input));
  if (input !== attributes[GC.INPUT_MESSAGES]) return messages;
  // GenAI keeps the system prompt apart; OpenInference lists it as the first message.
  const system = systemInstructionsText(
    parseJson(attributes[GC.SYSTEM_INSTRUCTIONS]) ?? attributes[GC.SYSTEM_INSTRUCTIONS],
  );
  if (system === undefined || messages?.[0]?.role === 'system') return messages;
  return [{ role: 'system', content: system }, ...(messages ?? [])];
}

/** Output as the GenAI key, the adapter's Langfuse key, else the AI SDK's response keys. */
function outputOf(attributes: Attributes): Pick<SpanContent, 'output' | 'outputMessages'> {
  const recorded = firstText(attributes, [GC.OUTPUT_MESSAGES, LF.OUTPUT]);
  if (recorded !== undefined) {
    return { output: recorded, outputMessages: toChatMessages(parseJson(recorded)) };
  }
  const responseText = firstText(attributes, [AI.RESPONSE_TEXT, AI.RESPONSE_OBJECT]);
  const toolCalls = text(attributes[AI.RESPONSE_TOOL_CALLS]);
  const output = responseText ?? toolCalls;
  if (output === undefined) return {};
  const calls = parseJson(toolCalls);
  return {
    output,
    outputMessages: toChatMessages({
      role: 'assistant',
      content: responseText,
      tool_calls: Array.isArray(calls) ? calls : undefined,
    }),
  };
}

function toolContent(attributes: Attributes): SpanContent {
  const input = firstText(attributes, [GC.TOOL_CALL_ARGUMENTS, AI.TOOL_CALL_ARGS, LF.INPUT]);
  const output = firstText(attributes, [GC.TOOL_CALL_RESULT, AI.TOOL_CALL_RESULT, LF.OUTPUT]);
  return input === undefined && output === undefined ? NONE : { input, output };
}

function embeddingTexts(attributes: Attributes): string[] | undefined {
  const values = attributes[AI.VALUES];
  if (Array.isArray(values)) {
    return values
      .slice(0, MAX_EMBEDDING_TEXTS)
      .filter((v): v is string => typeof v === 'string')
      .map(decodedString);
  }
  const value = text(attributes[AI.VALUE]);
  if (value !== undefined) return [decodedString(value)];
  const input = text(attributes[LF.INPUT]);
  if (input === undefined) return undefined;
  const parsed = parseJson(input);
  if (!Array.isArray(parsed)) return [input];
  return parsed.slice(0, MAX_EMBEDDING_TEXTS).filter((v): v is string => typeof v === 'string');
}

function embeddingContent(attributes: Attributes): SpanContent {
  const texts = embeddingTexts(attributes);
  if (!texts || texts.length === 0) return NONE;
  const input =
    text(attributes[LF.INPUT]) ?? (texts.length === 1 ? texts[0] : JSON.stringify(texts));
  return { input, texts, question: texts.length === 1 ? texts[0] : undefined };
}

/**
 * What a span of `kind` recorded as content: only what is there (with content capture off an
 * adapter records none, and neither does this). Tools read their arguments and result,
 * embeddings their texts, every other kind its messages: the GenAI content keys first, then the
 * AI SDK's own, then the adapter's Langfuse input and output.
 */
export function readSpanContent(attributes: Attributes, kind: OpenInferenceSpanKind): SpanContent {
  if (kind === K.TOOL) return toolContent(attributes);
  if (kind === K.EMBEDDING) return embeddingContent(attributes);
  const input = firstText(attributes, INPUT_KEYS);
  const { output, outputMessages } = outputOf(attributes);
  if (input === undefined && output === undefined) return NONE;
  const inputMessages = input === undefined ? undefined : inputMessagesOf(attributes, input);
  return {
    input,
    output,
    inputMessages,
    outputMessages,
    question: lastText(inputMessages, ['user']),
    answer: lastText(outputMessages, ['assistant']),
  };
}
