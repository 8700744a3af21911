/** Observation levels in Langfuse. */
export type LangfuseLevel = 'DEBUG' | 'DEFAULT' | 'WARNING' | 'ERROR';

/** Token counts of one observation; `input`, `output`, `total` plus any detail keys. */
export interface LangfuseUsage {
  input?: number;
  output?: number;
  total?: number;
  [key: string]: number | undefined;
}

/** One span as a Langfuse observation. */
export interface LangfuseObservation {
  /** The span id. */
  id: string;
  traceId: string;
  /** The parent span id, when the span has a parent. */
  parentObservationId?: string;
  name: string;
  /** `generation`, `embedding`, `tool`, `agent`, `chain`, `retriever`, `span`, or whatever `langfuse.observation.type` said. */
  type: string;
  model?: string;
  usage: LangfuseUsage;
  /** The session this span itself carries (per-observation storage, docs/contract.md#backends). */
  sessionId?: string;
  /** The user this span itself carries. */
  userId?: string;
  level: LangfuseLevel;
  statusMessage?: string;
  input?: unknown;
  output?: unknown;
  /** Milliseconds since the epoch (fractional). */
  startTime: number;
  endTime: number;
  completionStartTime?: number;
  /** The managed prompt the observation links to (docs/contract.md#backends prompt). */
  prompt?: { name: string; version: number };
  /** Metadata keys this span carries under the docs/contract.md#backends prefixes. */
  metadata: Record<string, string>;
}

/** One trace as Langfuse would show it. */
export interface LangfuseTrace {
  id: string;
  name: string;
  sessionId?: string;
  userId?: string;
  tags: string[];
  metadata: Record<string, string>;
  version?: string;
  release?: string;
  /** `default` when nothing names one. */
  environment: string;
  input?: unknown;
  output?: unknown;
  /** Start of the root span, milliseconds since the epoch. */
  timestamp: number;
  /** Every span of the trace, in start-time order. */
  observations: LangfuseObservation[];
}

/** The traces that share a session id. */
export interface LangfuseSession {
  id: string;
  /** Distinct user ids of the session's traces, in order of first appearance. */
  userIds: string[];
  /** In time order. */
  traces: LangfuseTrace[];
}

/** One user's figures, counted from the observations that carry the user themselves. */
export interface LangfuseUser {
  id: string;
  /** Traces with at least one observation carrying this user. */
  traces: number;
  observations: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** Observations at level ERROR. */
  errors: number;
}

/** What the Langfuse UI would show for a set of spans. */
export interface LangfuseView {
  /** In time order. */
  traces: LangfuseTrace[];
  /** In order of their first trace. */
  sessions: LangfuseSession[];
  /** In order of their first observation. */
  users: LangfuseUser[];
}
