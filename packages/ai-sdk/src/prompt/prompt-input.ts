/**
 * The AI SDK telemetry metadata key that names the call's managed prompt, as Langfuse's guide
 * for the AI SDK writes it (docs/contract.md#framework-values).
 */
export const METADATA_PROMPT_KEY = 'langfusePrompt';

/**
 * A prompt as an AI SDK user gives it: a Langfuse prompt client or `{ name, version }` as it
 * is, or the JSON string Langfuse's `prompt.toJSON()` gives (AI SDK metadata takes primitive
 * values only). Anything else goes on as it is for core validation to refuse and report.
 */
export function promptInput(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
