import { type Attributes, context, SpanKind } from '@opentelemetry/api';
import {
  contextWithExplicitAttributes,
  GEN_AI_ATTRIBUTES,
  getSpanAttributes,
  LANGFUSE_OBSERVATION_ATTRIBUTES,
  setPromptLink,
} from '@threadline/core/adapter';
import { callContext } from './call-context';
import { CallSpan } from './call-span';
import type { ObservedState } from './observed-state';
import type { Operation } from './operations/operation';
import { isRecord } from './operations/values';
import { openAITracer } from './tracer';
import { warnFailed } from './warn-failed';

/**
 * Starts the span of one model call, as a child of the caller's active span, with the
 * observed client's attributes as explicit (docs/contract.md#precedence, level 1). The call's
 * context marks `target`, the SDK object whose method it runs, as running.
 */
export function startCall(
  state: ObservedState,
  operation: Operation,
  body: unknown,
  target: object,
): CallSpan {
  const capture = state.captureContent;
  // Request details (parameters, captured input) are set once the span has started: samplers
  // get what the GenAI conventions ask for at creation (operation, provider, server, model),
  // and neither the SDK's copy of start attributes nor the processor's scan of them for keys
  // of its dialects (docs/contract.md#precedence, level 1) has to go through the rest.
  const request: Attributes = {};
  if (isRecord(body)) {
    try {
      operation.requestAttributes(body, capture, request);
    } catch (error) {
      warnFailed('read an OpenAI request', error);
    }
  }
  const model = request[GEN_AI_ATTRIBUTES.REQUEST_MODEL];
  const attributes: Attributes = {
    [GEN_AI_ATTRIBUTES.OPERATION_NAME]: operation.name,
    ...state.clientAttributes,
  };
  if (model !== undefined) attributes[GEN_AI_ATTRIBUTES.REQUEST_MODEL] = model;
  const name =
    state.generationName ??
    (typeof model === 'string' ? `${operation.name} ${model}` : operation.name);
  const parent = context.active();
  const startContext = state.explicit
    ? contextWithExplicitAttributes(parent, state.explicit)
    : parent;
  const span = openAITracer(state.tracerProvider).startSpan(
    name,
    { kind: SpanKind.CLIENT, attributes },
    startContext,
  );
  if (span.isRecording()) {
    try {
      span.setAttribute(LANGFUSE_OBSERVATION_ATTRIBUTES.TYPE, operation.observationType);
      span.setAttributes(request);
      const resolved = getSpanAttributes(span, startContext);
      const sessionId = resolved.sessionId;
      // The processor writes no gen_ai.* key; the conversation is the resolved session.
      if (sessionId) span.setAttribute(GEN_AI_ATTRIBUTES.CONVERSATION_ID, sessionId);
      // Only a generation used the prompt (docs/contract.md#adapter-spans); embeddings did not.
      if (operation.observationType === 'generation' && state.linksPrompt) {
        setPromptLink(span, resolved);
      }
    } catch (error) {
      warnFailed('record an OpenAI request', error);
    }
  }
  return new CallSpan(span, callContext(parent, span, target), operation, capture);
}
