import type { IncomingMessage } from 'node:http';
import { gunzip } from 'node:zlib';

/** The body (or, once inflated, its content) is larger than the receiver accepts. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/** The body could not be read as sent, e.g. broken gzip. */
export class BadBodyError extends Error {
  override readonly name = 'BadBodyError';
}

/** The `Content-Encoding` is not one the receiver understands. */
export class UnsupportedEncodingError extends Error {
  override readonly name = 'UnsupportedEncodingError';
}

/** Options of {@link readRequestBody}. */
export interface ReadRequestBodyOptions {
  /** Most bytes accepted, on the wire and again after inflating. */
  maxBodyBytes: number;
}

function inflate(body: Buffer, maxBodyBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxOutputLength bounds what a small gzip bomb can expand to.
    gunzip(body, { maxOutputLength: maxBodyBytes }, (error, inflated) => {
      if (!error) resolve(inflated);
      else if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        reject(new BodyTooLargeError(`inflated body is larger than ${maxBodyBytes} bytes`));
      } else reject(new BadBodyError(`gzip body could not be inflated: ${error.message}`));
    });
  });
}

function collect(request: IncomingMessage, maxBodyBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        cleanup();
        chunks.length = 0;
        // Keep draining without keeping anything, so the client can read our answer instead of
        // seeing its upload cut off.
        request.resume();
        reject(new BodyTooLargeError(`body is larger than ${maxBodyBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new BadBodyError(`body could not be read: ${error.message}`));
    };
    const onAborted = () => onError(new Error('request aborted'));
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onAborted);
  });
}

/**
 * Reads a request body up to `maxBodyBytes`, refusing early on a larger `Content-Length` and
 * stopping to store as soon as a chunked body passes the limit, then inflates `gzip`.
 *
 * @throws {BodyTooLargeError} {@link BadBodyError} {@link UnsupportedEncodingError}
 */
export async function readRequestBody(
  request: IncomingMessage,
  { maxBodyBytes }: ReadRequestBodyOptions,
): Promise<Buffer> {
  const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    request.resume();
    throw new UnsupportedEncodingError(
      `unsupported content-encoding "${encoding}" (expected gzip or none)`,
    );
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBodyBytes) {
    request.resume();
    throw new BodyTooLargeError(`content-length ${declared} is larger than ${maxBodyBytes} bytes`);
  }
  const body = await collect(request, maxBodyBytes);
  return encoding === 'gzip' ? inflate(body, maxBodyBytes) : body;
}
