import { type Attributes, type Context, context, createContextKey } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { BenchFields } from '../fields';
import type { EnterScope } from './peers';

/** The name of the floor case of the span workloads. */
export const SET_ATTRIBUTES_FLOOR = 'setAttributes floor';

const FLOOR_SCOPE = createContextKey('bench.floor-scope');

/** The fields of a scope that are one string each (session, user, trace name and the rest). */
type ScalarField = {
  [K in keyof BenchFields]-?: NonNullable<BenchFields[K]> extends string ? K : never;
}[keyof BenchFields];

/**
 * The attributes Threadline writes for a scope, as a shape: for each key, the scope field its
 * value comes from (found by value in the sample the attributes were made from), or none when
 * it is a constant of the sample (tags, metadata: every workload keeps those the same).
 */
export interface FloorShape {
  keys: ReadonlyArray<readonly [key: string, field: ScalarField | undefined]>;
  attributes: Attributes;
}

/** The shape of `attributes`, what Threadline wrote for a scope of `sample`. */
export function floorShape(attributes: Attributes, sample: BenchFields): FloorShape {
  // The sample's string fields, found by value: no list of field names to keep in step.
  const fields = (Object.keys(sample) as Array<keyof BenchFields>).filter(
    (field): field is ScalarField => typeof sample[field] === 'string',
  );
  const keys = Object.entries(attributes).map(
    ([key, value]) => [key, fields.find((field) => sample[field] === value)] as const,
  );
  return { keys, attributes };
}

/**
 * Enters a floor scope: the scope's own attributes, made once as it is entered, go on the
 * context under one key. Any propagating scope puts at least its values on the context.
 */
export function floorEnter(shape: FloorShape): EnterScope {
  return (fields, fn) => {
    const attributes: Attributes = {};
    for (const [key, field] of shape.keys) {
      attributes[key] = field === undefined ? shape.attributes[key] : fields[field];
    }
    return context.with(context.active().setValue(FLOOR_SCOPE, attributes), fn);
  };
}

/**
 * The floor of a propagating processor: one context lookup brings the attributes Threadline
 * writes, precomputed for the span's scope, and one `setAttributes` call sets them. Any
 * processor that puts a scope's own values on its spans pays at least this: with many live
 * scopes those values (and the object holding them) are each scope's own, not one shared object.
 */
export class FloorProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    const attributes = parentContext.getValue(FLOOR_SCOPE) as Attributes | undefined;
    if (attributes !== undefined) span.setAttributes(attributes);
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
