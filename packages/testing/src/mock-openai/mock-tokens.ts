/**
 * The mock's token count: whitespace-separated words. Real tokenisers are model specific; words
 * are easy to predict in assertions and stable across SDK versions.
 */
export function countMockTokens(text: string): number {
  let count = 0;
  for (const word of text.split(/\s+/)) if (word !== '') count++;
  return count;
}

// Long pieces (JSON has few spaces) are cut so that a stream always has several deltas.
const MAX_CHUNK_CODE_POINTS = 16;

/**
 * Splits text into the deltas of a stream: one word per piece with its leading whitespace, long
 * words cut by code point (never inside a surrogate pair). The pieces join back to `text`.
 */
export function splitIntoChunks(text: string): string[] {
  const pieces: string[] = [];
  for (const word of text.split(/(?<=\S)(?=\s)/)) {
    if (word === '') continue;
    const codePoints = Array.from(word);
    for (let i = 0; i < codePoints.length; i += MAX_CHUNK_CODE_POINTS) {
      pieces.push(codePoints.slice(i, i + MAX_CHUNK_CODE_POINTS).join(''));
    }
  }
  return pieces;
}
