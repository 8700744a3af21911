import type { ReceivedAttributeValue } from '../otlp/received-span';

/** Phoenix span kinds; anything else, or none, is `UNKNOWN`. */
export type PhoenixSpanKind =
  | 'LLM'
  | 'TOOL'
  | 'CHAIN'
  | 'AGENT'
  | 'EMBEDDING'
  | 'RETRIEVER'
  | 'RERANKER'
  | 'GUARDRAIL'
  | 'EVALUATOR'
  | 'PROMPT'
  | 'UNKNOWN';

/** An input or output as Phoenix lists it: the text and how it is rendered. */
export interface PhoenixIOValue {
  value: string;
  /** `application/json` only when the mime type says exactly that; anything else is text. */
  mimeType: 'text/plain' | 'application/json';
}

/**
 * The token counts one span carries (`llm.token_count.*`), as integers the way Phoenix reads
 * them; a value that is not an integer (or integer string) is absent.
 */
export interface PhoenixTokenCounts {
  prompt?: number;
  completion?: number;
  /** `llm.token_count.total` as written; Phoenix's own figures use prompt + completion. */
  total?: number;
  /** `llm.token_count.prompt_details.cache_read`. */
  cacheRead?: number;
  /** `llm.token_count.prompt_details.cache_write`. */
  cacheWrite?: number;
  /** `llm.token_count.completion_details.reasoning`. */
  reasoning?: number;
}

/** One tool call of a message (`message.tool_calls.<j>.tool_call.*`). */
export interface PhoenixToolCall {
  id?: string;
  /** `tool_call.function.name`. */
  name?: string;
  /** `tool_call.function.arguments`: a JSON string as written. */
  arguments?: string;
}

/** One content part of a message (`message.contents.<k>.message_content.*`). */
export interface PhoenixMessageContent {
  /** `text`, `image`, `reasoning`, … as written. */
  type?: string;
  text?: string;
  imageUrl?: string;
}

/** One message reassembled from the flattened `llm.input_messages.<i>.*` keys. */
export interface PhoenixMessage {
  role?: string;
  content?: string;
  /** Multi-part content, in index order; empty when the message has none. */
  contents: PhoenixMessageContent[];
  name?: string;
  toolCallId?: string;
  finishReason?: string;
  /** In index order; empty when the message has none. */
  toolCalls: PhoenixToolCall[];
}

/** One span as Phoenix shows it. */
export interface PhoenixSpan {
  /** The span id. */
  id: string;
  traceId: string;
  /** The parent span id; a span without one is a root span. */
  parentId?: string;
  name: string;
  kind: PhoenixSpanKind;
  statusCode: 'UNSET' | 'OK' | 'ERROR';
  statusMessage?: string;
  /** Milliseconds since the epoch (fractional). */
  startTime: number;
  endTime: number;
  /** `llm.model_name`. */
  modelName?: string;
  /** `llm.provider`. */
  provider?: string;
  /** `llm.invocation_parameters`, parsed when it is JSON. */
  invocationParameters?: unknown;
  tokens: PhoenixTokenCounts;
  input?: PhoenixIOValue;
  output?: PhoenixIOValue;
  /** `llm.input_messages`, in index order (gaps close up). */
  inputMessages: PhoenixMessage[];
  /** `llm.output_messages`, in index order. */
  outputMessages: PhoenixMessage[];
  /** `tool.name`. */
  toolName?: string;
  /** `tool.parameters`, parsed when it is JSON (else the string as written). */
  toolParameters?: unknown;
  /** `session.id` of this span, trimmed; absent when empty. */
  sessionId?: string;
  /** `user.id` of this span. */
  userId?: string;
  /** `tag.tags` (the string members of the list). */
  tags: string[];
  /** `metadata` parsed when it is JSON (else the string as written); absent when missing. */
  metadata?: unknown;
  /**
   * The flat attributes Phoenix stored: the span's own, plus (from 15.10) the OpenInference keys
   * it synthesised from `gen_ai.*` keys that the span did not already carry.
   */
  attributes: Record<string, ReceivedAttributeValue>;
}

/** Token totals as Phoenix adds them up; `total` is prompt + completion. */
export interface PhoenixTokenTotals {
  prompt: number;
  completion: number;
  total: number;
}

/** One trace as Phoenix lists it. */
export interface PhoenixTrace {
  id: string;
  /** Earliest span start, milliseconds since the epoch. */
  startTime: number;
  /** Latest span end. */
  endTime: number;
  /** The session this trace joined: `session.id` of its first span (in arrival order) that has one. */
  sessionId?: string;
  /** First `user.id` by span start (shown from Phoenix 18.1; absent before). */
  userId?: string;
  /** Spans without a parent, in arrival order. A trace whose root was not sent has none. */
  rootSpans: PhoenixSpan[];
  /** The first root span's input; absent when there is no root span or it has no input. */
  input?: PhoenixIOValue;
  /** The first root span's output. */
  output?: PhoenixIOValue;
  /** Token totals of the trace, by the same rule as {@link PhoenixSession.tokens}. */
  tokens: PhoenixTokenTotals;
  /** Every span of the trace, in start-time order. */
  spans: PhoenixSpan[];
}

/** The traces that share a session id. */
export interface PhoenixSession {
  id: string;
  /** Ordered by trace start, ties in arrival order. */
  traces: PhoenixTrace[];
  /**
   * The input of the first root span of the earliest trace that has a root span, when that
   * span has one (no fallback to later traces).
   */
  firstInput?: PhoenixIOValue;
  /** The output of the last root span of the latest trace that has a root span. */
  lastOutput?: PhoenixIOValue;
  /**
   * Before Phoenix 16.1: the root spans' cumulative counts (every span below a root, of any
   * kind). From 16.1: the counts of LLM spans only.
   */
  tokens: PhoenixTokenTotals;
  /** First `user.id` by span start (shown from Phoenix 18.1; absent before). */
  userId?: string;
  /** Distinct `user.id` values of the session's spans, in span start order. */
  userIds: string[];
  startTime: number;
  endTime: number;
}

/** What Phoenix would show for a set of spans. */
export interface PhoenixView {
  /** The Phoenix version whose behaviour was modelled, as `major.minor`. */
  version: string;
  /** Ordered by start, ties in arrival order. */
  traces: PhoenixTrace[];
  /** Ordered by start time. */
  sessions: PhoenixSession[];
}
