import type { Span } from '@opentelemetry/api';
import type { ResolvedAttributes } from '../attributes';
import { LANGFUSE_OBSERVATION_ATTRIBUTES as LF } from '../keys/genai-keys';

/**
 * Links a model call's span to the managed prompt its attributes name
 * (docs/contract.md#adapter-spans). Adapters call it on generation spans only: Langfuse shows a
 * prompt link on generations, and a chain that merely contains one used no prompt itself.
 */
export function setPromptLink(span: Span, attributes: ResolvedAttributes): void {
  const prompt = attributes.prompt;
  if (prompt === undefined) return;
  span.setAttribute(LF.PROMPT_NAME, prompt.name);
  // An integer attribute: Langfuse's ingestion takes the version as a number.
  span.setAttribute(LF.PROMPT_VERSION, prompt.version);
}
