import type { Attributes } from '@opentelemetry/api';
import type { StreamRecorder } from './operation';
import { writeResponseSummary } from './response-summary';
import { isRecord } from './values';

/** One value for one choice, the list for several (`n > 1`). */
export function oneOrAll(values: unknown[]): unknown {
  return values.length === 1 ? values[0] : values;
}

/**
 * Writes what a parsed chat or legacy completion answer says about itself (the service tier
 * only where `readsServiceTier`) and returns its choices, for the caller to record the output.
 */
export function writeChoicesResponse(
  response: Record<string, any>,
  readsServiceTier: boolean,
  out: Attributes,
): Record<string, any>[] {
  // One pass, no intermediate arrays.
  const choices: Record<string, any>[] = [];
  const finishReasons: string[] = [];
  if (Array.isArray(response.choices)) {
    for (const choice of response.choices) {
      if (!isRecord(choice)) continue;
      choices.push(choice);
      if (typeof choice.finish_reason === 'string') finishReasons.push(choice.finish_reason);
    }
  }
  writeResponseSummary(
    {
      id: response.id,
      model: response.model,
      serviceTier: readsServiceTier ? response.service_tier : undefined,
      fingerprint: response.system_fingerprint,
      finishReasons,
      usage: response.usage,
    },
    out,
  );
  return choices;
}

/** `reasons` without its holes and empty strings: itself when it has none (mostly). */
function withoutGaps(reasons: string[]): string[] {
  for (let i = 0; i < reasons.length; i++) if (!reasons[i]) return reasons.filter(Boolean);
  return reasons;
}

/**
 * Chunks with `choices` (chat and legacy completions): id, model, service tier (only where
 * `readsServiceTier`) and fingerprint from the first chunk that has an id, finish reasons from
 * every chunk, usage from the last one that has it (sent only when the request asked for
 * `stream_options.include_usage`). Each choice is passed on to {@link onChoice}.
 */
export abstract class ChoicesStreamRecorder implements StreamRecorder {
  private id: unknown;
  private model: unknown;
  private serviceTier: unknown;
  private fingerprint: unknown;
  private usage: unknown;
  private readonly finishReasons: string[] = [];

  protected constructor(private readonly readsServiceTier: boolean) {}

  /** One choice of one chunk, at its `index`. */
  protected abstract onChoice(choice: Record<string, any>, index: number): void;

  /**
   * Writes the output put together from the choices, if any was kept; `finishReasons` is
   * indexed by choice.
   */
  protected abstract flushOutput(out: Attributes, finishReasons: readonly string[]): void;

  onItem(chunk: unknown): void {
    if (!isRecord(chunk)) return;
    if (this.id === undefined) {
      this.id = chunk.id;
      this.model = chunk.model;
      if (this.readsServiceTier) this.serviceTier = chunk.service_tier;
      this.fingerprint = chunk.system_fingerprint;
    }
    if (chunk.usage != null) this.usage = chunk.usage;
    const choices = chunk.choices;
    if (!Array.isArray(choices)) return;
    for (const choice of choices) {
      if (!isRecord(choice)) continue;
      const index = typeof choice.index === 'number' ? choice.index : 0;
      if (typeof choice.finish_reason === 'string')
        this.finishReasons[index] = choice.finish_reason;
      this.onChoice(choice, index);
    }
  }

  flush(out: Attributes): undefined {
    writeResponseSummary(
      {
        id: this.id,
        model: this.model,
        serviceTier: this.serviceTier,
        fingerprint: this.fingerprint,
        finishReasons: withoutGaps(this.finishReasons),
        usage: this.usage,
      },
      out,
    );
    this.flushOutput(out, this.finishReasons);
    return undefined;
  }
}
