/** The part of LangChain's `Serialized` that names a runnable. */
export interface SerializedLike {
  name?: unknown;
  id?: unknown;
}

/**
 * The name a run is shown under: the run name given in the config (LangGraph node names come
 * this way), else the serialized name, else the class name at the end of the serialized id.
 */
export function runName(
  serialized: SerializedLike | undefined,
  given: string | undefined,
  fallback: string,
): string {
  if (typeof given === 'string' && given) return given;
  if (serialized && typeof serialized === 'object') {
    if (typeof serialized.name === 'string' && serialized.name) return serialized.name;
    const id = serialized.id;
    if (Array.isArray(id) && id.length > 0) {
      const last = id[id.length - 1];
      if (typeof last === 'string' && last) return last;
    }
  }
  return fallback;
}
