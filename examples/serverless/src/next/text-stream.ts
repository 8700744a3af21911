import type { ChatCompletionChunk } from 'openai/resources/chat/completions';

/** Options of {@link textStream}. */
export interface TextStreamOptions {
  /** Runs once the model's stream is over (read to its end, failed or cancelled). */
  onEnd?: () => Promise<void>;
}

/**
 * The text of a streamed chat completion as the body of a `Response`. `onEnd` runs before the
 * body ends, so a serverless instance is still running (the client is still reading) when it
 * does: the model call's span has ended by then and can be exported.
 */
export function textStream(
  chunks: AsyncIterable<ChatCompletionChunk>,
  { onEnd = async () => {} }: TextStreamOptions = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<ChatCompletionChunk> | undefined;
  let ended = false;
  const end = async () => {
    if (ended) return;
    ended = true;
    await onEnd();
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      iterator ??= chunks[Symbol.asyncIterator]();
      try {
        // A pull that enqueues nothing is not called again: read on to the next piece of text.
        for (;;) {
          const next = await iterator.next();
          if (next.done) {
            await end();
            controller.close();
            return;
          }
          const text = next.value.choices[0]?.delta?.content;
          if (text) {
            controller.enqueue(encoder.encode(text));
            return;
          }
        }
      } catch (error) {
        await end();
        controller.error(error);
      }
    },
    async cancel() {
      // The client went away: stop the model's stream (its span ends as consumer_stopped).
      await iterator?.return?.();
      await end();
    },
  });
}
