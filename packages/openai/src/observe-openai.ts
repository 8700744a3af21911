import { diag } from '@opentelemetry/api';
import { combineOptions, isEmptyOptions, type ObserveOpenAIOptions } from './observe-options';
import { observeClient, observedStateOf } from './observed-client';

/** The observed client without options, per bare client: wrapping once at start-up is free. */
const plainProxies = new WeakMap<object, object>();

/**
 * Makes every model call of an OpenAI client (openai 5.x to 7.x) an OpenTelemetry GenAI span
 * that carries the session, user and release context (docs/contract.md#adapter-spans):
 * `chat.completions.create` (plain and streamed), `chat.completions.parse`, `responses.create`
 * (plain and streamed), `embeddings.create` and the legacy `completions.create`. Every other
 * method passes through untouched, and what the caller gets back is exactly what the bare
 * client returns: the same `APIPromise` (`withResponse()`, `asResponse()`), the same `Stream`
 * (`tee()`, `toReadableStream()`, `controller`).
 *
 * Attributes given here are explicit on each span (docs/contract.md#precedence, level 1) and
 * win over the active `propagateAttributes` scope. A `prompt` (here or in the scope; a Langfuse
 * prompt client fits as it is) links the client's generations to that managed prompt, never its
 * embeddings; a fallback prompt links none. Cheap enough to call per request: the
 * client is not copied, and observing an observed client combines the options instead of
 * wrapping twice. Never throws: on a telemetry failure the client comes back as it was given.
 *
 * @example
 * const openai = observeOpenAI(new OpenAI());
 * await propagateAttributes({ sessionId: 'conv-42', userId: 'u-7' }, () =>
 *   openai.chat.completions.create({ model: 'gpt-4o-mini', messages }),
 * );
 * // or per request, winning over the scope:
 * await observeOpenAI(openai, { sessionId: 'conv-43', generationName: 'triage' })
 *   .chat.completions.create({ model: 'gpt-4o-mini', messages });
 */
export function observeOpenAI<T extends object>(client: T, options: ObserveOpenAIOptions = {}): T {
  try {
    if (typeof client !== 'object' || client === null) {
      diag.warn('threadline: observeOpenAI needs an OpenAI client; returning the value as given');
      return client;
    }
    const given = typeof options === 'object' && options !== null ? options : {};
    const observed = observedStateOf(client);
    if (observed) {
      if (isEmptyOptions(given)) return client;
      return observeClient(observed.client, combineOptions(observed.options, given)) as T;
    }
    if (!isEmptyOptions(given)) return observeClient(client, given);
    let proxy = plainProxies.get(client);
    if (!proxy) {
      proxy = observeClient(client, {});
      plainProxies.set(client, proxy);
    }
    return proxy as T;
  } catch (error) {
    diag.warn('threadline: observeOpenAI failed; returning the client unobserved', error);
    return client;
  }
}
