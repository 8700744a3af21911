import type { ReceivedSpan } from '../otlp/received-span';
import type { SdkReadableSpan } from '../otlp/sdk-span';
import { toReceivedSpans } from '../otlp/to-received-spans';
import type {
  LangfuseObservation,
  LangfuseSession,
  LangfuseTrace,
  LangfuseUser,
  LangfuseView,
} from './langfuse-view';
import { resolveTrace } from './resolve-trace';

function isSdkReadableSpan(span: ReceivedSpan | SdkReadableSpan): span is SdkReadableSpan {
  return typeof (span as SdkReadableSpan).spanContext === 'function';
}

/** Langfuse upserts by id: a span sent twice (an exporter retry) is one observation, the last copy. */
function groupByTrace(spans: readonly ReceivedSpan[]): ReceivedSpan[][] {
  const traces = new Map<string, Map<string, ReceivedSpan>>();
  for (const span of spans) {
    let trace = traces.get(span.traceId);
    if (!trace) {
      trace = new Map();
      traces.set(span.traceId, trace);
    }
    trace.set(span.spanId, span);
  }
  return [...traces.values()].map((trace) => [...trace.values()]);
}

function sessionsOf(traces: readonly LangfuseTrace[]): LangfuseSession[] {
  const sessions = new Map<string, LangfuseSession>();
  for (const trace of traces) {
    if (trace.sessionId === undefined) continue;
    let session = sessions.get(trace.sessionId);
    if (!session) {
      session = { id: trace.sessionId, userIds: [], traces: [] };
      sessions.set(trace.sessionId, session);
    }
    session.traces.push(trace);
    if (trace.userId !== undefined && !session.userIds.includes(trace.userId)) {
      session.userIds.push(trace.userId);
    }
  }
  return [...sessions.values()];
}

/**
 * docs/contract.md#backends, last bullet: every observation row carries its own user, so a user's figures count
 * only the observations that carry that user themselves, not the rest of their traces.
 */
function usersOf(traces: readonly LangfuseTrace[]): LangfuseUser[] {
  const observations: LangfuseObservation[] = traces
    .flatMap((trace) => trace.observations)
    .sort((a, b) => a.startTime - b.startTime);
  const users = new Map<string, LangfuseUser & { traceIds: Set<string> }>();
  for (const observation of observations) {
    if (observation.userId === undefined) continue;
    let user = users.get(observation.userId);
    if (!user) {
      user = {
        id: observation.userId,
        traces: 0,
        observations: 0,
        inputTokens: 0,
        outputTokens: 0,
        totalTokens: 0,
        errors: 0,
        traceIds: new Set(),
      };
      users.set(observation.userId, user);
    }
    user.traceIds.add(observation.traceId);
    user.observations += 1;
    user.inputTokens += observation.usage.input ?? 0;
    user.outputTokens += observation.usage.output ?? 0;
    user.totalTokens += observation.usage.total ?? 0;
    if (observation.level === 'ERROR') user.errors += 1;
  }
  return [...users.values()].map(({ traceIds, ...user }) => ({ ...user, traces: traceIds.size }));
}

/**
 * What the Langfuse server would show for these spans, derived from the facts of docs/contract.md#backends alone
 * (not from Langfuse's code): traces with their session, user, tags, name, metadata, version,
 * release and environment; each span as an observation with its type, model, usage and level;
 * sessions grouping traces by the trace's session; per-user figures counted from the
 * observations that carry the user.
 *
 * Takes spans from the OTLP receiver or straight from the in-memory SDK.
 *
 * @example
 * const view = resolveLangfuse(await receiver.waitForSpans(3));
 * expect(view.traces[0]).toMatchObject({ sessionId: 'conv-1', userId: 'u-1' });
 */
export function resolveLangfuse(
  spans: readonly ReceivedSpan[] | readonly SdkReadableSpan[],
): LangfuseView {
  const received = (spans as ReadonlyArray<ReceivedSpan | SdkReadableSpan>).map((span) =>
    isSdkReadableSpan(span) ? toReceivedSpans([span])[0]! : span,
  );
  const traces = groupByTrace(received)
    .map(resolveTrace)
    .sort((a, b) => a.timestamp - b.timestamp);
  return { traces, sessions: sessionsOf(traces), users: usersOf(traces) };
}
