import type { MockReply, MockRequest } from '@threadline/testing';

/** What the scripted model needs to know about a request, from either OpenAI API shape. */
interface Conversation {
  /** Every user text, oldest first. */
  userTexts: string[];
  /** The output of the tool call the model made last, when the request answers one. */
  toolOutput?: string;
  /** Names of the tools the request offers. */
  tools: string[];
}

type Json = Record<string, any>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Text of a message `content`: a string, or parts with a `text`. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : ''))
    .join(' ');
}

/** Reads chat-completions `messages` and Responses API `input` alike. */
function readConversation(body: unknown): Conversation {
  const request = isObject(body) ? body : {};
  const items: unknown[] = Array.isArray(request.messages)
    ? request.messages
    : Array.isArray(request.input)
      ? request.input
      : typeof request.input === 'string'
        ? [{ role: 'user', content: request.input }]
        : [];
  const userTexts = items.flatMap((item) =>
    isObject(item) && item.role === 'user' ? [textOf(item.content)] : [],
  );
  const last = items.at(-1);
  let toolOutput: string | undefined;
  if (isObject(last) && last.role === 'tool') toolOutput = textOf(last.content);
  if (isObject(last) && last.type === 'function_call_output') toolOutput = textOf(last.output);
  const tools = (Array.isArray(request.tools) ? request.tools : []).flatMap((tool: unknown) =>
    isObject(tool) ? [String(tool.function?.name ?? tool.name ?? '')] : [],
  );
  return { userTexts, tools, ...(toolOutput !== undefined ? { toolOutput } : {}) };
}

function parseJson(text: string): Json {
  try {
    const value = JSON.parse(text);
    return isObject(value) ? value : {};
  } catch {
    return {};
  }
}

/** The last order number the customer mentioned. */
function orderIdOf(userTexts: string[]): string {
  const ids = userTexts.join(' ').match(/[A-Z]\d{4}/g);
  return ids?.at(-1) ?? 'A1042';
}

/**
 * A scripted support model for the loopback OpenAI-compatible server: it calls the tool it is
 * offered, then answers from the tool's output, and answers plain questions by topic. It reads
 * the request like a model would, so the demo works whatever order the frameworks call it in.
 */
export function supportModelReply({ body }: MockRequest): MockReply {
  const { userTexts, toolOutput, tools } = readConversation(body);
  const question = userTexts.at(-1) ?? '';
  const orderId = orderIdOf(userTexts);

  if (toolOutput !== undefined) {
    const result = parseJson(toolOutput);
    if (result.ticket) {
      return {
        content: `I have handed this to a person: ticket ${result.ticket} in our ${result.queue} queue. Someone will reply within ${result.firstReplyWithin}.`,
      };
    }
    return {
      content: `Your parcel is ${result.status ?? 'delayed'} at the ${result.location ?? 'depot'}: ${result.reason ?? 'a carrier delay'}. ${result.carrier ?? 'The carrier'} now expects to deliver it on ${result.expectedDelivery ?? 'Monday'}.`,
    };
  }
  if (tools.includes('lookupShipment')) {
    return { toolCalls: [{ name: 'lookupShipment', arguments: { orderId } }] };
  }
  if (tools.includes('escalateToHuman')) {
    const reason = 'late delivery; the customer asked for a person';
    return { toolCalls: [{ name: 'escalateToHuman', arguments: { orderId, reason } }] };
  }
  if (/neighbou?r/i.test(question)) {
    return {
      content: `Done: the note on ticket ESC-2291 now asks the courier to leave order #${orderId} with your neighbour.`,
    };
  }
  if (/where|status/i.test(question)) {
    return {
      content: `Order #${orderId} left our warehouse on Monday with ParcelNet and is due on Thursday.`,
    };
  }
  return { content: 'Thanks, I have added that to your case.' };
}
