import { MAX_CONTENT_CHARS } from '@threadline/core/adapter';

/** The GenAI input keys of a prompt of text messages, as the general conversion makes them. */
export interface TextPromptJson {
  readonly messages: string | undefined;
  readonly system: string | undefined;
}

/**
 * A JSON string literal exactly as `JSON.stringify` writes it: no character it escapes appears
 * raw (quote, backslash, control characters, lone surrogates) and every escape is the one it
 * writes. Parsed and written again, such a literal comes back the same.
 */
const LITERAL =
  '"(?:[^"\\\\\\u0000-\\u001f\\ud800-\\udfff]|\\\\["\\\\bfnrt]|\\\\u00(?:0[0-7bef]|1[0-9a-f]))*"';
const TEXT_PART = `\\{"type":"text","text":${LITERAL}\\}`;
/** One message: a system message with string content, or a message of text parts only. */
const MESSAGE = new RegExp(
  `\\{"role":"system","content":(${LITERAL})\\}|\\{"role":"(system|user|assistant)","content":\\[((?:${TEXT_PART}(?:,${TEXT_PART})*)?)\\]\\}`,
  'uy',
);
const TEXT_KEY = /\{"type":"text","text":/g;
const PART_KEY = '{"type":"text","content":';

/**
 * `gen_ai.input.messages` and `gen_ai.system_instructions` of an `ai.prompt.messages` made of
 * text messages only (a `prompt` string, a `system` text, a chat history of text), written
 * straight from the SDK's JSON: the same text that parsing, converting and serialising it makes,
 * without doing any of that. Undefined for any other prompt (a tool call, a file, provider
 * options, a literal with escapes `JSON.stringify` does not write, anything cut by the bound),
 * which then takes the general path.
 *
 * Why: the first step of nearly every call is such a prompt, and parsing it, building the GenAI
 * messages and serialising them again was most of what recording its input cost.
 */
export function textPromptJson(json: string): TextPromptJson | undefined {
  if (json.charCodeAt(0) !== 91 || json.charCodeAt(json.length - 1) !== 93) return undefined;
  let system = '';
  let messages = '';
  let at = 1;
  while (at < json.length - 1) {
    if (at > 1) {
      if (json.charCodeAt(at) !== 44) return undefined;
      at++;
    }
    MESSAGE.lastIndex = at;
    const match = MESSAGE.exec(json);
    if (match === null) return undefined;
    at = MESSAGE.lastIndex;
    const [, systemText, role, parts] = match;
    // Only the leading system messages are the instructions; a later one is history.
    if (systemText !== undefined || role === 'system') {
      const content =
        systemText !== undefined ? `${PART_KEY}${systemText}}` : parts!.replace(TEXT_KEY, PART_KEY);
      if (messages === '') {
        if (content !== '') system += system === '' ? content : `,${content}`;
        continue;
      }
      messages += `,{"role":"system","parts":[${content}]}`;
    } else {
      messages += `${messages === '' ? '' : ','}{"role":"${role}","parts":[${parts!.replace(TEXT_KEY, PART_KEY)}]}`;
    }
  }
  if (at !== json.length - 1) return undefined;
  const systemJson = system === '' ? undefined : `[${system}]`;
  const messagesJson = messages === '' ? undefined : `[${messages}]`;
  if ((systemJson?.length ?? 0) > MAX_CONTENT_CHARS) return undefined;
  if ((messagesJson?.length ?? 0) > MAX_CONTENT_CHARS) return undefined;
  return { messages: messagesJson, system: systemJson };
}
