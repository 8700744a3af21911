import type { IncomingMessage } from 'node:http';
import { gunzip } from 'node:zlib';

/** Why a body was refused before decoding; `status` is the HTTP answer. */
export class BodyError extends Error {
  override readonly name = 'BodyError';
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

function inflate(body: Buffer, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxOutputLength stops a small gzip bomb from taking the memory of the process.
    gunzip(body, { maxOutputLength: maxBytes }, (error, inflated) => {
      if (!error) resolve(inflated);
      else if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        reject(new BodyError(413, `inflated body is larger than ${maxBytes} bytes`));
      } else reject(new BodyError(400, `gzip body could not be inflated: ${error.message}`));
    });
  });
}

function collect(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBytes) {
        refused = true;
        chunks.length = 0;
        // Keep reading (and dropping) so the exporter gets our 413 instead of a reset upload.
        reject(new BodyError(413, `body is larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks, size));
    });
    request.on('error', (error) => {
      if (!refused) reject(new BodyError(400, `body could not be read: ${error.message}`));
    });
  });
}

/**
 * Reads an OTLP request body, at most `maxBytes` on the wire and again once gzip is inflated.
 * A larger `Content-Length` is refused before any byte is read.
 *
 * @throws {BodyError}
 */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    request.resume();
    throw new BodyError(415, `unsupported content-encoding "${encoding}" (expected gzip or none)`);
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    request.resume();
    throw new BodyError(413, `content-length ${declared} is larger than ${maxBytes} bytes`);
  }
  const body = await collect(request, maxBytes);
  return encoding === 'gzip' ? inflate(body, maxBytes) : body;
}
