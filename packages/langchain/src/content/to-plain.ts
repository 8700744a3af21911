import { MAX_CONTENT_CHARS } from '@threadline/core/adapter';

/** How deep, how wide and how long a value is copied before it is cut. */
const MAX_DEPTH = 8;
const MAX_ITEMS = 200;

const ROLES: Readonly<Record<string, string>> = {
  human: 'user',
  ai: 'assistant',
  system: 'system',
  tool: 'tool',
  function: 'function',
  developer: 'developer',
  remove: 'remove',
};

/** JSON data as `toPlain` makes it. */
export type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

/** The fields of a LangChain message that are read here (0.3.x and 1.x alike). */
export interface MessageLike {
  content: unknown;
  getType?: () => string;
  _getType?: () => string;
  role?: unknown;
  name?: unknown;
  tool_calls?: unknown;
  tool_call_id?: unknown;
}

/** A LangChain message of either major (both have `_getType`; 0.3.x and 1.x have `getType`). */
export function isMessageLike(value: object): value is MessageLike {
  return (
    'content' in value &&
    (typeof (value as MessageLike).getType === 'function' ||
      typeof (value as MessageLike)._getType === 'function')
  );
}

function messageType(message: MessageLike): string {
  try {
    return (message.getType ?? message._getType)!.call(message);
  } catch {
    return 'unknown';
  }
}

/** The chat role of a LangChain message (`human` → `user`, `ai` → `assistant`, …). */
export function messageRole(message: MessageLike): string {
  const type = messageType(message);
  if (type === 'generic' && typeof message.role === 'string') return message.role;
  return ROLES[type] ?? type;
}

function messageToPlain(message: MessageLike, depth: number, ancestors: object[]): Plain {
  const out: { [key: string]: Plain } = {
    role: messageRole(message),
    content: toPlainAt(message.content, depth + 1, ancestors),
  };
  if (typeof message.name === 'string' && message.name) out.name = message.name;
  if (Array.isArray(message.tool_calls) && message.tool_calls.length > 0) {
    out.tool_calls = toPlainAt(
      message.tool_calls.map((call: { id?: unknown; name?: unknown; args?: unknown }) => ({
        id: call?.id,
        name: call?.name,
        arguments: call?.args,
      })),
      depth + 1,
      ancestors,
    );
  }
  if (typeof message.tool_call_id === 'string') out.tool_call_id = message.tool_call_id;
  return out;
}

/** A string cut at `MAX_CONTENT_CHARS` (with `…`), so one long value cannot crowd out the rest. */
export function cutString(value: string): string {
  return value.length <= MAX_CONTENT_CHARS ? value : `${value.slice(0, MAX_CONTENT_CHARS)}…`;
}

function toPlainAt(value: unknown, depth: number, ancestors: object[]): Plain {
  switch (typeof value) {
    case 'string':
      return cutString(value);
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return null;
  }
  if (value === null) return null;
  const object = value as object;
  // The objects being copied above this one: a cycle leads back to one of them. A list rather
  // than a set, as it holds a few entries (the depth is bounded) and is made per value.
  if (depth >= MAX_DEPTH || ancestors.includes(object)) return '[…]';
  ancestors.push(object);
  try {
    if (Array.isArray(object)) {
      const items = object.slice(0, MAX_ITEMS).map((item) => toPlainAt(item, depth + 1, ancestors));
      if (object.length > MAX_ITEMS) items.push(`[${object.length - MAX_ITEMS} more]`);
      return items;
    }
    if (isMessageLike(object)) return messageToPlain(object, depth, ancestors);
    if ('pageContent' in object && 'metadata' in object) {
      // A retrieved document.
      const doc = object as { pageContent: unknown; metadata: unknown; id?: unknown };
      const out: { [key: string]: Plain } = {
        pageContent: toPlainAt(doc.pageContent, depth + 1, ancestors),
        metadata: toPlainAt(doc.metadata, depth + 1, ancestors),
      };
      if (typeof doc.id === 'string') out.id = doc.id;
      return out;
    }
    if ('lc_kwargs' in object && typeof (object as { lc_kwargs: unknown }).lc_kwargs === 'object') {
      // Other LangChain serializables (prompt values, …): their constructor arguments are the data.
      return toPlainAt((object as { lc_kwargs: unknown }).lc_kwargs, depth, ancestors);
    }
    if (object instanceof Date) return Number.isNaN(object.getTime()) ? null : object.toISOString();
    if (object instanceof Map || object instanceof Set || ArrayBuffer.isView(object)) {
      return `[${object.constructor.name}]`;
    }
    const out: { [key: string]: Plain } = {};
    let count = 0;
    for (const key of Object.keys(object)) {
      if (count++ === MAX_ITEMS) break;
      const item = (object as Record<string, unknown>)[key];
      if (item === undefined || typeof item === 'function') continue;
      out[key] = toPlainAt(item, depth + 1, ancestors);
    }
    return out;
  } finally {
    ancestors.pop();
  }
}

/**
 * A LangChain value (messages, documents, prompt values, plain objects) as plain JSON data for
 * `langfuse.observation.input`/`.output`: messages become `{ role, content, tool_calls }`,
 * documents `{ pageContent, metadata }`. Bounded in depth and width, safe with cycles, never throws.
 */
export function toPlain(value: unknown): Plain {
  try {
    return toPlainAt(value, 0, []);
  } catch {
    return null;
  }
}
