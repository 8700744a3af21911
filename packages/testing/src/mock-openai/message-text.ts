/**
 * The text of a message's `content` as the chat and Responses APIs accept it: a string, or an
 * array of parts of which those with a string `text` (text, input_text, output_text) count.
 */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const texts: string[] = [];
  for (const part of content) {
    if (typeof part === 'string') texts.push(part);
    else if (isRecord(part) && typeof part.text === 'string') texts.push(part.text);
  }
  return texts.join(' ');
}

/** Narrows an unknown JSON value to an object. */
export function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The default assistant text: an echo of what the user said last. */
export function echoText(userText: string): string {
  return userText === '' ? 'Echo:' : `Echo: ${userText}`;
}
