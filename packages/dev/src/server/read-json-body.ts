import type { IncomingMessage } from 'node:http';

/** A request body that cannot be used, with the reason to send back (400). */
export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
}

/** Largest JSON body the page's API reads: scores and the like are small. */
export const MAX_JSON_BYTES = 64 * 1024;

/** Reads a request's body as JSON, up to `maxBytes`. @throws {BadRequestError} */
export async function readJsonBody(
  request: IncomingMessage,
  maxBytes = MAX_JSON_BYTES,
): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      request.resume();
      throw new BadRequestError(`body over ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequestError('body is not JSON');
  }
}

/**
 * A body reader for a route: JSON checked by `validate`. The validator reads untrusted input, so
 * whatever it throws is the client's fault and becomes a 400 with its message.
 */
export function jsonBody<T>(
  validate: (value: unknown) => T,
): (request: IncomingMessage) => Promise<T> {
  return async (request) => {
    const value = await readJsonBody(request);
    try {
      return validate(value);
    } catch (error) {
      throw new BadRequestError((error as Error).message, { cause: error });
    }
  };
}
