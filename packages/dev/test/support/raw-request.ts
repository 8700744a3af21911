import { request } from 'node:http';

/** What {@link rawRequest} got back. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Options of {@link rawRequest}. */
export interface RawRequestOptions {
  method?: string;
  /** Any header, `host` included (fetch does not let a caller choose it). */
  headers?: Record<string, string>;
  body?: string;
}

/** One HTTP request with exactly these headers; redirects are not followed. */
export function rawRequest(
  url: string,
  { method = 'GET', headers = {}, body }: RawRequestOptions = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}
