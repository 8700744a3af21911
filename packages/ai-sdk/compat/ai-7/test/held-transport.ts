/** A `fetch` that passes on part of a streamed answer and then holds, like a slow network. */
export interface HeldTransport {
  fetch: typeof fetch;
  /** Resolves once the AI SDK has read every event passed on and asks for the next one. */
  held: Promise<void>;
}

/** Options of {@link heldTransport}. */
export interface HeldTransportOptions {
  /** SSE events to pass on before holding; default all of them, and then the body ends. */
  events?: number;
  /** Whether the request's abort ends the wait (as fetch's does) or is not passed on. */
  honoursAbort: boolean;
}

/**
 * Fetches the whole answer from the loopback server and passes its first `events` SSE events
 * on, then waits, as a model still generating does. With `honoursAbort` the wait ends with the
 * request's abort (the body fails with the signal's reason, as fetch's does); without, the
 * transport does not pass the abort signal on and the wait never ends. Without `events` every
 * event goes on and the body ends: the model is done.
 */
export function heldTransport({ events, honoursAbort }: HeldTransportOptions): HeldTransport {
  let reachedHold!: () => void;
  const held = new Promise<void>((resolve) => {
    reachedHold = resolve;
  });
  const transport: typeof fetch = async (input, init) => {
    const signal = init?.signal ?? undefined;
    const response = await fetch(input, { ...init, signal: honoursAbort ? signal : null });
    const text = await response.text();
    const parts = text.split(/(?<=\n\n)/).slice(0, events);
    const holds = events !== undefined;
    const encoder = new TextEncoder();
    let next = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          const part = parts[next++];
          if (part !== undefined) {
            controller.enqueue(encoder.encode(part));
            return;
          }
          reachedHold();
          if (!holds) {
            controller.close();
            return;
          }
          return new Promise<void>((_, reject) => {
            if (!honoursAbort || !signal) return;
            if (signal.aborted) reject(signal.reason);
            signal.addEventListener('abort', () => reject(signal.reason), { once: true });
          });
        },
      },
      { highWaterMark: 0 },
    );
    return new Response(body, { status: response.status, headers: response.headers });
  };
  return { fetch: transport, held };
}
