import { afterEach, describe, expect, it } from 'vitest';
import { exportConversation } from '../../test/support/conversation';
import { otlpJsonBody } from '../../test/support/otlp-json';
import { rawRequest } from '../../test/support/raw-request';
import { makeSpan } from '../../test/support/spans';
import { isLoopbackName, TOKEN_HEADER } from './request-guard';
import { type DevServer, startDevServer } from './start-dev-server';

/*
 * DNS rebinding and exposure: both servers answer to their own names only, with
 * `--host 0.0.0.0` every request needs the token, and writes must come from the page's origin.
 */

let dev: DevServer | undefined;

afterEach(async () => {
  await dev?.close();
  dev = undefined;
});

const SPANS = otlpJsonBody([makeSpan({ trace: 7, span: 1, attributes: { 'session.id': 's' } })]);
const FOREIGN = 'evil.example';

/** Every address of the page, as GET, plus the writes. */
function pageRequests(base: string) {
  return [
    ...['/', '/users', '/traces', '/sessions/s', '/api/sessions', '/api/users', '/api/traces'].map(
      (path) => ({ url: base + path, method: 'GET' }),
    ),
    { url: `${base}/api/scores`, method: 'POST' },
    { url: `${base}/api/sessions/s/bookmark`, method: 'PUT' },
    { url: `${base}/api/sessions/s`, method: 'DELETE' },
  ];
}

function post(url: string, headers: Record<string, string> = {}) {
  return rawRequest(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: SPANS,
  });
}

function scoreBody(targetId: string) {
  return JSON.stringify({ targetType: 'session', targetId, name: 'n', value: 1 });
}

describe('the request guard', () => {
  it.each([
    ['by default', {}],
    ['with --host 0.0.0.0', { host: '0.0.0.0', token: 'the-token' }],
  ])('refuses a foreign Host on every route of both servers, %s', async (_, options) => {
    dev = await startDevServer({ port: 0, uiPort: 0, db: ':memory:', ...options });
    const auth = { [TOKEN_HEADER]: 'the-token' };
    for (const host of [
      FOREIGN,
      `${FOREIGN}:${new URL(dev.otlpUrl).port}`,
      'localhost.evil.example',
    ]) {
      expect((await post(dev.tracesUrl, { host, ...auth })).status, host).toBe(421);
      for (const { url, method } of pageRequests(dev.uiUrl)) {
        const response = await rawRequest(url, { method, headers: { host, ...auth } });
        expect(response.status, `${method} ${url} Host: ${host}`).toBe(421);
      }
    }
    expect(dev.spanCount()).toBe(0);
    // Its own names pass.
    const port = new URL(dev.tracesUrl).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect((await post(dev.tracesUrl, { host, ...auth })).status, host).toBe(200);
    }
  });

  it('with --host 0.0.0.0 requires the token on every request: header, bearer, or the page cookie', async () => {
    dev = await startDevServer({ port: 0, uiPort: 0, db: ':memory:', host: '0.0.0.0' });
    const token = dev.token!;
    expect(token).toMatch(/^[\w-]{40,}$/);
    expect(dev.uiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The empty store's hint names the header exporters need, for whoever got in with it.
    const empty = await rawRequest(`${dev.uiUrl}/`, { headers: { [TOKEN_HEADER]: token } });
    expect(empty.body).toContain(`OTEL_EXPORTER_OTLP_ENDPOINT=${dev.otlpUrl}`);
    expect(empty.body).toContain(`OTEL_EXPORTER_OTLP_HEADERS=${TOKEN_HEADER}=${token}`);

    expect((await post(dev.tracesUrl)).status).toBe(401);
    expect((await post(dev.tracesUrl, { [TOKEN_HEADER]: 'wrong' })).status).toBe(401);
    expect((await post(dev.tracesUrl, { [TOKEN_HEADER]: token })).status).toBe(200);
    expect((await post(dev.tracesUrl, { authorization: `Bearer ${token}` })).status).toBe(200);

    for (const { url, method } of pageRequests(dev.uiUrl)) {
      expect((await rawRequest(url, { method })).status, `${method} ${url}`).toBe(401);
    }
    for (const path of ['/styles.css', '/app.js', '/events', `/?token=wrong`]) {
      expect((await rawRequest(dev.uiUrl + path)).status, path).toBe(401);
    }
    const sessions = await rawRequest(`${dev.uiUrl}/api/sessions`, {
      headers: { [TOKEN_HEADER]: token },
    });
    expect(sessions.status).toBe(200);

    // The printed address: the token moves into a cookie and the page reloads without it.
    const login = await rawRequest(`${dev.uiUrl}/traces?token=${token}&q=1`);
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/traces?q=1');
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/^threadline_token_\d+=[\w-]+; HttpOnly; SameSite=Strict; Path=\/$/);
    const withCookie = { cookie: cookie.split(';')[0]! };
    expect((await rawRequest(`${dev.uiUrl}/traces`, { headers: withCookie })).status).toBe(200);
    const write = await rawRequest(`${dev.uiUrl}/api/scores`, {
      method: 'POST',
      headers: { ...withCookie, 'content-type': 'application/json' },
      body: scoreBody('s'),
    });
    expect(write.status).toBe(201);
  });

  it('checks the Origin of writes against the configured names, not against Host', async () => {
    dev = await startDevServer({
      port: 0,
      uiPort: 0,
      db: ':memory:',
      host: '0.0.0.0',
      token: 't',
      allowedHosts: ['devbox.lan'],
    });
    await exportConversation({
      tracesUrl: dev.tracesUrl,
      sessionId: 's',
      userId: 'u',
      turns: [{ user: 'hi', assistant: 'hello' }],
      headers: { [TOKEN_HEADER]: 't' },
    });
    const port = new URL(dev.uiUrl).port;
    const write = (origin: string, host = `127.0.0.1:${port}`) =>
      rawRequest(`${dev!.uiUrl}/api/sessions/s/bookmark`, {
        method: 'PUT',
        headers: { host, origin, [TOKEN_HEADER]: 't' },
      });
    // Another site, even when Host says the same; another port of this machine; no origin.
    expect((await write(`http://${FOREIGN}`, FOREIGN)).status).toBe(421);
    expect((await write(`http://${FOREIGN}:${port}`)).status).toBe(403);
    expect((await write(`http://localhost:3000`)).status).toBe(403);
    expect((await write('null')).status).toBe(403);
    expect((await write(`http://127.0.0.1:${port}`)).status).toBe(200);
    expect((await write(`http://devbox.lan:${port}`, `devbox.lan:${port}`)).status).toBe(200);
    expect((await write(`http://localhost:${port}`)).status).toBe(200);
  });

  it('answers 404 for scores and bookmarks of sessions and traces that do not exist', async () => {
    dev = await startDevServer({ port: 0, uiPort: 0, db: ':memory:' });
    const score = (targetType: string, targetId: string) =>
      fetch(`${dev!.uiUrl}/api/scores`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ targetType, targetId, name: 'n', value: 1 }),
      });
    expect((await score('session', 'ghost')).status).toBe(404);
    expect((await score('trace', 'ghost')).status).toBe(404);
    const bookmark = (method: string) =>
      fetch(`${dev!.uiUrl}/api/sessions/ghost/bookmark`, { method });
    expect((await bookmark('PUT')).status).toBe(404);
    expect((await bookmark('DELETE')).status).toBe(404);
    expect(await (await fetch(`${dev.uiUrl}/api/sessions`)).json()).toEqual([]);
  });

  it('knows which names are loopback', () => {
    for (const name of ['localhost', 'LOCALHOST.', '127.0.0.1', '127.1.2.3', '::1', '[::1]']) {
      expect(isLoopbackName(name), name).toBe(true);
    }
    for (const name of ['0.0.0.0', '::', 'localhost.evil.example', '128.0.0.1', '10.0.0.1']) {
      expect(isLoopbackName(name), name).toBe(false);
    }
  });
});
