import * as langchainContext from '@langchain/core/context';
import { diag } from '@opentelemetry/api';
import type { ThreadlineCallbackHandlerOptions } from '../handler/handler-options';
import { ThreadlineCallbackHandler } from '../handler/threadline-callback-handler';

/** The LangChain context variable that holds the handler for the configure hook. */
export const HANDLER_CONTEXT_VARIABLE = 'threadline_callback_handler';

/** Options of {@link registerThreadlineHandler}: a handler, or the options to create one. */
export interface RegisterThreadlineHandlerOptions extends ThreadlineCallbackHandlerOptions {
  /** The handler to attach; when left out, one is created from the other options. */
  handler?: ThreadlineCallbackHandler;
}

/**
 * Attaches a `ThreadlineCallbackHandler` to every LangChain run, without passing `callbacks`
 * on each call, through LangChain's configure hook (`registerConfigureHook` and
 * `setContextVariable` of `@langchain/core/context`). Returns the handler.
 *
 * LangChain keeps hooks and context variables in its AsyncLocalStorage: they apply to the
 * async context that made this call and everything started from it. Call it once at startup,
 * before the server or worker starts taking requests; a call inside a request covers only that
 * request. A run that already has a handler named `ThreadlineCallbackHandler` in its callbacks
 * keeps that one. Needs an `@langchain/core` that exports `registerConfigureHook` (later 0.3
 * releases and 1.x); with an older one it warns through `diag` and attaches nothing.
 *
 * @example
 * registerThreadlineHandler({ release: '2024-06-01' });
 * await propagateAttributes({ sessionId: 'conv-42', userId: 'u-7' }, () => chain.invoke(input));
 */
export function registerThreadlineHandler({
  handler,
  ...options
}: RegisterThreadlineHandlerOptions = {}): ThreadlineCallbackHandler {
  const attached = handler ?? new ThreadlineCallbackHandler(options);
  const { registerConfigureHook, setContextVariable, getContextVariable } = langchainContext;
  if (typeof registerConfigureHook !== 'function' || typeof setContextVariable !== 'function') {
    diag.warn(
      'threadline: this @langchain/core has no registerConfigureHook; pass the handler in callbacks',
    );
    return attached;
  }
  try {
    // The hook and the variable live in the same LangChain context: when the variable is
    // already set here, so is the hook, and only the handler is replaced.
    if (getContextVariable(HANDLER_CONTEXT_VARIABLE) === undefined) {
      registerConfigureHook({ contextVar: HANDLER_CONTEXT_VARIABLE, inheritable: true });
    }
    setContextVariable(HANDLER_CONTEXT_VARIABLE, attached);
  } catch (error) {
    diag.warn('threadline: could not register the LangChain configure hook', error);
  }
  return attached;
}
