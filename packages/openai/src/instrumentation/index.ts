export type { ThreadlineOpenAIInstrumentationConfig } from './instrumentation-config';
export { ThreadlineOpenAIInstrumentation } from './threadline-openai-instrumentation';
