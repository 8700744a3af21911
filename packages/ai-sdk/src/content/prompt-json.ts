import { MAX_CONTENT_CHARS } from '@threadline/core/adapter';

/** The GenAI input keys of a prompt, as the general conversion makes them. */
export interface PromptJson {
  readonly messages: string | undefined;
  readonly system: string | undefined;
}

/** Options of {@link promptJson}. */
export interface PromptJsonOptions {
  /**
   * The JSON is the SDK's own `JSON.stringify` output (no mask rewrote it): then tool calls and
   * tool results are taken too, their values copied as they are, since parsed and written again
   * they would come back the same.
   */
  canonical?: boolean;
  /** The messages a later step added: a system message among them is left to the general path. */
  later?: boolean;
  /**
   * Where the list starts: its `[`, or (for the messages a later step added) the `,` after the
   * messages before them, so the added ones are read in place rather than copied out first.
   */
  from?: number;
}

const ROLE_OPEN = '{"role":"';
const USER = '{"role":"user","content":';
const ASSISTANT = '{"role":"assistant","content":';
const TOOL = '{"role":"tool","content":';
const SYSTEM = '{"role":"system","content":';
const TEXT = '{"type":"text","text":';
const TOOL_CALL = '{"type":"tool-call","toolCallId":';
const TOOL_RESULT = '{"type":"tool-result","toolCallId":';
const TOOL_NAME = ',"toolName":';
const INPUT = ',"input":';
/** The tool outputs whose `value` is the response. */
const OUTPUT_PREFIXES = ['json', 'text', 'error-json', 'error-text'].map(
  (type) => `,"output":{"type":"${type}","value":`,
);

/**
 * Where the JSON string literal at `at` ends, or -1 when there is none exactly as
 * `JSON.stringify` writes it: no character it escapes appears raw (quote, backslash, control
 * characters, lone surrogates) and every escape is the one it writes. Parsed and written again,
 * such a literal comes back the same.
 *
 * Why a loop over the characters: the literals are short (ids, names, message texts), and
 * reading their characters takes fewer operations than a regular expression match per literal.
 */
export function literalEnd(json: string, at: number): number {
  if (json.charCodeAt(at) !== 34) return -1;
  const { length } = json;
  for (let i = at + 1; i < length; i++) {
    const c = json.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c === 92) {
      const e = json.charCodeAt(++i);
      // \" \\ \b \f \n \r \t
      if (e === 34 || e === 92 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
        continue;
      }
      // \u00XX, lowercase, only for the control characters without a short escape.
      if (e !== 117 || json.charCodeAt(i + 1) !== 48 || json.charCodeAt(i + 2) !== 48) return -1;
      const high = json.charCodeAt(i + 3);
      const low = json.charCodeAt(i + 4);
      if (high === 48) {
        if (!((low >= 48 && low <= 55) || low === 98 || low === 101 || low === 102)) return -1;
      } else if (high !== 49 || !((low >= 48 && low <= 57) || (low >= 97 && low <= 102))) {
        return -1;
      }
      i += 4;
    } else if (c < 32) {
      return -1;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      // A surrogate pair is one character; a lone half is escaped by JSON.stringify.
      const next = json.charCodeAt(i + 1);
      if (c >= 0xdc00 || !(next >= 0xdc00 && next <= 0xdfff)) return -1;
      i++;
    }
  }
  return -1;
}

/**
 * Where the JSON value at `at` ends, in JSON without whitespace; -1 when it does not end. Only
 * used on the SDK's own JSON, so it follows strings and nesting without checking the rest.
 */
function valueEnd(json: string, at: number): number {
  let depth = 0;
  for (let i = at; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 34) {
      for (i++; i < json.length; i++) {
        const d = json.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34) break;
      }
      if (i >= json.length) return -1;
      if (depth === 0) return i + 1;
    } else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      if (--depth === 0) return i + 1;
      if (depth < 0) return -1;
    } else if (depth === 0) {
      let j = i;
      while (j < json.length && !isValueEnd(json.charCodeAt(j))) j++;
      return j > i ? j : -1;
    }
  }
  return -1;
}

function isValueEnd(c: number): boolean {
  return c === 44 || c === 125 || c === 93;
}

/** Parts of one message, from the `[` at `at`: their GenAI JSON and where the list ends. */
class PartsReader {
  parts = '';
  end = -1;
  /** Where the part {@link part} read last ends. */
  private partEnd = -1;

  constructor(
    private readonly json: string,
    private readonly canonical: boolean,
    private readonly callsOnly = false,
  ) {}

  read(at: number): boolean {
    const { json } = this;
    if (json.charCodeAt(at) !== 91) return false;
    let i = at + 1;
    let parts = '';
    while (json.charCodeAt(i) !== 93) {
      if (i > at + 1) {
        if (json.charCodeAt(i) !== 44) return false;
        i++;
      }
      const part = this.part(i);
      if (part === undefined) return false;
      parts += parts === '' ? part : `,${part}`;
      i = this.partEnd;
    }
    this.parts = parts;
    this.end = i + 1;
    return true;
  }

  /** The GenAI JSON of the part at `at` (its end in {@link partEnd}), undefined for no such part. */
  private part(at: number): string | undefined {
    const { json } = this;
    if (!this.callsOnly && json.startsWith(TEXT, at)) {
      const start = at + TEXT.length;
      const end = literalEnd(json, start);
      if (end < 0 || json.charCodeAt(end) !== 125) return undefined;
      this.partEnd = end + 1;
      return `{"type":"text","content":${json.slice(start, end)}}`;
    }
    if (!this.canonical) return undefined;
    const call = json.startsWith(TOOL_CALL, at);
    if (!call && (this.callsOnly || !json.startsWith(TOOL_RESULT, at))) return undefined;
    const idStart = at + (call ? TOOL_CALL.length : TOOL_RESULT.length);
    const idEnd = literalEnd(json, idStart);
    if (idEnd < 0 || !json.startsWith(TOOL_NAME, idEnd)) return undefined;
    const nameStart = idEnd + TOOL_NAME.length;
    const nameEnd = literalEnd(json, nameStart);
    if (nameEnd < 0) return undefined;
    const id = json.slice(idStart, idEnd);
    if (call) {
      if (!json.startsWith(INPUT, nameEnd)) return undefined;
      const start = nameEnd + INPUT.length;
      // A string input is parsed as the arguments, a null one falls back to `args`: general path.
      const first = json.charCodeAt(start);
      if (first === 34 || json.startsWith('null', start)) return undefined;
      const end = valueEnd(json, start);
      if (end < 0 || json.charCodeAt(end) !== 125) return undefined;
      this.partEnd = end + 1;
      return `{"type":"tool_call","id":${id},"name":${json.slice(nameStart, nameEnd)},"arguments":${json.slice(start, end)}}`;
    }
    for (const prefix of OUTPUT_PREFIXES) {
      if (!json.startsWith(prefix, nameEnd)) continue;
      const start = nameEnd + prefix.length;
      const end = valueEnd(json, start);
      if (end < 0 || json.charCodeAt(end) !== 125 || json.charCodeAt(end + 1) !== 125) {
        return undefined;
      }
      this.partEnd = end + 2;
      return `{"type":"tool_call_response","id":${id},"response":${json.slice(start, end)}}`;
    }
    return undefined;
  }
}

/** The role of the message at `at` and the length of its `{"role":"…","content":`, or none. */
function roleAt(
  json: string,
  at: number,
): typeof USER | typeof ASSISTANT | typeof TOOL | typeof SYSTEM | undefined {
  if (!json.startsWith(ROLE_OPEN, at)) return undefined;
  // One look at the role's first letter picks the one prefix to compare.
  let prefix: typeof USER | typeof ASSISTANT | typeof TOOL | typeof SYSTEM;
  switch (json.charCodeAt(at + ROLE_OPEN.length)) {
    case 117:
      prefix = USER;
      break;
    case 97:
      prefix = ASSISTANT;
      break;
    case 116:
      prefix = TOOL;
      break;
    case 115:
      prefix = SYSTEM;
      break;
    default:
      return undefined;
  }
  return json.startsWith(prefix, at) ? prefix : undefined;
}

/**
 * `gen_ai.input.messages` and `gen_ai.system_instructions` of an `ai.prompt.messages`, written
 * straight from the SDK's JSON: the same text that parsing, converting and serialising it makes,
 * without doing any of that. Text messages (a `prompt` string, a `system` text, a chat history
 * of text) are always taken; tool calls and tool results only from the SDK's own JSON
 * (`canonical`). Undefined for any other prompt (a file, reasoning, provider options, a literal
 * with escapes `JSON.stringify` does not write, anything past the content bound), which then
 * takes the general path.
 *
 * Why: every step of every call records its prompt, and parsing it, building the GenAI messages
 * and serialising them again was most of what recording its input cost.
 */
export function promptJson(
  json: string,
  { canonical = false, later = false, from = 0 }: PromptJsonOptions = {},
): PromptJson | undefined {
  const last = json.length - 1;
  const open = json.charCodeAt(from);
  if (json.charCodeAt(last) !== 93 || (open !== 91 && (open !== 44 || from === 0))) {
    return undefined;
  }
  const reader = new PartsReader(json, canonical);
  let system = '';
  let messages = '';
  let at = from + 1;
  while (at < last) {
    if (at > from + 1) {
      if (json.charCodeAt(at) !== 44) return undefined;
      at++;
    }
    const prefix = roleAt(json, at);
    if (prefix === undefined) return undefined;
    const role =
      prefix === USER
        ? 'user'
        : prefix === ASSISTANT
          ? 'assistant'
          : prefix === TOOL
            ? 'tool'
            : 'system';
    const start = at + prefix.length;
    let parts: string;
    if (prefix === SYSTEM && json.charCodeAt(start) === 34) {
      const end = literalEnd(json, start);
      if (end < 0 || json.charCodeAt(end) !== 125) return undefined;
      parts = `{"type":"text","content":${json.slice(start, end)}}`;
      at = end + 1;
    } else {
      if (!reader.read(start) || json.charCodeAt(reader.end) !== 125) return undefined;
      parts = reader.parts;
      at = reader.end + 1;
    }
    if (prefix === SYSTEM) {
      if (later) return undefined;
      // Only the leading system messages are the instructions; a later one is history.
      if (messages === '') {
        if (parts !== '') system += system === '' ? parts : `,${parts}`;
        continue;
      }
    }
    messages += `${messages === '' ? '' : ','}{"role":"${role}","parts":[${parts}]}`;
  }
  if (at !== last) return undefined;
  const systemJson = system === '' ? undefined : `[${system}]`;
  const messagesJson = messages === '' ? undefined : `[${messages}]`;
  if ((systemJson?.length ?? 0) > MAX_CONTENT_CHARS) return undefined;
  if ((messagesJson?.length ?? 0) > MAX_CONTENT_CHARS) return undefined;
  return { messages: messagesJson, system: systemJson };
}

/**
 * The GenAI `tool_call` parts of a model call's `ai.response.toolCalls` (the SDK's own JSON,
 * no mask rewrote it), as JSON without the list's brackets (empty when there are none): the
 * text serialising the converted calls makes. Undefined for any other list, which then takes
 * the general path.
 */
export function toolCallsJson(json: string): string | undefined {
  const reader = new PartsReader(json, true, true);
  return reader.read(0) && reader.end === json.length ? reader.parts : undefined;
}
