export { LANGCHAIN_ATTRIBUTES } from './attribute-keys';
export {
  HANDLER_CONTEXT_VARIABLE,
  type RegisterThreadlineHandlerOptions,
  registerThreadlineHandler,
} from './configure-hook/register-threadline-handler';
export type { ThreadlineCallbackHandlerOptions } from './handler/handler-options';
export { ThreadlineCallbackHandler } from './handler/threadline-callback-handler';
export {
  SESSION_METADATA_KEYS,
  TAGS_METADATA_KEYS,
  USER_METADATA_KEYS,
} from './runs/run-explicit';
export { PROMPT_METADATA_KEYS } from './runs/run-prompt';
export { PACKAGE_VERSION as VERSION } from './version';
