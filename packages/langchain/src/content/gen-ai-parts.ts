import { cutString, type Plain } from './to-plain';

/** One part of a GenAI message (`text`, `tool_call`, `tool_call_response`, `uri`, `blob`, …). */
export type GenAiPart = { type: string; [key: string]: Plain | undefined };

type Block = Record<string, unknown>;

// Tool calls reach the GenAI message from the message's `tool_calls`; the content blocks that
// repeat them (1.x v1 output, Anthropic's `tool_use`) would count them twice.
const TOOL_CALL_BLOCKS = new Set([
  'tool_call',
  'tool_call_chunk',
  'tool_use',
  'function_call',
  'invalid_tool_call',
]);

const DATA_URL = /^data:([^;,]*)(;base64)?,/;

function isBlock(value: unknown): value is Block {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: string): GenAiPart {
  return { type: 'text', content: cutString(value) };
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/** `image`, `audio` or `video` where the block or its MIME type says so, else `file`. */
function modality(kind: string, mime: string | undefined): string {
  if (kind === 'image' || kind === 'audio' || kind === 'video') return kind;
  const top = mime?.split('/')[0];
  return top === 'image' || top === 'audio' || top === 'video' ? top : 'file';
}

function withMime(part: GenAiPart, mime: string | undefined): GenAiPart {
  if (mime) part.mime_type = mime;
  return part;
}

/**
 * What stands in for inline data (a base64 image, audio or file), which is never recorded, as
 * `@threadline/openai` does: it would take the size bound from every other part, and cut it
 * is no image at all.
 */
function inline(kind: string, mime: string | undefined): GenAiPart {
  return text(`[${mime || modality(kind, mime)}: not recorded]`);
}

/** A URL; a `data:` URL is inline data. */
function located(kind: string, url: string, mime: string | undefined): GenAiPart {
  const data = DATA_URL.exec(url);
  if (data) return inline(kind, data[1] || mime);
  return withMime({ type: 'uri', modality: modality(kind, mime), uri: cutString(url) }, mime);
}

/** A block of another type keeps only its type (a GenAI generic part): its data is unknown. */
function generic(block: Block): GenAiPart | undefined {
  return typeof block.type === 'string' ? { type: block.type } : undefined;
}

/**
 * Image, audio, video and file blocks in the shapes LangChain carries: 1.x standard blocks
 * (`url`, `data`, `fileId`, `mimeType`), 0.3 data blocks (`source_type`, `mime_type`),
 * Anthropic's `source` and OpenAI's `file`.
 */
function dataPart(kind: string, block: Block): GenAiPart | undefined {
  const source = isBlock(block.source) ? block.source : undefined;
  const file = isBlock(block.file) ? block.file : undefined;
  const mime =
    nonEmpty(block.mimeType) ?? nonEmpty(block.mime_type) ?? nonEmpty(source?.media_type);
  const url = nonEmpty(block.url) ?? (source?.type === 'url' ? nonEmpty(source.url) : undefined);
  if (url) return located(kind, url, mime);
  const data =
    nonEmpty(block.data) ??
    nonEmpty(block.base64) ??
    (source?.type === 'base64' ? nonEmpty(source.data) : undefined) ??
    nonEmpty(file?.file_data);
  if (data) return data.startsWith('data:') ? located(kind, data, mime) : inline(kind, mime);
  const fileId =
    nonEmpty(block.fileId) ??
    nonEmpty(block.file_id) ??
    (block.source_type === 'id' ? nonEmpty(block.id) : undefined) ??
    nonEmpty(file?.file_id);
  if (fileId) {
    return withMime({ type: 'file', modality: modality(kind, mime), file_id: fileId }, mime);
  }
  if (block.source_type === 'text' && typeof block.text === 'string') return text(block.text);
  return generic(block);
}

function reasoning(value: unknown): GenAiPart | undefined {
  return typeof value === 'string' && value
    ? { type: 'reasoning', content: cutString(value) }
    : undefined;
}

function blockPart(block: Block): GenAiPart | undefined {
  const type = block.type;
  if (typeof type !== 'string') return undefined;
  switch (type) {
    case 'text':
    case 'text-plain':
    case 'input_text':
    case 'output_text':
      return typeof block.text === 'string' ? text(block.text) : undefined;
    case 'reasoning':
      return reasoning(block.reasoning ?? block.text);
    case 'thinking':
      return reasoning(block.thinking);
    case 'image_url': {
      const image = block.image_url;
      const url = typeof image === 'string' ? image : isBlock(image) ? image.url : undefined;
      return typeof url === 'string' && url ? located('image', url, undefined) : undefined;
    }
    case 'input_audio': {
      const audio = isBlock(block.input_audio) ? block.input_audio : undefined;
      const format = nonEmpty(audio?.format);
      return audio ? inline('audio', format && `audio/${format}`) : undefined;
    }
    case 'image':
    case 'audio':
    case 'video':
    case 'file':
      return dataPart(type, block);
    default:
      return TOOL_CALL_BLOCKS.has(type) ? undefined : generic(block);
  }
}

/**
 * A LangChain message's `content` as GenAI parts: a string is one text part (none when
 * empty), content blocks become text, reasoning, uri or file parts (inline data is left out,
 * named in a text part), and blocks of other types keep only their type. Tool call blocks are
 * left out: they come from `tool_calls`.
 */
export function contentParts(content: unknown): GenAiPart[] {
  if (typeof content === 'string') return content ? [text(content)] : [];
  if (!Array.isArray(content)) return [];
  const parts: GenAiPart[] = [];
  for (const item of content) {
    const part =
      typeof item === 'string' ? (item ? text(item) : undefined) : isBlock(item) && blockPart(item);
    if (part) parts.push(part);
  }
  return parts;
}

/** The text of a content that is only text (a string, or text blocks), else undefined. */
export function onlyText(parts: readonly GenAiPart[]): string | undefined {
  if (parts.length === 0) return '';
  let out = '';
  for (const part of parts) {
    if (part.type !== 'text' || typeof part.content !== 'string') return undefined;
    out += part.content;
  }
  return out;
}
