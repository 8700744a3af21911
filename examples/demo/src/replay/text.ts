/** Cuts `text` to `width` characters, ending with `…` when it was longer. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/**
 * Wraps `text` at word boundaries into lines of at most `width` characters, at most `maxLines`
 * of them (the last one ending with `…` when text was left out).
 */
export function wrap(text: string, width: number, maxLines = Number.POSITIVE_INFINITY): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (candidate.length <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = word.length > width ? truncate(word, width) : word;
  }
  if (line !== '') lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = truncate(`${kept[maxLines - 1]} …`, width);
  return kept;
}

/** A duration in milliseconds, short: `0.4 ms`, `35 ms`, `1.2 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A wall-clock time (UTC) with milliseconds: `12:04:01.123`. */
export function formatTime(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(11, 23) : '';
}

type Role = 'user' | 'assistant';
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const USER_ROLES = new Set(['user', 'human', 'HumanMessage', 'HumanMessageChunk']);
const ASSISTANT_ROLES = new Set(['assistant', 'ai', 'AIMessage', 'AIMessageChunk']);

/** The role of a message in any of the shapes frameworks record: OpenAI, AI SDK, LangChain. */
function roleOf(message: Json): Role | undefined {
  const id = Array.isArray(message.id) ? message.id.at(-1) : undefined;
  for (const candidate of [message.role, id, message.type, message._type]) {
    if (typeof candidate !== 'string') continue;
    if (USER_ROLES.has(candidate)) return 'user';
    if (ASSISTANT_ROLES.has(candidate)) return 'assistant';
  }
  return undefined;
}

const looksLikeMessage = (value: unknown) => isObject(value) && roleOf(value) !== undefined;

/** Keys that hold the interesting part of a recorded input or output, in the order tried. */
const WRAPPER_KEYS = [
  'messages',
  'kwargs',
  'content',
  'choices',
  'generations',
  'output',
  'input',
  'prompt',
  'question',
  'answer',
  'message',
  'text',
] as const;

function extract(value: unknown, role: Role, depth: number): string | undefined {
  if (depth > 8 || value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (/^[[{]/.test(trimmed)) {
      try {
        return extract(JSON.parse(trimmed), role, depth + 1) ?? trimmed;
      } catch {
        return trimmed;
      }
    }
    return trimmed;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const flat = value.flat(2);
    if (flat.some(looksLikeMessage)) {
      const messages = flat.filter(looksLikeMessage) as Json[];
      const pick = messages.filter((m) => roleOf(m) === role).at(-1) ?? messages.at(-1);
      return extract(pick, role, depth + 1);
    }
    // Content parts ({ type: 'text', text }) or plain strings: join their text.
    const texts = flat
      .map((part) =>
        typeof part === 'string'
          ? part
          : isObject(part)
            ? extract(part, role, depth + 1)
            : undefined,
      )
      .filter((text): text is string => Boolean(text));
    return texts.length > 0 ? texts.join(' ') : undefined;
  }
  if (!isObject(value)) return undefined;
  for (const key of WRAPPER_KEYS) {
    if (!(key in value)) continue;
    const found = extract(value[key], role, depth + 1);
    if (found) return found;
  }
  return JSON.stringify(value);
}

/**
 * The readable text of a recorded input or output, whichever framework recorded it: the last
 * `role` message of a message list, the text of content parts, a string as is, JSON otherwise.
 * Whitespace is collapsed so it wraps cleanly.
 */
export function messageText(value: unknown, role: Role): string {
  return (extract(value, role, 0) ?? '').replace(/\s+/g, ' ').trim();
}
