import { isRecord, stringOr } from '../operations/values';
import { type GenAiPart, omittedPart, textPart } from './genai-message';

const AUDIO_TYPES: Readonly<Record<string, string>> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
};

/** `data:image/png;base64,…` → `image/png`. */
function dataUrlType(url: string): string {
  const end = url.indexOf(';');
  const type = url.slice(5, end < 0 ? undefined : end);
  return type === '' ? 'inline data' : type;
}

/** An image given by URL (a link stays a `uri` part; inline data is left out). */
function imagePart(url: unknown, fileId: unknown): GenAiPart | undefined {
  if (typeof url === 'string') {
    return url.startsWith('data:')
      ? omittedPart(dataUrlType(url))
      : { type: 'uri', modality: 'image', uri: url };
  }
  if (typeof fileId === 'string') return { type: 'file', modality: 'image', file_id: fileId };
  return undefined;
}

/** A file given by id, by URL or inline (left out). */
function filePart(fileId: unknown, fileUrl: unknown, fileData: unknown, name: unknown) {
  if (typeof fileId === 'string') return { type: 'file', file_id: fileId };
  if (typeof fileUrl === 'string') return { type: 'uri', uri: fileUrl };
  if (typeof fileData === 'string') {
    return omittedPart(typeof name === 'string' ? `file ${name}` : 'file');
  }
  return undefined;
}

function audioPart(audio: unknown): GenAiPart {
  const format = isRecord(audio) ? stringOr(audio.format) : undefined;
  return omittedPart((format && AUDIO_TYPES[format]) ?? 'audio');
}

/**
 * One content part of a chat message (`text`, `image_url`, `input_audio`, `file`, `refusal`)
 * or of a Responses API message (`input_text`, `output_text`, `input_image`, `input_file`,
 * `input_audio`, `refusal`), as a GenAI part; an unknown part keeps only its type.
 */
function contentPart(part: unknown): GenAiPart | undefined {
  if (typeof part === 'string') return textPart(part);
  if (!isRecord(part)) return undefined;
  switch (part.type) {
    case 'text':
    case 'input_text':
    case 'output_text':
      return typeof part.text === 'string' ? textPart(part.text) : undefined;
    case 'refusal':
      return typeof part.refusal === 'string' ? textPart(part.refusal) : undefined;
    case 'image_url':
      return isRecord(part.image_url) ? imagePart(part.image_url.url, undefined) : undefined;
    case 'input_image':
      return imagePart(part.image_url, part.file_id);
    case 'file':
      return isRecord(part.file)
        ? filePart(part.file.file_id, undefined, part.file.file_data, part.file.filename)
        : undefined;
    case 'input_file':
      return filePart(part.file_id, part.file_url, part.file_data, part.filename);
    case 'input_audio':
      return audioPart(part.input_audio ?? part);
    default:
      return typeof part.type === 'string' ? { type: part.type } : undefined;
  }
}

/** A message's `content` (a string, or a list of parts) as GenAI parts, appended to `parts`. */
export function addContentParts(content: unknown, parts: GenAiPart[]): void {
  if (typeof content === 'string') {
    parts.push(textPart(content));
    return;
  }
  if (!Array.isArray(content)) return;
  for (const item of content) {
    const part = contentPart(item);
    if (part) parts.push(part);
  }
}

/**
 * A tool's result as a tool_call_response carries it: a string as it is, a list of text parts
 * as their text, anything else as given.
 */
export function toolResult(content: unknown): unknown {
  if (!Array.isArray(content)) return content;
  let text = '';
  for (const part of content) {
    if (isRecord(part) && typeof part.text === 'string') text += part.text;
    else return content;
  }
  return text;
}
