import type { LangfuseTrace } from '@threadline/read-model';

/** Options of {@link createResolvedCache}. */
export interface ResolvedCacheOptions {
  /** Observations kept in all; the least recently used traces go first. */
  maxObservations?: number;
  /** Smaller traces resolve fast enough to not be worth the memory. */
  minObservations?: number;
}

/** Big traces kept resolved, so their page and the rows it loads need not resolve them again. */
export interface ResolvedCache {
  get(traceId: string): LangfuseTrace | undefined;
  set(traceId: string, trace: LangfuseTrace): void;
  delete(traceId: string): void;
}

/**
 * A cache of resolved traces bounded by their observations. Resolving a trace of 10 000 spans
 * takes about half a second, and opening its page loads rows and content several times.
 */
export function createResolvedCache({
  maxObservations = 40_000,
  minObservations = 500,
}: ResolvedCacheOptions = {}): ResolvedCache {
  // A Map iterates in insertion order: re-inserting on use makes the first entry the oldest.
  const entries = new Map<string, LangfuseTrace>();
  let size = 0;
  const remove = (traceId: string) => {
    const trace = entries.get(traceId);
    if (!trace) return;
    entries.delete(traceId);
    size -= trace.observations.length;
  };
  return {
    get(traceId) {
      const trace = entries.get(traceId);
      if (trace) {
        entries.delete(traceId);
        entries.set(traceId, trace);
      }
      return trace;
    },
    set(traceId, trace) {
      remove(traceId);
      if (trace.observations.length < minObservations) return;
      if (trace.observations.length > maxObservations) return;
      entries.set(traceId, trace);
      size += trace.observations.length;
      for (const oldest of entries.keys()) {
        if (size <= maxObservations) break;
        remove(oldest);
      }
    },
    delete: remove,
  };
}
