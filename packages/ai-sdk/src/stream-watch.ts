/** What Threadline is told about a model's stream while the AI SDK reads it. */
export interface StreamWatch {
  /** The stream failed: called once, before its reader sees the error. */
  streamFailed(error: unknown): void;
  /** The stream carried an error part (passed on as it is). */
  streamErrorPart(error: unknown): void;
}

/**
 * The error of an AI SDK stream part that reports an error without failing the stream. Never
 * throws, whatever the part is: it runs on the stream's path.
 */
export function errorPartOf(part: unknown): { error: unknown } | undefined {
  try {
    const candidate = part as { type?: unknown; error?: unknown } | null;
    return candidate?.type === 'error' ? { error: candidate.error } : undefined;
  } catch {
    return undefined;
  }
}
