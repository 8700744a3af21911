import type { Attributes } from '@opentelemetry/api';
import {
  isMaskConfigured,
  LANGFUSE_OBSERVATION_ATTRIBUTES,
  MAX_CONTENT_CHARS,
} from '@threadline/core/adapter';
import { stringOr } from '../operations/values';
import { OPENAI_SPAN_ATTRIBUTES } from '../span-keys';
import { outputFinishReason } from './genai-message';

/**
 * Writes the output keys of the most common answer, one choice of plain text, as JSON built
 * directly around the text's own JSON: the same strings the general path makes (an assistant
 * message for `langfuse.observation.output`, its GenAI form for `gen_ai.output.messages`) with
 * one serialisation of the text instead of two of built messages. Returns false, writing
 * nothing, when a mask is configured (it may rewrite the answer) or the JSON would exceed the
 * content bound (the general path cuts it): the caller then takes the general path.
 */
export function writeTextAnswer(
  role: string,
  text: string,
  finishReason: string | undefined,
  out: Attributes,
): boolean {
  if (isMaskConfigured()) return false;
  const roleJson = role === 'assistant' ? '"assistant"' : JSON.stringify(role);
  const textJson = JSON.stringify(text);
  const output = `{"role":${roleJson},"content":${textJson}}`;
  // The GenAI form names a role always (an empty one is the assistant), as chatOutputMessage.
  const genAiRole = role === stringOr(role) ? roleJson : '"assistant"';
  const finish =
    finishReason === undefined
      ? ''
      : finishReason === 'stop'
        ? ',"finish_reason":"stop"'
        : `,"finish_reason":${JSON.stringify(outputFinishReason(finishReason))}`;
  const messages = `[{"role":${genAiRole},"parts":[{"type":"text","content":${textJson}}]${finish}}]`;
  if (messages.length > MAX_CONTENT_CHARS) return false;
  out[LANGFUSE_OBSERVATION_ATTRIBUTES.OUTPUT] = output;
  out[OPENAI_SPAN_ATTRIBUTES.OUTPUT_MESSAGES] = messages;
  return true;
}
