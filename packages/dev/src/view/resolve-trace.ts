import {
  type LangfuseObservation,
  type LangfuseTrace,
  type LangfuseUser,
  type ReceivedSpan,
  resolveLangfuse,
} from '@threadline/read-model';
import { boundValue, unreadableMarker } from './bounded-value';
import { withoutDeepJson } from './deep-json';

/** An observation as the page shows it: Langfuse's fields, plus the tool a tool span ran. */
export interface DevObservation extends LangfuseObservation {
  /** `ai.toolCall.name`, `gen_ai.tool.name` or OpenInference's `tool.name`. */
  toolName?: string;
}

/** One trace as the page shows it, with what its users did in it. */
export interface ResolvedTrace {
  trace: LangfuseTrace;
  /** Per-user figures of this trace alone (`resolveLangfuse`'s). */
  users: LangfuseUser[];
  /** Set when the spans could not be resolved: the trace is a placeholder that says why. */
  unreadable?: string;
}

// Metadata values are shown whole as tags; a few kilobytes is all a tag should carry.
const MAX_METADATA_CHARS = 4_000;
const TOOL_NAME_KEYS = ['ai.toolCall.name', 'gen_ai.tool.name', 'tool.name'];

function toolNameOf(span: ReceivedSpan): string | undefined {
  for (const key of TOOL_NAME_KEYS) {
    const value = span.attributes[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

function boundMetadata(metadata: Record<string, string>): void {
  for (const [key, value] of Object.entries(metadata)) {
    if (value.length > MAX_METADATA_CHARS) {
      metadata[key] =
        `${value.slice(0, MAX_METADATA_CHARS)}… (${value.length - MAX_METADATA_CHARS} more characters)`;
    }
  }
}

function boundContent(target: { input?: unknown; output?: unknown }): void {
  if (target.input !== undefined) target.input = boundValue(target.input);
  if (target.output !== undefined) target.output = boundValue(target.output);
}

function placeholder(
  traceId: string,
  spans: readonly ReceivedSpan[],
  error: unknown,
): LangfuseTrace {
  let start = Number.POSITIVE_INFINITY;
  for (const span of spans) {
    const millis = Number(span.startTimeUnixNano.slice(0, -6));
    if (Number.isFinite(millis)) start = Math.min(start, millis);
  }
  return {
    id: traceId,
    name: unreadableMarker(error),
    tags: [],
    metadata: {},
    environment: 'default',
    timestamp: Number.isFinite(start) ? start : 0,
    observations: [],
  };
}

/**
 * One trace's spans as Langfuse would show them, made safe to show: JSON nested past
 * `MAX_JSON_DEPTH` is never parsed, every input and output is bounded (`VIEW_BOUNDS`), long
 * metadata values are cut, tool spans get their tool's name. Spans that cannot be resolved at
 * all give a placeholder trace that says why, so one bad trace never takes a page down.
 * `undefined` when there are no spans.
 */
export function resolveTrace(
  traceId: string,
  spans: readonly ReceivedSpan[],
): ResolvedTrace | undefined {
  if (spans.length === 0) return undefined;
  try {
    const view = resolveLangfuse(withoutDeepJson(spans));
    const trace = view.traces[0]!;
    const tools = new Map<string, string>();
    for (const span of spans) {
      const tool = toolNameOf(span);
      if (tool !== undefined) tools.set(span.spanId, tool);
    }
    boundContent(trace);
    boundMetadata(trace.metadata);
    for (const observation of trace.observations as DevObservation[]) {
      boundContent(observation);
      boundMetadata(observation.metadata);
      const tool = tools.get(observation.id);
      if (tool !== undefined) observation.toolName = tool;
    }
    return { trace, users: view.users };
  } catch (error) {
    return { trace: placeholder(traceId, spans, error), users: [], unreadable: String(error) };
  }
}
