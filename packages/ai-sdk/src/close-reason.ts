/**
 * Event on a span that Threadline ended because the AI SDK would have left it open; its
 * `threadline.close_reason` attribute says why (see {@link CloseReason}).
 */
export const CLOSED_EVENT = 'threadline.closed';

/** Attribute of {@link CLOSED_EVENT}. */
export const CLOSE_REASON_ATTRIBUTE = 'threadline.close_reason';

/**
 * Why Threadline ended a span of an AI SDK call:
 * - `call_ended`: the call's root span ended while this span was still open;
 * - `aborted`: the call's abort signal fired;
 * - `stream_error`: the model's stream failed (e.g. the connection was reset).
 */
export type CloseReason = 'call_ended' | 'aborted' | 'stream_error';
