/** A Phoenix server version, `major.minor` or `major.minor.patch` (e.g. `'15.10'`). */
export type PhoenixVersion = `${number}.${number}` | `${number}.${number}.${number}`;

/** The behaviours that changed between the Phoenix versions the read model knows. */
export interface PhoenixFeatures {
  /** `major.minor` as given. */
  label: string;
  /** 15.10: OpenInference keys are synthesised from `gen_ai.*` keys the span lacks. */
  genAiConversion: boolean;
  /** 16.1: token totals count LLM spans only, not root spans' cumulative counts. */
  llmOnlyTokenTotals: boolean;
  /** 17.15: a JSON attribute (`metadata`, `tool.parameters`) that parses to `{}`, `0`, … is kept. */
  keepsEmptyJson: boolean;
  /** 18.1: traces and sessions show the first `user.id`. */
  userIdOnTraces: boolean;
  /** 19.14: reasoning parts of GenAI messages become `reasoning` contents. */
  genAiReasoningParts: boolean;
}

function atLeast(version: readonly [number, number], major: number, minor: number): boolean {
  return version[0] > major || (version[0] === major && version[1] >= minor);
}

/**
 * The features of one Phoenix version. An unparseable version is a programming error in the
 * test that passed it, so it throws rather than silently modelling another version.
 */
export function phoenixFeatures(version: string): PhoenixFeatures {
  const match = /^(\d+)\.(\d+)(?:\.\d+)?$/.exec(typeof version === 'string' ? version : '');
  if (!match) {
    throw new RangeError(`resolvePhoenix: version must look like "15.10", got ${String(version)}`);
  }
  const parsed = [Number(match[1]), Number(match[2])] as const;
  return {
    label: `${parsed[0]}.${parsed[1]}`,
    genAiConversion: atLeast(parsed, 15, 10),
    llmOnlyTokenTotals: atLeast(parsed, 16, 1),
    keepsEmptyJson: atLeast(parsed, 17, 15),
    userIdOnTraces: atLeast(parsed, 18, 1),
    genAiReasoningParts: atLeast(parsed, 19, 14),
  };
}
