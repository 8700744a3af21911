import type { LangfuseObservation, LangfuseTrace } from '@threadline/read-model';
import { displayJson } from './bounded-value';

type Role = 'user' | 'assistant';

const MAX_DEPTH = 8;
const ASSISTANT_ROLES = new Set(['assistant', 'model', 'ai']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of a message's content: a string, or the text parts of a parts array. */
function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts: string[] = [];
  for (const part of content) {
    if (typeof part === 'string') texts.push(part);
    else if (isRecord(part) && typeof part.text === 'string') texts.push(part.text);
    else if (isRecord(part) && typeof part.content === 'string') texts.push(part.content);
  }
  return texts.length > 0 ? texts.join('\n') : undefined;
}

function toolCallsText(message: Record<string, unknown>): string | undefined {
  const calls = message.tool_calls ?? message.toolCalls;
  if (!Array.isArray(calls) || calls.length === 0) return undefined;
  const names = calls.map((call) =>
    isRecord(call) && isRecord(call.function) && typeof call.function.name === 'string'
      ? call.function.name
      : 'tool',
  );
  return `(calls ${names.join(', ')})`;
}

function messageText(message: Record<string, unknown>): string | undefined {
  return (
    contentText(message.content) ??
    contentText(message.parts) ??
    (typeof message.text === 'string' ? message.text : undefined) ??
    toolCallsText(message)
  );
}

function isMessage(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && typeof value.role === 'string';
}

/**
 * The text a person would read in a model call's input or output, whatever shape the
 * instrumentation recorded: a plain string, a chat messages array (the last user message for
 * input, the last assistant message for output), an OpenAI chat completion or Responses API
 * object, or a `{ messages }` / `{ input }` / `{ prompt }` wrapper.
 */
export function textOf(value: unknown, role: Role, depth = 0): string | undefined {
  if (depth > MAX_DEPTH || value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const messages = value.filter(isMessage);
    if (messages.length > 0) {
      const wanted = (m: Record<string, unknown>) =>
        role === 'user' ? m.role === 'user' : ASSISTANT_ROLES.has(String(m.role));
      const message = messages.findLast(wanted) ?? messages[messages.length - 1]!;
      return messageText(message);
    }
    return contentText(value);
  }
  if (!isRecord(value)) return undefined;
  if (typeof value.role === 'string') return messageText(value);
  const keys =
    role === 'user'
      ? ['messages', 'input', 'prompt', 'question', 'query', 'text', 'content']
      : ['choices', 'output_text', 'output', 'message', 'text', 'content', 'completion', 'answer'];
  for (const key of keys) {
    if (!Object.hasOwn(value, key)) continue;
    let inner = value[key];
    // A chat completion: the first choice's message (or its text, for legacy completions).
    if (key === 'choices' && Array.isArray(inner) && isRecord(inner[0])) {
      inner = inner[0].message ?? inner[0].text;
    }
    const text = textOf(inner, role, depth + 1);
    if (text !== undefined) return text;
  }
  return undefined;
}

/**
 * A value as readable text: its text when it has one, else compact JSON, bounded before it is
 * stringified (a value that still cannot be shown gives a marker, never an error).
 */
export function displayText(value: unknown, role: Role): string | undefined {
  if (value === undefined) return undefined;
  try {
    const text = textOf(value, role);
    if (text !== undefined) return text;
  } catch {
    // A shape textOf did not foresee: fall back to the JSON.
  }
  return displayJson(value);
}

const CONVERSATIONAL = new Set(['generation', 'agent', 'chain']);

function byStart(a: LangfuseObservation, b: LangfuseObservation): number {
  return a.startTime - b.startTime;
}

/**
 * What the user said in this turn: the trace's input when it has one, else the input of its
 * first model call, agent or chain (whose last user message is this turn's).
 */
export function userTurnText(trace: LangfuseTrace): string | undefined {
  if (trace.input !== undefined) return displayText(trace.input, 'user');
  const first = [...trace.observations]
    .sort(byStart)
    .find((o) => CONVERSATIONAL.has(o.type) && o.input !== undefined);
  return first ? displayText(first.input, 'user') : undefined;
}

/**
 * What the assistant answered: the trace's output when it has one, else the output of the
 * model call that ended last (the one after any tool calls).
 */
export function assistantTurnText(trace: LangfuseTrace): string | undefined {
  if (trace.output !== undefined) return displayText(trace.output, 'assistant');
  const last = [...trace.observations]
    .filter((o) => o.type === 'generation' && o.output !== undefined)
    .sort((a, b) => a.endTime - b.endTime)
    .pop();
  const answer =
    last ??
    [...trace.observations]
      .filter((o) => CONVERSATIONAL.has(o.type) && o.output !== undefined)
      .sort((a, b) => a.endTime - b.endTime)
      .pop();
  return answer ? displayText(answer.output, 'assistant') : undefined;
}
