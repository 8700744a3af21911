import type { PromptReference, ResolvedAttributes } from '@threadline/core';
import { validateExplicitAttributes } from '@threadline/core/adapter';

/** Run metadata keys that name the managed prompt, first present wins (docs/contract.md#framework-values). */
export const PROMPT_METADATA_KEYS = ['langfusePrompt', 'langfuse_prompt'] as const;

/**
 * What run metadata says about the prompt of a run's model calls: validated attributes that hold
 * the prompt (what `setPromptLink` takes), `null` for a fallback prompt (it links nothing, and
 * hides any prompt named further out), `undefined` when it says nothing usable.
 */
export type RunPrompt = ResolvedAttributes | null | undefined;

type Metadata = Record<string, unknown> | undefined;

// LangChain copies run metadata to every child run by reference, so a prompt object (a Langfuse
// prompt client) arrives as the same object on each run: it is validated once. JSON strings are
// remembered by value, a bounded number of them (past it the cache starts over).
const MAX_CACHED_STRINGS = 64;
const byObject = new WeakMap<object, RunPrompt>();
const byString = new Map<string, RunPrompt>();

function readObject(value: object): RunPrompt {
  let fallback: unknown;
  try {
    fallback = (value as { isFallback?: unknown }).isFallback;
  } catch {
    // A getter that throws: validation below reports the value as it reports any bad one.
  }
  if (fallback === true) return null;
  const attributes = validateExplicitAttributes({ prompt: value as PromptReference });
  return attributes.prompt === undefined ? undefined : attributes;
}

function readString(value: string): RunPrompt {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = value;
  }
  if (typeof parsed === 'object' && parsed !== null) return readObject(parsed);
  // Not a prompt: validation reports it (with its length, never the value).
  validateExplicitAttributes({ prompt: parsed as PromptReference });
  return undefined;
}

/**
 * A prompt as run metadata or the handler's options give it: an object (a Langfuse prompt client
 * fits as it is) or the JSON string its `toJSON()` gives, validated by core
 * (docs/contract.md#fields).
 */
export function readPrompt(value: unknown): RunPrompt {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    if (byString.has(value)) return byString.get(value);
    const prompt = readString(value);
    if (byString.size >= MAX_CACHED_STRINGS) byString.clear();
    byString.set(value, prompt);
    return prompt;
  }
  if (typeof value === 'object' || typeof value === 'function') {
    if (byObject.has(value)) return byObject.get(value);
    const prompt = readObject(value);
    byObject.set(value, prompt);
    return prompt;
  }
  validateExplicitAttributes({ prompt: value as PromptReference });
  return undefined;
}

/** The prompt a run's metadata names under `langfusePrompt` / `langfuse_prompt` (first present). */
export function metadataPrompt(metadata: Metadata): RunPrompt {
  if (!metadata) return undefined;
  const value = metadata[PROMPT_METADATA_KEYS[0]] ?? metadata[PROMPT_METADATA_KEYS[1]];
  return value === undefined || value === null ? undefined : readPrompt(value);
}

/** Whether two runs' metadata name the same prompt (or both a fallback, or both none). */
export function samePrompt(a: RunPrompt, b: RunPrompt): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.prompt?.name === b.prompt?.name && a.prompt?.version === b.prompt?.version;
}

/** What the handler keeps about prompts on a run's record. */
export interface RunPromptState {
  /** What the run's own metadata said, own or inherited (its children compare theirs with it). */
  metadataPrompt?: RunPrompt;
  /** What runs started under it next use: its own, or one that a child run announced. */
  prompt?: RunPrompt;
}

/**
 * The prompt of a run about to start (docs/contract.md#framework-values), from what its metadata
 * says (`metadataPrompt`) and its parent's record. Metadata that differs from the parent's is the
 * run's own: it wins, and the parent remembers it, so the model runs started after this one under
 * the same parent use it too (in `prompt.pipe(model)` the prompt template and the model are
 * siblings under the sequence). Metadata the run only inherited (LangChain copies it to every
 * child run) yields to what the parent holds, which may be a sibling's. `undefined` leaves the
 * decision to the resolved attributes (handler options, then scopes).
 */
export function runPrompt(fromMetadata: RunPrompt, parent: RunPromptState | undefined): RunPrompt {
  if (!parent) return fromMetadata;
  if (fromMetadata === undefined || samePrompt(fromMetadata, parent.metadataPrompt)) {
    return parent.prompt;
  }
  parent.prompt = fromMetadata;
  return fromMetadata;
}
