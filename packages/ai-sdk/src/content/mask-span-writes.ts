import {
  type Attributes,
  type AttributeValue,
  diag,
  type Span,
  type SpanOptions,
} from '@opentelemetry/api';
import { CONTENT_KEYS } from './content-keys';
import { maskContentAttributes, maskedValue } from './mask-content';

/** `options` with the content among its start attributes masked (the same object if none). */
export function withMaskedAttributes(options: SpanOptions | undefined): SpanOptions | undefined {
  const attributes = options?.attributes;
  if (!attributes) return options;
  const masked = maskContentAttributes(attributes);
  return masked === attributes ? options : { ...options, attributes: masked };
}

/**
 * Has `span` mask the content later written to it with `setAttribute` / `setAttributes`
 * (see {@link CONTENT_KEYS}): a masked value, or the attribute left out when the mask throws.
 *
 * Why on the span object itself rather than a wrapper: `@ai-sdk/otel` puts the spans it starts
 * on contexts, where Threadline's processor and other libraries look for the real span (its
 * record rides on the object). So its two writing methods are replaced on that one object.
 */
export function maskWritesOf(span: Span): void {
  try {
    const setAttribute = span.setAttribute;
    const setAttributes = span.setAttributes;
    // The SDK's setAttributes may call setAttribute: masked once, in setAttributes.
    let passing = false;
    span.setAttribute = (key: string, value: AttributeValue) => {
      if (passing || !CONTENT_KEYS.has(key) || value === undefined) {
        return setAttribute.call(span, key, value);
      }
      const masked = maskedValue(value);
      return masked === undefined ? span : setAttribute.call(span, key, masked);
    };
    span.setAttributes = (attributes: Attributes) => {
      passing = true;
      try {
        return setAttributes.call(span, maskContentAttributes(attributes));
      } finally {
        passing = false;
      }
    };
  } catch (error) {
    diag.warn('threadline: could not mask the content of an AI SDK span', error);
  }
}
