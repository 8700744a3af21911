import { createHash } from 'node:crypto';

/** Length of the default vectors (small: tests compare them, nobody searches with them). */
export const MOCK_EMBEDDING_DIMENSIONS = 8;

/**
 * The deterministic unit vector the mock returns for `text`, derived from its SHA-256. Values
 * are rounded to float32 so that the `float` and `base64` encodings give the same numbers.
 */
export function mockEmbedding(
  text: string,
  { dimensions = MOCK_EMBEDDING_DIMENSIONS }: { dimensions?: number } = {},
): number[] {
  const raw: number[] = [];
  for (let block = 0; raw.length < dimensions; block++) {
    const digest = createHash('sha256').update(`${block}:${text}`).digest();
    for (let offset = 0; offset + 4 <= digest.length && raw.length < dimensions; offset += 4) {
      raw.push((digest.readUInt32LE(offset) / 0xffffffff) * 2 - 1);
    }
  }
  const norm = Math.hypot(...raw) || 1;
  return raw.map((value) => Math.fround(value / norm));
}

/** The API's `base64` encoding: little-endian float32 values. */
export function encodeEmbeddingBase64(vector: number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  for (const [index, value] of vector.entries()) bytes.writeFloatLE(value, index * 4);
  return bytes.toString('base64');
}
