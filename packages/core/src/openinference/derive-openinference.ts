import type { Attributes } from '@opentelemetry/api';
import { MAX_CONTENT_CHARS } from '../adapter/content-capture';
import { GEN_AI_ATTRIBUTES as G, LANGFUSE_OBSERVATION_ATTRIBUTES as LF } from '../keys/genai-keys';
import { cutText, isJsonText, isValidJson } from './bounded-text';
import { MAX_MESSAGE_CHARS, writeMessages } from './flatten-messages';
import { invocationParameters } from './invocation-parameters';
import {
  OPENINFERENCE_SPAN_KINDS as K,
  OPENINFERENCE_MIME_TYPES as MIME,
  OPENINFERENCE_SPAN_ATTRIBUTES as OI,
  type OpenInferenceSpanKind,
} from './openinference-keys';
import { toProviderNames } from './provider-name';
import { AI_SDK_KEYS as AI, GEN_AI_CONTENT_KEYS as GC } from './source-keys';
import { readSpanContent, type SpanContent } from './span-content';
import { deriveSpanKind } from './span-kind';
import type { EndingSpan, SpanWriter as Writer } from './span-writer';
import { SpanWriter } from './span-writer';
import { writeParentTokenCounts, writeTokenCounts } from './token-counts';
import type { TraceTurns } from './trace-turns';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** A span with no parent in this process: Phoenix's root, or the local part's. */
function isLocalRoot(span: EndingSpan): boolean {
  const parent = span.parentSpanContext;
  if (parent) return parent.isRemote === true;
  return span.parentSpanId === undefined || span.parentSpanId === '';
}

function writeModel(writer: Writer, attributes: Attributes, kind: OpenInferenceSpanKind): void {
  const model =
    text(attributes[G.RESPONSE_MODEL]) ??
    text(attributes[AI.RESPONSE_MODEL]) ??
    text(attributes[LF.MODEL_NAME]) ??
    text(attributes[G.REQUEST_MODEL]) ??
    text(attributes[AI.MODEL_ID]);
  writer.set(OI.LLM_MODEL_NAME, model);
  if (kind === K.EMBEDDING) writer.set(OI.EMBEDDING_MODEL_NAME, model);
  const provider =
    text(attributes[G.PROVIDER_NAME]) ??
    text(attributes[GC.SYSTEM]) ??
    text(attributes[AI.MODEL_PROVIDER]);
  if (provider !== undefined) {
    const names = toProviderNames(provider);
    writer.set(OI.LLM_PROVIDER, names.provider);
    writer.set(OI.LLM_SYSTEM, names.system);
  }
  if (kind === K.LLM) {
    writer.set(OI.LLM_INVOCATION_PARAMETERS, invocationParameters(attributes));
    writePromptLink(writer, attributes);
  }
  writeTokenCounts(writer, attributes, kind === K.EMBEDDING);
}

/** A Langfuse prompt link, in OpenInference's prompt keys (docs/contract.md#dialects). */
function writePromptLink(writer: Writer, attributes: Attributes): void {
  const name = text(attributes[LF.PROMPT_NAME]);
  const version = attributes[LF.PROMPT_VERSION];
  if (name === undefined) return;
  writer.set(OI.PROMPT_VENDOR, 'langfuse');
  writer.set(OI.PROMPT_ID, name);
  if (typeof version === 'number') writer.set(OI.LLM_PROMPT_TEMPLATE_VERSION, String(version));
}

function writeValue(
  writer: Writer,
  valueKey: string,
  mimeKey: string,
  value: string | undefined,
  asText: boolean,
): void {
  if (value === undefined || writer.has(valueKey)) return;
  const cut = cutText(value, MAX_CONTENT_CHARS);
  writer.set(valueKey, cut);
  writer.set(mimeKey, !asText && isValidJson(cut) ? MIME.JSON : MIME.TEXT);
}

/** Plain text as recorded (a chain that returned a string), not JSON. */
function plain(value: string | undefined): string | undefined {
  return value !== undefined && !isJsonText(value) ? value : undefined;
}

/**
 * Input and output values. A root span shows the user's question and the model's answer as
 * text where the data allows (its own messages, its own plain-text value, else what the spans
 * under it said), because Phoenix lists a session's turns from root spans; any other span
 * shows its content as recorded.
 */
function writeValues(
  writer: Writer,
  content: SpanContent,
  turn: { question?: string; answer?: string } | undefined,
): void {
  if (turn === undefined) {
    writeValue(writer, OI.INPUT_VALUE, OI.INPUT_MIME_TYPE, content.input, false);
    writeValue(writer, OI.OUTPUT_VALUE, OI.OUTPUT_MIME_TYPE, content.output, false);
    return;
  }
  const question = content.question ?? plain(content.input) ?? turn.question;
  const answer = content.answer ?? plain(content.output) ?? turn.answer;
  if (question !== undefined)
    writeValue(writer, OI.INPUT_VALUE, OI.INPUT_MIME_TYPE, question, true);
  else writeValue(writer, OI.INPUT_VALUE, OI.INPUT_MIME_TYPE, content.input, false);
  if (answer !== undefined) writeValue(writer, OI.OUTPUT_VALUE, OI.OUTPUT_MIME_TYPE, answer, true);
  else writeValue(writer, OI.OUTPUT_VALUE, OI.OUTPUT_MIME_TYPE, content.output, false);
}

function writeKindDetails(
  writer: Writer,
  attributes: Attributes,
  kind: OpenInferenceSpanKind,
  content: SpanContent,
): void {
  switch (kind) {
    case K.LLM:
      writeMessages(writer, OI.LLM_INPUT_MESSAGES, content.inputMessages);
      writeMessages(writer, OI.LLM_OUTPUT_MESSAGES, content.outputMessages);
      break;
    case K.EMBEDDING: {
      const texts = content.texts ?? [];
      for (let i = 0; i < texts.length; i++) {
        const key = `${OI.EMBEDDING_EMBEDDINGS}.${i}.${OI.EMBEDDING_TEXT}`;
        if (!writer.set(key, cutText(texts[i]!, MAX_MESSAGE_CHARS))) break;
      }
      break;
    }
    case K.TOOL:
      writer.set(
        OI.TOOL_NAME,
        text(attributes[G.TOOL_NAME]) ?? text(attributes[AI.TOOL_CALL_NAME]),
      );
      writer.set(OI.TOOL_DESCRIPTION, text(attributes[GC.TOOL_DESCRIPTION]));
      if (content.input !== undefined) {
        writer.set(OI.TOOL_PARAMETERS, cutText(content.input, MAX_CONTENT_CHARS));
      }
      break;
    case K.AGENT:
      writer.set(
        OI.AGENT_NAME,
        text(attributes[G.AGENT_NAME]) ?? text(attributes[AI.TELEMETRY_FUNCTION_ID]),
      );
      break;
  }
}

/**
 * Writes the OpenInference attributes Phoenix reads onto a span that is ending, derived from the
 * GenAI, Langfuse and AI SDK keys it carries (docs/contract.md#dialects): its kind; on model
 * calls the model, provider, request parameters and token counts (a parent that carries its
 * call's total as GenAI usage gets zero own counts, so Phoenix sums no token twice); the recorded content as input and output values and, on model
 * calls, flattened messages. Never overwrites a key; leaves a span that already has an
 * OpenInference kind (an OpenInference instrumentation made it) alone.
 */
export function deriveOpenInference(span: EndingSpan, turns: TraceTurns): void {
  const attributes = span.attributes;
  if (attributes[OI.SPAN_KIND] !== undefined) return;
  const kind = deriveSpanKind(attributes, span.name);
  const root = isLocalRoot(span);
  if (kind === undefined) {
    // A root such as an HTTP request span: it shows what it recorded itself, else the turn the
    // spans under it recorded (those of another service are seen by that service's processor).
    if (!root) return;
    const turn = turns.take(span.spanContext().traceId);
    const own = readSpanContent(attributes, K.CHAIN);
    if (turn || own.input !== undefined || own.output !== undefined) {
      writeValues(new SpanWriter(span), own, turn ?? {});
    }
    return;
  }
  const writer = new SpanWriter(span);
  writer.set(OI.SPAN_KIND, kind);
  if (kind === K.LLM || kind === K.EMBEDDING) writeModel(writer, attributes, kind);
  else writeParentTokenCounts(writer, attributes);
  const content = readSpanContent(attributes, kind);
  if (root) {
    writeValues(writer, content, turns.take(span.spanContext().traceId) ?? {});
  } else {
    writeValues(writer, content, undefined);
    if (kind === K.LLM || kind === K.AGENT || kind === K.CHAIN) {
      turns.remember(span.spanContext().traceId, content.question, content.answer);
    }
  }
  writeKindDetails(writer, attributes, kind, content);
}
