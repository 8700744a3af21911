import type { Attributes } from '@opentelemetry/api';
import {
  isMaskConfigured,
  LANGFUSE_OBSERVATION_ATTRIBUTES,
  MAX_CONTENT_CHARS,
} from '@threadline/core/adapter';
import { OPENAI_SPAN_ATTRIBUTES } from '../span-keys';

// The common roles' JSON, without serialising them per message.
function roleJson(role: string): string {
  switch (role) {
    case 'user':
      return '"user"';
    case 'system':
      return '"system"';
    case 'assistant':
      return '"assistant"';
    case 'developer':
      return '"developer"';
    default:
      return JSON.stringify(role);
  }
}

/**
 * Writes the input keys of the most common chat request, messages of plain text, as JSON built
 * directly around each text's own JSON: the same strings the general path makes (the messages
 * as given for `langfuse.observation.input`, their GenAI form for `gen_ai.input.messages`) with
 * one serialisation of each text instead of two of whole structures.
 *
 * A message qualifies when it is a plain object whose enumerable keys are `role` and `content` and
 * maybe `name`, all strings, and its role is not `tool` or `function` (whose GenAI form differs).
 * Returns false, writing nothing, for any other message, when a mask is configured (it may
 * rewrite the input) or when either JSON would exceed the content bound (the general path cuts
 * it): the caller then takes the general path.
 */
export function writeTextInput(messages: unknown, out: Attributes): boolean {
  if (!Array.isArray(messages) || messages.length === 0 || isMaskConfigured()) return false;
  // JSON.stringify would call a `toJSON` of the list or of a message instead.
  if ((messages as { toJSON?: unknown }).toJSON !== undefined) return false;
  let input = '[';
  let genAi = '[';
  for (let i = 0; i < messages.length; i++) {
    const message: unknown = messages[i];
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return false;
    const { role, content, name } = message as Record<string, unknown>;
    if (typeof role !== 'string' || typeof content !== 'string') return false;
    if (role === 'tool' || role === 'function') return false;
    // A class instance may have a `toJSON`, or parts the general path reads, on its prototype.
    const prototype = Object.getPrototypeOf(message);
    if (prototype !== Object.prototype && prototype !== null) return false;
    const roleText = roleJson(role);
    const contentText = JSON.stringify(content);
    const nameText = typeof name === 'string' ? JSON.stringify(name) : undefined;
    // The message as given: its keys in their own order, as JSON.stringify writes them. An
    // inherited enumerable key shows up here too and sends the list to the general path.
    let fields = '';
    for (const key in message) {
      if (fields !== '') fields += ',';
      if (key === 'role') fields += `"role":${roleText}`;
      else if (key === 'content') fields += `"content":${contentText}`;
      else if (key === 'name' && nameText !== undefined) fields += `"name":${nameText}`;
      else return false;
    }
    if (i > 0) {
      input += ',';
      genAi += ',';
    }
    input += `{${fields}}`;
    // The GenAI form, as chatInputMessages makes it: an empty role is the user's, and an empty
    // name is left out.
    const genAiName = nameText === undefined || name === '' ? '' : `,"name":${nameText}`;
    genAi += `{"role":${role === '' ? '"user"' : roleText},"parts":[{"type":"text","content":${contentText}}]${genAiName}}`;
  }
  input += ']';
  genAi += ']';
  if (input.length > MAX_CONTENT_CHARS || genAi.length > MAX_CONTENT_CHARS) return false;
  out[LANGFUSE_OBSERVATION_ATTRIBUTES.INPUT] = input;
  out[OPENAI_SPAN_ATTRIBUTES.INPUT_MESSAGES] = genAi;
  return true;
}
