import fc from 'fast-check';

/** Any UTF-16 code units: quotes, backslashes, control characters, lone surrogates, emoji. */
export function anyText(maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: 'binary', maxLength });
}

/** A tool call as the AI SDK records it, its input any JSON value or a string. */
export function toolCallPart(text: fc.Arbitrary<string>) {
  return fc.record({
    type: fc.constant('tool-call'),
    toolCallId: text,
    toolName: text,
    input: fc.oneof(fc.jsonValue({ maxDepth: 3 }), text),
  });
}
