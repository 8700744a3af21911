/**
 * Whether an ai 5/6 span is a model call: `ai.generateText.doGenerate`, `ai.streamText.doStream`
 * and the same for `generateObject` / `streamObject` (`….doEmbed` is an embedding call).
 */
export function isModelCall(spanName: string): boolean {
  return spanName.endsWith('.doStream') || spanName.endsWith('.doGenerate');
}
