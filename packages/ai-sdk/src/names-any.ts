import type { ThreadlineAttributes } from '@threadline/core';

/**
 * Whether any Threadline field is given: most calls name none, and then nothing is gathered or
 * validated. Each field is read by name, so `fields` may carry other options too.
 */
export function namesAny(fields: ThreadlineAttributes): boolean {
  return (
    fields.sessionId !== undefined ||
    fields.userId !== undefined ||
    fields.tags !== undefined ||
    fields.metadata !== undefined ||
    fields.traceName !== undefined ||
    fields.version !== undefined ||
    fields.release !== undefined ||
    fields.environment !== undefined ||
    fields.prompt !== undefined
  );
}
