import type { TracerProvider } from '@opentelemetry/api';
import type { ThreadlineAttributes } from '@threadline/core';

/**
 * Options of `ThreadlineCallbackHandler`. The Threadline attributes (`sessionId`, `userId`,
 * `tags`, …) are explicit on every span the handler makes (docs/contract.md#precedence,
 * level 1); run metadata such as `session_id` or `user_id` overrides them for its run
 * (docs/contract.md#framework-values). `prompt` (a `{ name, version }` or a Langfuse prompt
 * client) links the generation spans only, and run metadata `langfusePrompt` /
 * `langfuse_prompt` overrides it likewise.
 */
export interface ThreadlineCallbackHandlerOptions extends ThreadlineAttributes {
  /**
   * Record prompts, completions, tool arguments and results, chain inputs and outputs: as
   * `langfuse.observation.input` / `.output` on every span, and in the OTel GenAI content keys
   * (`gen_ai.input.messages`, `gen_ai.output.messages`,
   * `gen_ai.tool.definitions`, `gen_ai.tool.call.arguments`, `gen_ai.tool.call.result`) on
   * model and tool spans. Default: on, unless `THREADLINE_CAPTURE_CONTENT=false` (read when the
   * handler is created).
   */
  captureContent?: boolean;
  /** Where spans go. Default: the global tracer provider (`trace.getTracerProvider()`). */
  tracerProvider?: TracerProvider;
  /** Chain runs with one of these names become agent spans. Default `['AgentExecutor']`. */
  agentNames?: readonly string[];
  /**
   * Also make spans for runs LangChain marks `langsmith:hidden` (LangGraph's internal
   * `__start__` node, channel writes, branches). Default false: their children attach to the
   * nearest shown ancestor.
   */
  includeHiddenRuns?: boolean;
  /**
   * Open runs kept at most. Beyond it the oldest run's span is ended with
   * `threadline.end_reason = "evicted_max_open"`. Default 10 000.
   */
  maxOpenRuns?: number;
  /**
   * Milliseconds after which a run that LangChain never ended is ended with
   * `threadline.end_reason = "evicted_max_age"` (checked whenever a run starts). Default one
   * hour.
   */
  maxRunAgeMs?: number;
}
