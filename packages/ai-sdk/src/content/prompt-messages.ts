import {
  filePart,
  type GenAiMessage,
  type GenAiPart,
  isRecord,
  textPart,
  toolCallPart,
  toolResponsePart,
} from './genai-message';

/** The prompt of a model call in the GenAI conventions' shape. */
export interface GenAiPrompt {
  /** The leading system messages' text (the AI SDK's `system`), as parts. */
  systemInstructions: GenAiPart[];
  /** Every other message, in order. */
  messages: GenAiMessage[];
}

/**
 * A tool result's `output` as the model saw it: the value of `text`, `json` and their error
 * forms, the text of `content` (media named, not recorded), a denial as a sentence.
 */
function toolOutput(output: unknown): unknown {
  if (!isRecord(output) || typeof output.type !== 'string') return output;
  switch (output.type) {
    case 'text':
    case 'json':
    case 'error-text':
    case 'error-json':
      return output.value;
    case 'execution-denied':
      return typeof output.reason === 'string'
        ? `execution denied: ${output.reason}`
        : 'execution denied';
    case 'content': {
      if (!Array.isArray(output.value)) return output.value;
      let text = '';
      for (const item of output.value) {
        if (!isRecord(item)) continue;
        text +=
          item.type === 'text' && typeof item.text === 'string'
            ? item.text
            : `[${typeof item.mediaType === 'string' ? item.mediaType : 'media'}: not recorded]`;
      }
      return text;
    }
    default:
      return output;
  }
}

/** One part of a user, assistant or tool message as a GenAI part. */
function partOf(part: unknown): GenAiPart | undefined {
  if (typeof part === 'string') return textPart(part);
  if (!isRecord(part) || typeof part.type !== 'string') return undefined;
  switch (part.type) {
    case 'text':
      return typeof part.text === 'string' ? textPart(part.text) : undefined;
    case 'reasoning':
      return typeof part.text === 'string' ? { type: 'reasoning', content: part.text } : undefined;
    case 'file':
    case 'image':
      return filePart(part.data ?? part.image, part.mediaType ?? part.mimeType);
    case 'tool-call':
      return toolCallPart(part.toolCallId, part.toolName, part.input ?? part.args);
    case 'tool-result':
      return toolResponsePart(part.toolCallId, toolOutput(part.output ?? part.result));
    default:
      // Approval requests and responses, provider-specific parts: named, nothing more.
      return { type: part.type.replaceAll('-', '_') };
  }
}

function messageOf(message: Record<string, unknown>, role: string): GenAiMessage {
  const parts: GenAiPart[] = [];
  if (typeof message.content === 'string') parts.push(textPart(message.content));
  else if (Array.isArray(message.content)) {
    for (const item of message.content) {
      const part = partOf(item);
      if (part) parts.push(part);
    }
  }
  return { role, parts };
}

/**
 * The AI SDK's prompt of a model call (`ai.prompt.messages`: the language model prompt of
 * ai 5 and 6, as JSON) in the GenAI conventions' shape, or undefined when it is not one (a
 * mask may have rewritten it into anything). Never throws.
 */
export function genAiPromptOf(json: unknown): GenAiPrompt | undefined {
  if (typeof json !== 'string') return undefined;
  let prompt: unknown;
  try {
    prompt = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!Array.isArray(prompt)) return undefined;
  const systemInstructions: GenAiPart[] = [];
  const messages: GenAiMessage[] = [];
  for (const message of prompt) {
    if (!isRecord(message) || typeof message.role !== 'string') continue;
    // Only the leading system messages are the instructions; a later one is history.
    if (message.role === 'system' && messages.length === 0) {
      systemInstructions.push(...messageOf(message, 'system').parts);
    } else {
      messages.push(messageOf(message, message.role));
    }
  }
  return { systemInstructions, messages };
}

/**
 * The messages of a prompt that come after at least one non-system message (the part a later
 * step of a tool loop adds), as {@link genAiPromptOf} makes them; undefined when one is a
 * system message (the caller then takes the whole prompt again). Never throws.
 */
export function laterMessagesOf(prompt: readonly unknown[]): GenAiMessage[] | undefined {
  const messages: GenAiMessage[] = [];
  for (const message of prompt) {
    if (!isRecord(message) || typeof message.role !== 'string') continue;
    if (message.role === 'system') return undefined;
    messages.push(messageOf(message, message.role));
  }
  return messages;
}
