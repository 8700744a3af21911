import type { ReceivedAttributeValue } from '../otlp/received-span';
import { OI_CONTENT, OI_MESSAGE, OI_TOOL_CALL } from './phoenix-keys';
import { pythonJsonDumps } from './python-text';

/**
 * Phoenix (from 15.10) validates `gen_ai.input.messages`, `gen_ai.output.messages` and
 * `gen_ai.system_instructions` against the OTel GenAI JSON schemas and flattens them into
 * OpenInference message keys. The rules below are the schemas' as Phoenix applies them:
 *
 * - the attribute must be a JSON string holding a list; one invalid message or part drops the
 *   whole list;
 * - a message needs a string `role` and a `parts` list (`name`, when present, a string or null);
 *   an output message also needs a string `finish_reason`;
 * - a part needs a string `type`; a known type with missing or mistyped fields (a `text` part
 *   without string `content`, a `tool_call` without string `name`) is kept as an unknown part,
 *   which the flattening ignores.
 */

type Part =
  | { type: 'text'; content: string }
  | { type: 'reasoning'; content: string }
  | { type: 'tool_call'; id?: string; name: string; arguments?: unknown }
  | { type: 'tool_call_response'; id?: string; response: unknown }
  | { type: 'uri'; uri: string }
  | { type: 'blob'; content: string; mimeType?: string }
  | { type: 'other' };

interface Message {
  role: string;
  name?: string;
  finishReason?: string;
  parts: Part[];
}

/** Deeper JSON than this fails validation in Phoenix (its JSON parser's recursion limit). */
const MAX_DEPTH = 200;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tooDeep(root: Json): boolean {
  const stack: Array<[Json, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_DEPTH) return true;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The JSON list in a string attribute, or undefined when it is not one. */
function jsonList(value: unknown): Json[] | undefined {
  if (typeof value !== 'string') return undefined;
  let parsed: Json;
  try {
    parsed = JSON.parse(value) as Json;
  } catch {
    return undefined;
  }
  return Array.isArray(parsed) && !tooDeep(parsed) ? parsed : undefined;
}

function has(record: Record<string, Json>, key: string): boolean {
  return Object.hasOwn(record, key);
}

/** A field that may be absent or null, else must be a string; `false` when it is invalid. */
function optionalString(record: Record<string, Json>, key: string): string | undefined | false {
  if (!has(record, key) || record[key] === null) return undefined;
  const value = record[key];
  return typeof value === 'string' ? value : false;
}

function knownPart(part: Record<string, Json>): Part | undefined {
  const { type } = part;
  const content = part.content;
  if ((type === 'text' || type === 'reasoning') && typeof content === 'string') {
    return { type, content };
  }
  if (type === 'tool_call' && typeof part.name === 'string') {
    const id = optionalString(part, 'id');
    if (id === false) return undefined;
    return {
      type,
      name: part.name,
      ...(id !== undefined ? { id } : {}),
      ...(has(part, 'arguments') ? { arguments: part.arguments } : {}),
    };
  }
  if (type === 'tool_call_response' && has(part, 'response')) {
    const id = optionalString(part, 'id');
    if (id === false) return undefined;
    return { type, response: part.response, ...(id !== undefined ? { id } : {}) };
  }
  const mimeType = optionalString(part, 'mime_type');
  if (mimeType === false || typeof part.modality !== 'string') return undefined;
  if (type === 'uri' && typeof part.uri === 'string') return { type, uri: part.uri };
  if (type === 'blob' && typeof content === 'string') {
    return { type, content, ...(mimeType !== undefined ? { mimeType } : {}) };
  }
  return undefined;
}

function partOf(value: Json): Part | undefined {
  if (!isObject(value) || typeof value.type !== 'string') return undefined;
  return knownPart(value) ?? { type: 'other' };
}

function partsOf(value: Json | undefined): Part[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const parts: Part[] = [];
  for (const item of value) {
    const part = partOf(item);
    if (!part) return undefined;
    parts.push(part);
  }
  return parts;
}

function messageOf(value: Json, output: boolean): Message | undefined {
  if (!isObject(value) || typeof value.role !== 'string') return undefined;
  const parts = partsOf(value.parts);
  const name = optionalString(value, 'name');
  if (!parts || name === false) return undefined;
  const finishReason = value.finish_reason;
  if (output && typeof finishReason !== 'string') return undefined;
  return {
    role: value.role,
    parts,
    ...(name ? { name } : {}),
    ...(output && finishReason ? { finishReason: finishReason as string } : {}),
  };
}

/** Validated messages of `gen_ai.input.messages` (or `.output.messages` when `output`). */
export function genAiMessages(value: unknown, output: boolean): Message[] {
  const list = jsonList(value) ?? [];
  const messages: Message[] = [];
  for (const item of list) {
    const message = messageOf(item, output);
    if (!message) return [];
    messages.push(message);
  }
  return messages;
}

/** `gen_ai.system_instructions` as one system message, when it holds any part. */
export function genAiSystemMessage(value: unknown): Message | undefined {
  const parts = partsOf(jsonList(value));
  return parts && parts.length > 0 ? { role: 'system', parts } : undefined;
}

/** Python's `str` of a JSON value as Phoenix writes it: a string as is, else JSON text. */
function asString(value: unknown): string {
  return typeof value === 'string' ? value : pythonJsonDumps(value);
}

function imageUrl(part: Part): string | undefined {
  if (part.type === 'uri') return part.uri;
  if (part.type !== 'blob' || /[\u0080-\uffff]/.test(part.content)) return undefined;
  return `data:${part.mimeType || 'application/octet-stream'};base64,${part.content}`;
}

/**
 * The OpenInference keys of one message at `<prefix>.<index>.`, as Phoenix flattens it: a
 * single text part becomes `message.content`; several text parts, or any image, become
 * `message.contents`; a tool-call response becomes `message.tool_call_id` + `message.content`
 * and nothing else of the message's parts counts.
 */
export function flattenGenAiMessage(
  message: Message,
  prefix: string,
  index: number,
  options: { reasoningParts: boolean },
): Record<string, ReceivedAttributeValue> {
  const base = `${prefix}.${index}`;
  const flat: Record<string, ReceivedAttributeValue> = {
    [`${base}.${OI_MESSAGE.role}`]: message.role,
  };
  if (message.name) flat[`${base}.${OI_MESSAGE.name}`] = message.name;
  if (message.finishReason) flat[`${base}.${OI_MESSAGE.finishReason}`] = message.finishReason;

  const texts: string[] = [];
  const contents: Part[] = [];
  const toolCalls: Array<Extract<Part, { type: 'tool_call' }>> = [];
  let response: Extract<Part, { type: 'tool_call_response' }> | undefined;
  for (const part of message.parts) {
    if (part.type === 'text') {
      texts.push(part.content);
      contents.push(part);
    } else if (part.type === 'uri' || part.type === 'blob') contents.push(part);
    else if (part.type === 'reasoning' && options.reasoningParts) contents.push(part);
    else if (part.type === 'tool_call') toolCalls.push(part);
    else if (part.type === 'tool_call_response') response = part;
  }

  if (response) {
    if (response.id) flat[`${base}.${OI_MESSAGE.toolCallId}`] = response.id;
    if (response.response !== null && response.response !== undefined) {
      flat[`${base}.${OI_MESSAGE.content}`] = asString(response.response);
    }
    return flat;
  }

  if (contents.some((part) => part.type !== 'text') || texts.length > 1) {
    contents.forEach((part, k) => {
      const at = `${base}.${OI_MESSAGE.contents}.${k}`;
      if (part.type === 'text' || part.type === 'reasoning') {
        flat[`${at}.${OI_CONTENT.type}`] = part.type;
        flat[`${at}.${OI_CONTENT.text}`] = part.content;
        return;
      }
      flat[`${at}.${OI_CONTENT.type}`] = 'image';
      const url = imageUrl(part);
      if (url !== undefined) flat[`${at}.${OI_CONTENT.imageUrl}`] = url;
    });
  } else if (texts.length > 0) {
    flat[`${base}.${OI_MESSAGE.content}`] = texts.join('');
  }

  toolCalls.forEach((call, j) => {
    const at = `${base}.${OI_MESSAGE.toolCalls}.${j}`;
    if (call.id) flat[`${at}.${OI_TOOL_CALL.id}`] = call.id;
    if (call.name) flat[`${at}.${OI_TOOL_CALL.name}`] = call.name;
    if (call.arguments !== null && call.arguments !== undefined) {
      flat[`${at}.${OI_TOOL_CALL.arguments}`] = asString(call.arguments);
    }
  });
  return flat;
}
