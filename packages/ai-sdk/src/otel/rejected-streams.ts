import type * as DiagnosticsChannel from 'node:diagnostics_channel';
import { diag } from '@opentelemetry/api';

/** ai 7's tracing channel (`AI_SDK_TELEMETRY_TRACING_CHANNEL` of `ai`). */
const AI_TRACING_CHANNEL = 'ai:telemetry';

/** What ai 7 publishes on the channel: the operation type and its telemetry event. */
interface ChannelMessage {
  readonly type?: unknown;
  readonly event?: { readonly callId?: unknown } | null;
}

type Listener = (callId: string) => void;

const listeners = new Set<Listener>();
let subscribed = false;

function loadDiagnosticsChannel(): typeof DiagnosticsChannel | undefined {
  // As ai does: Node only, never a static import (edge runtimes have no such module).
  const process = globalThis.process as { getBuiltinModule?: (id: string) => unknown } | undefined;
  return process?.getBuiltinModule?.('node:diagnostics_channel') as
    | typeof DiagnosticsChannel
    | undefined;
}

function onError(message: unknown): void {
  const { type, event } = (message ?? {}) as ChannelMessage;
  const callId = event?.callId;
  if (type !== 'streamText' || typeof callId !== 'string') return;
  for (const listener of listeners) {
    try {
      listener(callId);
    } catch (error) {
      diag.warn('threadline: closing a rejected streamText call failed', error);
    }
  }
}

/**
 * Calls `listener` with the call id of every `streamText` whose result ai 7 rejects.
 *
 * Why: an abort while nobody reads the stream (the reader stopped, or never started) rejects
 * the result at once, but ai 7 tells its telemetry integrations only when the stream is read
 * again, so their spans stay open. ai publishes the rejection on its tracing channel whether
 * or not the stream is read. A failure rejects the result too, after the integrations were
 * told. Node only (elsewhere there is no such channel and `listener` is never called).
 */
export function onRejectedStreamText(listener: Listener): void {
  listeners.add(listener);
  if (subscribed) return;
  subscribed = true;
  try {
    // Node accepts any subset of the five handlers; its types ask for all of them.
    const handlers = {
      error: onError,
    } as unknown as DiagnosticsChannel.TracingChannelSubscribers<object>;
    loadDiagnosticsChannel()?.tracingChannel?.(AI_TRACING_CHANNEL)?.subscribe(handlers);
  } catch (error) {
    diag.warn("threadline: could not listen on ai's tracing channel", error);
  }
}
