import { flatText, readFlat, readFlatList } from './flat-attributes';
import { OI_CONTENT, OI_MESSAGE, OI_TOOL_CALL } from './phoenix-keys';
import type { PhoenixMessage, PhoenixMessageContent, PhoenixToolCall } from './phoenix-view';

type Flat = Readonly<Record<string, unknown>>;

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

function text(record: Flat, path: string): string | undefined {
  return flatText(readFlat(record, path));
}

function contentOf(item: Flat): PhoenixMessageContent {
  return {
    ...optional('type', text(item, OI_CONTENT.type)),
    ...optional('text', text(item, OI_CONTENT.text)),
    ...optional('imageUrl', text(item, OI_CONTENT.imageUrl)),
  };
}

function toolCallOf(item: Flat): PhoenixToolCall {
  return {
    ...optional('id', text(item, OI_TOOL_CALL.id)),
    ...optional('name', text(item, OI_TOOL_CALL.name)),
    ...optional('arguments', text(item, OI_TOOL_CALL.arguments)),
  };
}

function messageOf(item: Flat): PhoenixMessage {
  return {
    ...optional('role', text(item, OI_MESSAGE.role)),
    ...optional('content', text(item, OI_MESSAGE.content)),
    contents: readFlatList(item, OI_MESSAGE.contents).map(contentOf),
    ...optional('name', text(item, OI_MESSAGE.name)),
    ...optional('toolCallId', text(item, OI_MESSAGE.toolCallId)),
    ...optional('finishReason', text(item, OI_MESSAGE.finishReason)),
    toolCalls: readFlatList(item, OI_MESSAGE.toolCalls).map(toolCallOf),
  };
}

/**
 * The messages flattened under `prefix` (`llm.input_messages` or `llm.output_messages`),
 * reassembled in index order: `<prefix>.<i>.message.role|content|name|tool_call_id`,
 * `….message.contents.<k>.message_content.type|text|image.image.url` and
 * `….message.tool_calls.<j>.tool_call.id|function.name|function.arguments`.
 */
export function readMessages(attributes: Flat, prefix: string): PhoenixMessage[] {
  return readFlatList(attributes, prefix).map(messageOf);
}
