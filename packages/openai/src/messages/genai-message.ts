/**
 * One part of a message in the OpenTelemetry GenAI conventions' JSON: `text`, `tool_call`,
 * `tool_call_response`, `reasoning`, `uri`, `file`, `server_tool_call`, or another type.
 */
export type GenAiPart = { type: string } & Record<string, unknown>;

/**
 * A message of `gen_ai.input.messages` / `gen_ai.output.messages`. `finish_reason` is set on
 * output messages only.
 */
export interface GenAiMessage {
  role: string;
  parts: GenAiPart[];
  name?: string;
  finish_reason?: string;
}

/** A text part. */
export function textPart(content: string): GenAiPart {
  return { type: 'text', content };
}

/**
 * What stands in for inline data (a base64 image, audio or file), which is never recorded: it
 * would crowd the size bound out of every other part, and cut it would be no image at all.
 */
export function omittedPart(what: string): GenAiPart {
  return textPart(`[${what}: not recorded]`);
}

/**
 * Tool call arguments as the conventions want them: the object, when the model's JSON string
 * parses (a stream left early leaves it cut, and then it stays the string it was).
 */
export function toolArguments(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * A tool call part; `id` is null when the API gave none (the legacy `function_call`). A
 * function's JSON arguments are parsed; a custom tool's free text input (`json: false`) is
 * kept as it is.
 */
export function toolCallPart(id: unknown, name: unknown, args: unknown, json = true): GenAiPart {
  return {
    type: 'tool_call',
    id: typeof id === 'string' ? id : null,
    name: typeof name === 'string' ? name : '',
    arguments: json ? toolArguments(args) : args,
  };
}

/** A tool result part, answering the call `id`. */
export function toolResponsePart(id: unknown, response: unknown): GenAiPart {
  return { type: 'tool_call_response', id: typeof id === 'string' ? id : null, response };
}

/**
 * An output message's `finish_reason`: the API's own value, except that OpenAI's `tool_calls`
 * (and the legacy `function_call`) is the conventions' `tool_call`.
 */
export function outputFinishReason(reason: string): string {
  return reason === 'tool_calls' || reason === 'function_call' ? 'tool_call' : reason;
}
