import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** What a span says about a prompt: the link keys, and any AI SDK metadata naming one. */
export function promptKeys(span: ReadableSpan): Record<string, unknown> {
  const keys: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(span.attributes)) {
    if (/(^|\.)prompt\.(name|version|id|vendor)$|langfusePrompt|prompt_template/.test(key)) {
      keys[key] = value;
    }
  }
  return keys;
}

/** `name → prompt keys` for every span, sorted by name, so a failure names the span. */
export function linksByName(
  spans: readonly ReadableSpan[],
): Array<[string, Record<string, unknown>]> {
  return spans
    .map((span): [string, Record<string, unknown>] => [span.name, promptKeys(span)])
    .sort(([a], [b]) => a.localeCompare(b));
}

/** The link keys a span carries for prompt `name` at `version`. */
export function link(name: string, version: number): Record<string, unknown> {
  return {
    'langfuse.observation.prompt.name': name,
    'langfuse.observation.prompt.version': version,
  };
}

/**
 * A prompt as Langfuse's prompt client holds it; its `toJSON()` gives this as JSON, which is
 * what Langfuse's AI SDK guide puts into the metadata as `langfusePrompt`.
 */
export function langfusePrompt(name: string, version: number, isFallback = false) {
  return {
    name,
    version,
    isFallback,
    type: 'text',
    prompt: 'You are a weather assistant for {{city}}. Answer briefly, in the user’s language.',
    config: { model: 'gpt-4o-mini', temperature: 0.2 },
    labels: ['production', 'latest'],
    tags: ['weather'],
  };
}
