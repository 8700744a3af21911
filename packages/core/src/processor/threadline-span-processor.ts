import {
  type Attributes,
  type AttributeValue,
  type Context,
  diag,
  propagation,
  type Span,
  trace,
} from '@opentelemetry/api';
import {
  EMPTY_ATTRIBUTES,
  isEmptyAttributes,
  type ResolvedAttributes,
  SCALAR_FIELDS,
} from '../attributes';
import { readBaggageAttributes } from '../baggage/read-baggage';
import { DEFAULT_DIALECTS, type Dialect } from '../keys/dialect-keys';
import { deriveOpenInference } from '../openinference/derive-openinference';
import type { EndingSpan } from '../openinference/span-writer';
import { TraceTurns } from '../openinference/trace-turns';
import { mergeAttributes } from '../scope/merge-attributes';
import { getScopeFrame, type ScopeFrame } from '../scope/scope-frame';
import { type SettingsOptions, type ThreadlineSettings, toSettings } from '../settings';
import { validateFields } from '../validation/validate-attributes';
import { type EmittedAttributes, emitAttributes, toEmitted } from './emit-attributes';
import { readSpanAttributes } from './read-span-attributes';
import { copyEmitted, setRecordEmitted, storeEmitted } from './record-emitted';
import { nextRecordEpoch, recordEpoch } from './record-epoch';
import { resolveSpan } from './resolve-span';
import type { SdkSpanProcessor } from './sdk-span-processor';
import { setSpanOwner } from './span-owner';
import {
  clearSpanRecord,
  getSpanRecord,
  newSpanRecord,
  type SpanRecord,
  setSpanRecord,
} from './span-record';

/**
 * Options of {@link ThreadlineSpanProcessor}. They are this processor's own: two processors in
 * one process (two tracer providers) each apply theirs. `sensitive`, `onInvalid` and
 * `maxMetadataCardinality` govern the values this processor reads (keys other libraries set on
 * spans, inbound baggage) and writes: with `sensitive: 'drop'` it writes no value that looks
 * sensitive, whatever the scopes' policy (configureThreadline) let through.
 */
export interface ThreadlineSpanProcessorOptions extends SettingsOptions {
  /** Which key sets to write (docs/contract.md#dialects). Default `['otel', 'langfuse']`. */
  dialects?: readonly Dialect[];
  /**
   * Read session, user and the rest from inbound W3C baggage (docs/contract.md#precedence level 5). Default false:
   * on a public endpoint the client would choose its own session and user ids.
   */
  readBaggage?: boolean;
}

const VALID_DIALECTS = new Set<unknown>(['otel', 'langfuse', 'openinference']);

const NO_ATTRIBUTES: Attributes = Object.freeze({});

/**
 * Whether a span started with no attributes. The SDK's span counts its attributes; reading that
 * count saves allocating a key list for the common span that starts bare. Any other span (or a
 * future SDK without the count) takes the general path.
 */
function isWithoutAttributes(span: Span): boolean {
  return (span as unknown as { _attributesCount?: unknown })._attributesCount === 0;
}

function attributesOf(span: Span): Attributes {
  return (span as { attributes?: Attributes }).attributes ?? NO_ATTRIBUTES;
}

/** Whether `resolved` already has every field, tag and metadata key of `added`. */
function covers(resolved: ResolvedAttributes, added: ResolvedAttributes): boolean {
  if (resolved === added) return true;
  for (const field of SCALAR_FIELDS) {
    if (added[field] !== undefined && resolved[field] === undefined) return false;
  }
  if (added.tags) {
    const tags = resolved.tags;
    if (!tags) return false;
    for (const tag of added.tags) if (!tags.includes(tag)) return false;
  }
  if (added.metadata) {
    const metadata = resolved.metadata;
    if (!metadata) return false;
    for (const key in added.metadata) if (!(key in metadata)) return false;
  }
  return true;
}

/**
 * Whether a parent's record adds nothing to what `frame` resolves: its children then resolve
 * alike whether it is live or has ended (docs/contract.md#precedence levels 2 and 4).
 */
function addsNothing(parent: SpanRecord | undefined, frame: ScopeFrame): boolean {
  return (
    parent === undefined ||
    (parent.resolved === frame.attributes && isEmptyAttributes(parent.explicit))
  );
}

/** Keeps a span start on its frame (see ScopeFrame) for the next bare span under `parentSpan`. */
function keepBareStart(
  frame: ScopeFrame,
  parentSpan: object | undefined,
  record: SpanRecord,
): void {
  frame.bareParent = parentSpan;
  frame.bareEpoch = recordEpoch.value;
  frame.bareRecord = record;
  copyEmitted(frame, record);
}

/** Sets the emitted keys; with `existing`, only those the span does not carry yet. */
function setEmitted(
  span: Span,
  keys: readonly string[],
  values: readonly AttributeValue[],
  existing?: Attributes,
): void {
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (existing === undefined || existing[key] === undefined) span.setAttribute(key, values[i]!);
  }
}

/**
 * Writes the resolved Threadline attributes onto every span at start, whichever library made
 * it (docs/contract.md#precedence, #dialects). Register it before the exporting processor. It never overwrites a key the
 * span already carries and never throws into the application.
 */
export class ThreadlineSpanProcessor implements SdkSpanProcessor {
  private readonly dialects: ReadonlySet<Dialect>;
  private readonly emitKey: string;
  private readonly readBaggage: boolean;
  private readonly settings: ThreadlineSettings;
  /** The `openinference` dialect: derive OpenInference attributes as spans end. */
  private readonly openinference: boolean;
  /** Each trace's question and answer, for its root span (openinference dialect only). */
  private readonly turns: TraceTurns | undefined;
  /** Until the first span ends: whether the SDK calls onEnding (2.3+) has yet to show. */
  private awaitingOnEnding: boolean;
  private onEndingSeen = false;
  private isShutdown = false;
  /** The context the last span started on, and what it held (see onStart). */
  private lastContext: Context | undefined = undefined;
  private lastParentSpan: object | undefined = undefined;
  private lastFrame: ScopeFrame | undefined = undefined;

  constructor(options: ThreadlineSpanProcessorOptions = {}) {
    const { dialects = DEFAULT_DIALECTS, readBaggage = false } =
      typeof options === 'object' && options !== null ? options : {};
    const chosen = Array.isArray(dialects) ? dialects.filter((d) => VALID_DIALECTS.has(d)) : [];
    this.dialects = new Set(chosen.length > 0 ? chosen : DEFAULT_DIALECTS);
    this.settings = toSettings(options);
    // What a span's cached emitted keys depend on: the dialects and, with 'drop', the policy.
    this.emitKey = `${[...this.dialects].sort().join(',')}|${this.settings.sensitive}`;
    this.readBaggage = readBaggage === true;
    this.openinference = this.dialects.has('openinference');
    this.turns = this.openinference ? new TraceTurns() : undefined;
    this.awaitingOnEnding = this.openinference;
  }

  onStart(span: Span, parentContext: Context): void {
    try {
      // Only the processor that started a span stamps it when a scope is entered under it.
      setSpanOwner(span, this);
      // Contexts are immutable, and sibling spans usually start on the same one: what the
      // last one held is reused without looking it up again.
      let parentSpan: object | undefined;
      let frame: ScopeFrame | undefined;
      if (parentContext === this.lastContext) {
        parentSpan = this.lastParentSpan;
        frame = this.lastFrame;
      } else {
        parentSpan = trace.getSpan(parentContext);
        // One lookup brings the scope and any explicit values an adapter set for this span.
        frame = getScopeFrame(parentContext);
        this.lastContext = parentContext;
        this.lastParentSpan = parentSpan;
        this.lastFrame = frame;
      }
      // The span's own explicit values; the frame's (an adapter's) are resolveSpan's to read.
      let own = EMPTY_ATTRIBUTES;
      let existing: Attributes | undefined;
      if (!isWithoutAttributes(span)) {
        existing = attributesOf(span);
        const keys = Object.keys(existing);
        if (keys.length > 0) {
          own = readSpanAttributes(existing, keys, this.dialects, this.settings);
        } else {
          existing = undefined;
        }
      }
      // The usual span: nothing explicit, under the same parent as the last such span in its
      // scope, a parent that added nothing to the scope. The frame alone holds the outcome.
      if (
        own === EMPTY_ATTRIBUTES &&
        frame !== undefined &&
        !this.readBaggage &&
        frame.bareParent === parentSpan &&
        frame.emitKey === this.emitKey &&
        frame.bareEpoch === recordEpoch.value
      ) {
        const kept = frame.bareRecord;
        if (kept !== undefined) {
          setSpanRecord(span, kept);
          setRecordEmitted(span, frame, existing);
          return;
        }
      }
      const parent = parentSpan ? getSpanRecord(parentSpan) : undefined;
      const baggage = this.readBaggage ? this.baggageOf(parentContext) : undefined;
      if (!parent && !frame && !baggage && own === EMPTY_ATTRIBUTES) return;
      const record = resolveSpan(own, parent, frame, baggage);
      // Empty attributes are always the one EMPTY_ATTRIBUTES object, so identity suffices.
      if (record.resolved === EMPTY_ATTRIBUTES) return;
      setSpanRecord(span, record);
      if (record.emitKey !== this.emitKey) {
        storeEmitted(record, this.emittedFor(record.resolved), this.emitKey);
      }
      setRecordEmitted(span, record, existing);
      // Only the first such start in a frame is kept (again after a stamp moved the epoch on):
      // in a chain of nested spans each start has another parent, and keeping each one would
      // cost every level the writes without a hit to pay for them.
      if (
        frame !== undefined &&
        own === EMPTY_ATTRIBUTES &&
        baggage === undefined &&
        (frame.bareRecord === undefined || frame.bareEpoch !== recordEpoch.value) &&
        addsNothing(parent, frame)
      ) {
        keepBareStart(frame, parentSpan, record);
      }
    } catch (error) {
      diag.warn('threadline: could not resolve attributes for a span', error);
    }
  }

  /**
   * Called by the SDK (2.3+ and 3) while a span ends, before it becomes read-only: under the
   * `openinference` dialect, derives the OpenInference attributes Phoenix reads from the GenAI,
   * Langfuse and AI SDK keys the span carries (docs/contract.md#dialects). Without that dialect
   * it does nothing.
   */
  onEnding(span: Span): void {
    if (!this.openinference) return;
    this.onEndingSeen = true;
    try {
      deriveOpenInference(span as unknown as EndingSpan, this.turns!);
    } catch (error) {
      diag.warn('threadline: could not derive OpenInference attributes for a span', error);
    }
  }

  onEnd(span: object): void {
    clearSpanRecord(span);
    if (this.awaitingOnEnding) this.checkOnEnding();
  }

  /**
   * Called when a scope is entered while `span` is active: the span joins the scope's session
   * without losing a key it has, and its children see the stamped values as scope-resolved.
   */
  stamp(span: object, frame: ScopeFrame): void {
    try {
      const target = span as Span;
      if (this.isShutdown) return;
      if (typeof target.isRecording !== 'function' || !target.isRecording()) return;
      if (frame.attributes === EMPTY_ATTRIBUTES) return;
      const current = getSpanRecord(target);
      // Scopes entered again and again under one request span usually add nothing new.
      if (current && covers(current.resolved, frame.attributes)) return;
      // Copy on write: records may be shared between sibling spans. What the span has wins,
      // and the merge keeps every limit (50 tags, 50 metadata keys) over the two together.
      const resolved = current
        ? mergeAttributes(frame.attributes, current.resolved)
        : frame.attributes;
      setSpanRecord(target, newSpanRecord(current?.explicit ?? EMPTY_ATTRIBUTES, resolved));
      // What frames kept about starts under this span may no longer hold.
      nextRecordEpoch();
      const emitted = this.emittedFor(resolved);
      setEmitted(target, emitted.keys, emitted.values, attributesOf(target));
    } catch (error) {
      diag.warn('threadline: could not stamp the active span', error);
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.lastContext = this.lastParentSpan = this.lastFrame = undefined;
    this.turns?.clear();
    this.isShutdown = true;
    return Promise.resolve();
  }

  // onEnding runs before onEnd for the same span, so the first onEnd tells whether the SDK
  // calls it at all.
  private checkOnEnding(): void {
    this.awaitingOnEnding = false;
    if (!this.onEndingSeen) {
      diag.warn(
        'threadline: the OpenTelemetry SDK does not call onEnding (it needs @opentelemetry/sdk-trace-base 2.3+ or @opentelemetry/sdk-trace); so the openinference dialect derives no span kind, model, tokens or content',
      );
    }
  }

  private baggageOf(ctx: Context): ResolvedAttributes | undefined {
    const baggage = propagation.getBaggage(ctx);
    if (!baggage) return undefined;
    const attributes = readBaggageAttributes(baggage, this.settings);
    return isEmptyAttributes(attributes) ? undefined : attributes;
  }

  // Records are shared by the spans that resolved alike (see resolveSpan), so emitted keys are
  // cached on them; a stamp, which is rare once a span has its values, computes them afresh.
  private emittedFor(resolved: ResolvedAttributes): EmittedAttributes {
    // Scopes validated with the configured policy; a stricter processor drops what it let by.
    const written =
      this.settings.sensitive === 'drop'
        ? validateFields(resolved, this.settings).attributes
        : resolved;
    return toEmitted(emitAttributes(written, this.dialects));
  }
}
