/**
 * ai 7's telemetry integration (`Telemetry` of `ai`), as much of it as Threadline relies on.
 * Declared here rather than imported: this package builds against the `ai` of every major it
 * serves, and only ai 7 has these types.
 */

/** The lifecycle hooks of an ai 7 telemetry integration that Threadline passes on. */
export const LIFECYCLE_HOOKS = [
  'onStart',
  'onStepStart',
  'onLanguageModelCallStart',
  'onLanguageModelCallEnd',
  'onToolExecutionStart',
  'onToolExecutionEnd',
  'onStepEnd',
  'onStepError',
  'onObjectStepStart',
  'onObjectStepEnd',
  'onEmbedStart',
  'onEmbedEnd',
  'onRerankStart',
  'onRerankEnd',
  'experimental_onDecideStart',
  'experimental_onDecisionModelCallStart',
  'experimental_onDecisionModelCallEnd',
  'experimental_onDecideEnd',
  'experimental_onExtractStart',
  'experimental_onExtractionModelCallStart',
  'experimental_onExtractionModelCallEnd',
  'experimental_onExtractEnd',
  'experimental_onStreamTranscriptionStart',
  'experimental_onStreamTranscriptionEnd',
  'onEnd',
  'onAbort',
  'onError',
] as const;

/** Name of a lifecycle hook. */
export type LifecycleHook = (typeof LIFECYCLE_HOOKS)[number];

/** The hooks that run work inside the integration's context (a model call, a tool). */
export type ExecuteHook = 'executeLanguageModelCall' | 'executeTool';

/** What an `execute…` hook gets: the call's id, other event fields, and the work to run. */
export interface ExecuteOptions<T> {
  readonly callId: string;
  readonly execute: () => PromiseLike<T>;
}

/**
 * An ai 7 telemetry integration: every hook optional. Events are typed loosely (`any`): their
 * types live in ai 7, and the integration passes them on unchanged.
 */
export type TelemetryIntegration = {
  [hook in LifecycleHook]?: (event: any) => PromiseLike<void> | void;
} & {
  executeLanguageModelCall?<T>(options: ExecuteOptions<T>): PromiseLike<T>;
  executeTool?<T>(options: ExecuteOptions<T>): PromiseLike<T>;
};

/** Hooks that open an operation (a call) for its `callId`. */
export const CALL_START_HOOKS: ReadonlySet<string> = new Set<LifecycleHook>([
  'onStart',
  'experimental_onStreamTranscriptionStart',
]);

/** Hooks after which ai 7 reports nothing more about an operation. */
export const CALL_END_HOOKS: ReadonlySet<string> = new Set<LifecycleHook>([
  'onEnd',
  'onAbort',
  'onError',
  'experimental_onStreamTranscriptionEnd',
]);
