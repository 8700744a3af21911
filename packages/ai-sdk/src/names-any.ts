import type { ThreadlineAttributes } from '@threadline/core';

/** Whether any Threadline field is given: most calls name none, and then nothing is validated. */
export function namesAny(fields: ThreadlineAttributes): boolean {
  for (const key in fields)
    if (fields[key as keyof ThreadlineAttributes] !== undefined) return true;
  return false;
}
