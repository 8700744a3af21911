/** What a score is attached to. */
export type ScoreTarget = 'session' | 'trace';

/** A score as the user enters it: numeric (`0.8`) or categorical (`"good"`). */
export interface ScoreInput {
  targetType: ScoreTarget;
  targetId: string;
  name: string;
  value: number | string;
  comment?: string;
}

/** A stored score. */
export interface Score extends ScoreInput {
  id: number;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** A score that cannot be stored, with the reason to show the user. */
export class InvalidScoreError extends Error {
  override readonly name = 'InvalidScoreError';
}

const MAX_NAME = 100;
const MAX_VALUE = 200;
const MAX_COMMENT = 2000;
const MAX_ID = 1000;

function hasControl(text: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we reject.
  return /[\u0000-\u001f\u007f]/.test(text);
}

/**
 * Checks a score from the page (untrusted JSON) and returns it normalised (trimmed name,
 * comment dropped when blank).
 *
 * @throws {InvalidScoreError} naming the field and the reason.
 */
export function validateScore(input: unknown): ScoreInput {
  if (typeof input !== 'object' || input === null)
    throw new InvalidScoreError('expected an object');
  const { targetType, targetId, name, value, comment } = input as Record<string, unknown>;
  if (targetType !== 'session' && targetType !== 'trace') {
    throw new InvalidScoreError('targetType must be "session" or "trace"');
  }
  if (typeof targetId !== 'string' || targetId === '' || targetId.length > MAX_ID) {
    throw new InvalidScoreError('targetId must be a non-empty string');
  }
  const trimmedName = typeof name === 'string' ? name.trim() : '';
  if (trimmedName === '' || trimmedName.length > MAX_NAME || hasControl(trimmedName)) {
    throw new InvalidScoreError(`name must be 1–${MAX_NAME} characters without control characters`);
  }
  let checkedValue: number | string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidScoreError('a numeric value must be finite');
    checkedValue = value;
  } else if (typeof value === 'string') {
    checkedValue = value.trim();
    if (checkedValue === '' || checkedValue.length > MAX_VALUE || hasControl(checkedValue)) {
      throw new InvalidScoreError(`a categorical value must be 1–${MAX_VALUE} characters`);
    }
  } else {
    throw new InvalidScoreError('value must be a number or a string');
  }
  let checkedComment: string | undefined;
  if (comment !== undefined && comment !== null) {
    if (typeof comment !== 'string') throw new InvalidScoreError('comment must be a string');
    if (comment.length > MAX_COMMENT) {
      throw new InvalidScoreError(`comment must be at most ${MAX_COMMENT} characters`);
    }
    checkedComment = comment.trim() || undefined;
  }
  return {
    targetType,
    targetId,
    name: trimmedName,
    value: checkedValue,
    ...(checkedComment ? { comment: checkedComment } : {}),
  };
}
