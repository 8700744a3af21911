export type { EndReason } from '@threadline/core/adapter';
export { observeOpenAI } from './observe-openai';
export type { ObserveOpenAIOptions } from './observe-options';
export { OPENAI_SPAN_ATTRIBUTES } from './span-keys';
export { PACKAGE_VERSION as VERSION } from './version';
