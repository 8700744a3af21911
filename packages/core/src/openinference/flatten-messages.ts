import type { AttributeValue } from '@opentelemetry/api';
import { cutText } from './bounded-text';
import type { ChatMessage } from './chat-messages';
import { OPENINFERENCE_SPAN_ATTRIBUTES as OI } from './openinference-keys';
import type { SpanWriter } from './span-writer';

/** Messages flattened per direction at most. */
export const MAX_FLATTENED_MESSAGES = 32;
/** Tool calls flattened per message at most. */
export const MAX_FLATTENED_TOOL_CALLS = 8;
/** Characters at most in one flattened content or arguments value. */
export const MAX_MESSAGE_CHARS = 8192;

/**
 * The messages to flatten when there are too many: the leading system message (the model's
 * instructions) and the latest others (the turn being answered).
 */
function choose(messages: readonly ChatMessage[]): readonly ChatMessage[] {
  if (messages.length <= MAX_FLATTENED_MESSAGES) return messages;
  const first = messages[0]!;
  if (first.role !== 'system') return messages.slice(-MAX_FLATTENED_MESSAGES);
  return [first, ...messages.slice(-(MAX_FLATTENED_MESSAGES - 1))];
}

function entriesOf(prefix: string, message: ChatMessage): Array<[string, AttributeValue]> {
  const entries: Array<[string, AttributeValue]> = [[`${prefix}${OI.MESSAGE_ROLE}`, message.role]];
  if (message.content !== undefined) {
    entries.push([`${prefix}${OI.MESSAGE_CONTENT}`, cutText(message.content, MAX_MESSAGE_CHARS)]);
  }
  if (message.toolCallId !== undefined) {
    entries.push([`${prefix}${OI.MESSAGE_TOOL_CALL_ID}`, message.toolCallId]);
  }
  const calls = message.toolCalls ?? [];
  for (let j = 0; j < calls.length && j < MAX_FLATTENED_TOOL_CALLS; j++) {
    const call = calls[j]!;
    const at = `${prefix}${OI.MESSAGE_TOOL_CALLS}.${j}.`;
    if (call.id !== undefined) entries.push([`${at}${OI.TOOL_CALL_ID}`, call.id]);
    if (call.name !== undefined) entries.push([`${at}${OI.TOOL_CALL_FUNCTION_NAME}`, call.name]);
    if (call.arguments !== undefined) {
      entries.push([
        `${at}${OI.TOOL_CALL_FUNCTION_ARGUMENTS_JSON}`,
        cutText(call.arguments, MAX_MESSAGE_CHARS),
      ]);
    }
  }
  return entries;
}

/**
 * Writes `messages` as OpenInference's flattened keys under `root` (`llm.input_messages` or
 * `llm.output_messages`): `<root>.<i>.message.role|content|tool_call_id` and
 * `<root>.<i>.message.tool_calls.<j>.tool_call.id|function.name|function.arguments`. Whole
 * messages only: one that no longer fits the span's attribute limit ends the list. Nothing
 * when the span already carries messages under `root`.
 */
export function writeMessages(
  writer: SpanWriter,
  root: string,
  messages: readonly ChatMessage[] | undefined,
): void {
  if (!messages || messages.length === 0) return;
  if (writer.has(`${root}.0.${OI.MESSAGE_ROLE}`)) return;
  const chosen = choose(messages);
  for (let i = 0; i < chosen.length; i++) {
    const entries = entriesOf(`${root}.${i}.`, chosen[i]!);
    if (!writer.fits(entries.length)) return;
    for (const [key, value] of entries) writer.set(key, value);
  }
}
