import {
  getAttributesFromContext,
  setMetadata,
  setSession,
  setTags,
  setUser,
} from '@arizeai/openinference-core';
import { LangfuseSpanProcessor } from '@langfuse/otel';
import { propagateAttributes as langfusePropagate } from '@langfuse/tracing';
import { type Context, context, createContextKey, propagation } from '@opentelemetry/api';
import { BaggageSpanProcessor } from '@opentelemetry/baggage-span-processor';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { propagateAttributes, ThreadlineSpanProcessor } from '@threadline/core';
import type { BenchFields } from '../fields';

/** The setups compared, in table order. */
export const SETUP_NAMES = ['bare', 'threadline', 'langfuse', 'openinference', 'baggage'] as const;
export type SetupName = (typeof SETUP_NAMES)[number];

/** The peers Threadline is judged against on the span and scope workloads. */
export const PEER_NAMES: readonly string[] = ['langfuse', 'openinference', 'baggage'];

/** Enters a propagation scope the way one setup does, runs `fn` in it, returns its result. */
export type EnterScope = <T>(fields: BenchFields, fn: () => T) => T;

const BARE_KEY = createContextKey('bench.bare-scope');

/**
 * Bare OpenTelemetry has no propagation of its own: the floor is putting the fields on the
 * context, which every context-based scope has to do. Its spans carry nothing.
 */
export const enterBare: EnterScope = (fields, fn) =>
  context.with(context.active().setValue(BARE_KEY, fields), fn);

export const enterThreadline: EnterScope = (fields, fn) => propagateAttributes(fields, fn);

/**
 * Langfuse's `propagateAttributes` has no `release` (the processor takes it from its options or
 * LANGFUSE_RELEASE, once per process): it goes into metadata so the same information travels.
 */
export const enterLangfuse: EnterScope = (fields, fn) => {
  const { release, metadata, ...rest } = fields;
  const params =
    release === undefined && metadata === undefined
      ? rest
      : { ...rest, metadata: { ...metadata, ...(release === undefined ? {} : { release }) } };
  return langfusePropagate(params, fn);
};

/**
 * OpenInference's context setters: session, user and tags have their own; the scalar fields
 * OpenInference has no key for go into its metadata object, as its docs suggest.
 */
export function openInferenceContext(ctx: Context, fields: BenchFields): Context {
  let next = setUser(setSession(ctx, { sessionId: fields.sessionId }), { userId: fields.userId });
  if (fields.tags) next = setTags(next, fields.tags);
  const { traceName, version, release, environment, metadata } = fields;
  const extra = { traceName, version, release, environment, ...metadata };
  const defined = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined));
  if (Object.keys(defined).length > 0) next = setMetadata(next, defined);
  return next;
}

export const enterOpenInference: EnterScope = (fields, fn) =>
  context.with(openInferenceContext(context.active(), fields), fn);

/**
 * Baggage entries named after the span attributes they become (BaggageSpanProcessor copies
 * key and value as they are), added to whatever baggage is already active.
 */
export function baggageEntries(fields: BenchFields): Array<[string, string]> {
  const entries: Array<[string, string]> = [
    ['session.id', fields.sessionId],
    ['user.id', fields.userId],
  ];
  if (fields.traceName) entries.push(['langfuse.trace.name', fields.traceName]);
  if (fields.version) entries.push(['langfuse.version', fields.version]);
  if (fields.release) entries.push(['langfuse.release', fields.release]);
  if (fields.environment) entries.push(['langfuse.environment', fields.environment]);
  if (fields.tags) entries.push(['langfuse.trace.tags', fields.tags.join(',')]);
  for (const [key, value] of Object.entries(fields.metadata ?? {})) {
    entries.push([`langfuse.trace.metadata.${key}`, value]);
  }
  return entries;
}

export const enterBaggage: EnterScope = (fields, fn) => {
  const active = context.active();
  let baggage = propagation.getBaggage(active) ?? propagation.createBaggage();
  for (const [key, value] of baggageEntries(fields)) baggage = baggage.setEntry(key, { value });
  return context.with(propagation.setBaggage(active, baggage), fn);
};

/**
 * openinference-core has context setters but no span processor: its own tracer wrapper (OITracer)
 * copies `getAttributesFromContext` onto the spans it starts. This is the same call in a span
 * processor, so the context reaches every span, whichever library starts it, as with the others.
 * (@arizeai/openinference-vercel's processor only rewrites AI SDK spans at their end, and its
 * current major needs Node 22.)
 */
export class OpenInferenceContextProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    span.setAttributes(getAttributesFromContext(parentContext));
  }
  onEnd(_span: ReadableSpan): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** The baggage keys BaggageSpanProcessor copies onto spans: ours, not any upstream's. */
export const baggageKeyPredicate = (key: string): boolean =>
  key === 'session.id' || key === 'user.id' || key.startsWith('langfuse.');

/**
 * Langfuse's processor as its docs set it up, with export filtered out (`shouldExportSpan`) and
 * media upload off, pointed at a loopback port that is never called.
 */
export function createLangfuseProcessor(): LangfuseSpanProcessor {
  return new LangfuseSpanProcessor({
    publicKey: 'pk-lf-bench',
    secretKey: 'sk-lf-bench',
    baseUrl: 'http://127.0.0.1:9',
    shouldExportSpan: () => false,
    mediaUploadEnabled: false,
  });
}

/** The propagating processors of each setup (the exporting one is added by the caller). */
export interface PeerProcessors {
  threadline: ThreadlineSpanProcessor;
  langfuse: LangfuseSpanProcessor;
  openinference: OpenInferenceContextProcessor;
  baggage: BaggageSpanProcessor;
}

/**
 * One instance of each. One ThreadlineSpanProcessor for the whole run: every registered one
 * stamps the active span when a scope is entered, so a second would double that work.
 */
export function createPeerProcessors(): PeerProcessors {
  return {
    threadline: new ThreadlineSpanProcessor(),
    langfuse: createLangfuseProcessor(),
    openinference: new OpenInferenceContextProcessor(),
    baggage: new BaggageSpanProcessor(baggageKeyPredicate),
  };
}

/** How each setup enters a scope. */
export const ENTER: Record<SetupName, EnterScope> = {
  bare: enterBare,
  threadline: enterThreadline,
  langfuse: enterLangfuse,
  openinference: enterOpenInference,
  baggage: enterBaggage,
};

/** The propagating processors of a setup. */
export function processorsOf(name: SetupName, peers: PeerProcessors): SpanProcessor[] {
  return name === 'bare' ? [] : [peers[name]];
}
