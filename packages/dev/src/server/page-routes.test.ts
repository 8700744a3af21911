import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportConversation } from '../../test/support/conversation';
import { HOSTILE_SESSION, hostileSpans } from '../../test/support/hostile-spans';
import { postSpans } from '../../test/support/otlp-json';
import { type DevServer, startDevServer } from './start-dev-server';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'threadline-page-routes-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TRACE = hostileSpans()[0]!.traceId;
const ids = (n: number) => n.toString(16).padStart(16, '0');

/** Every GET address of the page, with the hostile trace's ids filled in. */
function everyAddress(): string[] {
  const session = encodeURIComponent(HOSTILE_SESSION);
  const observations = [1, 2, 3, 4, 5, 6, 7].map(ids);
  return [
    '/',
    '/?q=hostile',
    '/users',
    '/traces',
    `/sessions/${session}`,
    `/sessions/${session}/export`,
    `/traces/${TRACE}`,
    `/traces/${TRACE}/rows`,
    `/traces/${TRACE}/rows?parent=${ids(1)}`,
    `/traces/${TRACE}/turn/user`,
    `/traces/${TRACE}/turn/assistant`,
    ...observations.map((o) => `/traces/${TRACE}/observations/${o}`),
    // The ones with content (the tool's AI SDK keys are not content keys in docs/contract.md#backends).
    ...[1, 2, 4, 5].flatMap((n) => [
      `/traces/${TRACE}/observations/${ids(n)}/input`,
      `/traces/${TRACE}/observations/${ids(n)}/output`,
    ]),
    '/api/sessions',
    `/api/sessions/${session}`,
    '/api/users',
    '/api/traces',
    `/api/traces/${TRACE}`,
    '/styles.css',
    '/app.js',
  ];
}

async function expectEveryAddressAnswers(dev: DevServer): Promise<void> {
  const failures: string[] = [];
  for (const path of everyAddress()) {
    const response = await fetch(dev.uiUrl + path);
    const text = await response.text();
    if (response.status !== 200) failures.push(`${path} ${response.status} ${text.slice(0, 200)}`);
    if (path.startsWith('/api/')) expect(() => JSON.parse(text), path).not.toThrow();
  }
  expect(failures).toEqual([]);
}

describe('the page with hostile spans stored', () => {
  it('answers every page and route, across a restart, and shows the cut values marked', async () => {
    const db = join(dir, 'hostile.db');
    const first = await startDevServer({ port: 0, uiPort: 0, db });
    try {
      await exportConversation({ tracesUrl: first.tracesUrl, sessionId: 'calm', userId: 'u' });
      await postSpans(first.tracesUrl, hostileSpans());
      await expectEveryAddressAnswers(first);
      // The other session is untouched by its neighbour.
      expect(await (await fetch(`${first.uiUrl}/sessions/calm`)).text()).toContain(
        'Where is my order #4512?',
      );
      const trace = await (await fetch(`${first.uiUrl}/traces/${TRACE}`)).text();
      expect(trace).toContain('JSON nested deeper than 1000 levels');
      expect(trace).toContain('nested deeper than 32 levels');
      expect(trace).toContain('ai.toolCall lookupShipment');
      const input = await (
        await fetch(`${first.uiUrl}/traces/${TRACE}/observations/${ids(2)}/input`)
      ).text();
      expect(input.length).toBeLessThan(2_000);
      const detail = (await (await fetch(`${first.uiUrl}/api/traces/${TRACE}`)).json()) as {
        trace: { observations: Array<{ id: string; input?: unknown }> };
      };
      const wide = detail.trace.observations.find((o) => o.id === ids(5))!;
      expect((wide.input as unknown[]).at(-1)).toBe('[… 48000 more items]');
    } finally {
      await first.close();
    }
    // A restart reads the same store; nothing is cached that would hide a failure.
    const second = await startDevServer({ port: 0, uiPort: 0, db });
    try {
      await expectEveryAddressAnswers(second);
    } finally {
      await second.close();
    }
  });
});

describe('the route table', () => {
  it('answers 404 (JSON under /api) for unknown addresses and 405 with Allow for other methods', async () => {
    const dev = await startDevServer({ port: 0, uiPort: 0, db: ':memory:' });
    try {
      const api = await fetch(`${dev.uiUrl}/api/nothing`);
      expect(api.status).toBe(404);
      expect(await api.json()).toEqual({ error: 'not found' });
      const page = await fetch(`${dev.uiUrl}/nothing/here`);
      expect(page.status).toBe(404);
      expect(page.headers.get('content-type')).toContain('text/html');
      const wrong = await fetch(`${dev.uiUrl}/api/scores`, { method: 'PUT' });
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')).toBe('POST');
      const head = await fetch(`${dev.uiUrl}/users`, { method: 'HEAD' });
      expect(head.status).toBe(200);
    } finally {
      await dev.close();
    }
  });
});
