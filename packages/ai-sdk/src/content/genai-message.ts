/**
 * One part of a message in the OpenTelemetry GenAI conventions' JSON (`text`, `reasoning`,
 * `tool_call`, `tool_call_response`, `uri`, or another type, kept by name only).
 */
export type GenAiPart = { type: string } & Record<string, unknown>;

/** A message of `gen_ai.input.messages` / `gen_ai.output.messages` (`finish_reason`: output only). */
export interface GenAiMessage {
  role: string;
  parts: GenAiPart[];
  finish_reason?: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A text part. */
export function textPart(content: string): GenAiPart {
  return { type: 'text', content };
}

/**
 * A tool call's arguments as the conventions want them: the object when the model's JSON
 * string parses (the AI SDK records it as a string in some places), else as given.
 */
export function toolArguments(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** A tool call part; `id` is null when the SDK gave none. */
export function toolCallPart(id: unknown, name: unknown, args: unknown): GenAiPart {
  return {
    type: 'tool_call',
    id: typeof id === 'string' ? id : null,
    name: typeof name === 'string' ? name : '',
    arguments: toolArguments(args),
  };
}

/** A tool result part, answering the call `id`. */
export function toolResponsePart(id: unknown, response: unknown): GenAiPart {
  return { type: 'tool_call_response', id: typeof id === 'string' ? id : null, response };
}

/** The conventions' modality of a media type (they allow other values than these three). */
function modalityOf(mediaType: string | undefined): string {
  const top = mediaType?.slice(0, mediaType.indexOf('/'));
  return top === 'image' || top === 'video' || top === 'audio' ? top : 'document';
}

/**
 * A file the prompt or the answer carried: a link stays a `uri` part; inline data (a base64
 * string, which is what the AI SDK records) is never written, a text part names it instead:
 * it would crowd every other part out of the size bound, and cut it would be no file at all.
 */
export function filePart(data: unknown, mediaType: unknown): GenAiPart {
  const type = typeof mediaType === 'string' && mediaType !== '' ? mediaType : undefined;
  if (typeof data === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(data)) {
    return { type: 'uri', modality: modalityOf(type), mime_type: type ?? null, uri: data };
  }
  return textPart(`[${type ?? 'file'}: not recorded]`);
}

/**
 * An output message's `finish_reason` from the AI SDK's: `tool-calls` and `content-filter` are
 * the conventions' `tool_call` and `content_filter`; the others (`stop`, `length`, `error`,
 * `other`, `unknown`) are the same word. Without one, `unknown`, the AI SDK's own word for it.
 */
export function finishReasonOf(reason: unknown): string {
  if (typeof reason !== 'string' || reason === '') return 'unknown';
  if (reason === 'tool-calls') return 'tool_call';
  if (reason === 'content-filter') return 'content_filter';
  return reason;
}
