import type { ServerResponse } from 'node:http';
import { html } from '../page/html';
import { renderPage } from '../page/layout';

// Styles only in the stylesheet, script only from /app.js; inline style attributes are kept for
// the waterfall's bar positions. Nothing may load from elsewhere. `same-origin` rather than
// `no-referrer`: no other site learns an address, and the page's own form posts keep their
// Origin (under `no-referrer` a browser sends `Origin: null`, which the write check refuses).
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/** Sends a whole response with the page's security headers; nothing is cached. */
export function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': contentType,
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
    ...headers,
  });
  response.end(body);
}

/** A plain-text answer, for errors a person or a script reads. */
export function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  send(response, status, 'text/plain; charset=utf-8', text, headers);
}

/** A JSON answer. The caller passes values bounded by the view, so stringifying cannot overflow. */
export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/** A page of HTML. */
export function sendHtml(
  response: ServerResponse,
  body: string,
  { status = 200, headers = {} }: { status?: number; headers?: Record<string, string> } = {},
): void {
  send(response, status, 'text/html; charset=utf-8', body, headers);
}

/** 303 to another page of this server, e.g. after a form was sent. */
export function redirect(
  response: ServerResponse,
  location: string,
  headers: Record<string, string> = {},
): void {
  send(response, 303, 'text/plain; charset=utf-8', `See ${location}`, { location, ...headers });
}

/** The page's 404, saying what was not found. */
export function sendNotFoundPage(response: ServerResponse, what: string): void {
  sendHtml(
    response,
    renderPage({
      title: 'Not found',
      live: 'none',
      content: html`<h1>Not found</h1><p class="sub">${what}</p><p><a href="/">Back to the sessions</a></p>`,
    }),
    { status: 404 },
  );
}
