import type { MockCompletionReply } from './mock-types';

/** One Server-Sent Event: an optional `event:` line and one `data:` line. */
export interface SseEvent {
  event?: string;
  data: string;
}

/** How the server answers: one JSON body, or a list of SSE events. */
export type ReplyPlan =
  | { kind: 'json'; status: number; body: unknown }
  | { kind: 'sse'; events: SseEvent[] };

/** Turns an endpoint's request body and the reply to give into what goes on the wire. */
export type EndpointHandler = (input: { body: any; reply: MockCompletionReply }) => ReplyPlan;

/** A JSON-encoded SSE event. */
export function sseData(payload: unknown, event?: string): SseEvent {
  return event === undefined
    ? { data: JSON.stringify(payload) }
    : { event, data: JSON.stringify(payload) };
}

/** The terminator of chat and legacy completion streams. */
export const SSE_DONE: SseEvent = { data: '[DONE]' };
