import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportConversation } from '../../test/support/conversation';
import { rawRequest } from '../../test/support/raw-request';
import { startDevServer } from './start-dev-server';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'threadline-delete-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function traceIdsOf(uiUrl: string, sessionId: string): Promise<string[]> {
  const detail = (await (await fetch(`${uiUrl}/api/sessions/${sessionId}`)).json()) as {
    traces: Array<{ id: string }>;
  };
  return detail.traces.map((t) => t.id);
}

describe('deleting', () => {
  it('removes a session with its traces, scores and bookmark, and a single trace', async () => {
    const dev = await startDevServer({ port: 0, uiPort: 0, db: ':memory:' });
    try {
      await exportConversation({ tracesUrl: dev.tracesUrl, sessionId: 'a', userId: 'u' });
      const spansOfB = await exportConversation({
        tracesUrl: dev.tracesUrl,
        sessionId: 'b',
        userId: 'u',
      });
      const [first, second] = await traceIdsOf(dev.uiUrl, 'a');
      await fetch(`${dev.uiUrl}/api/sessions/a/bookmark`, { method: 'PUT' });
      await fetch(`${dev.uiUrl}/api/scores`, {
        method: 'POST',
        body: JSON.stringify({ targetType: 'session', targetId: 'a', name: 'n', value: 1 }),
      });

      // One trace, by the API.
      const one = await fetch(`${dev.uiUrl}/api/traces/${first}`, { method: 'DELETE' });
      expect(one.status).toBe(200);
      expect(await traceIdsOf(dev.uiUrl, 'a')).not.toContain(first);
      expect((await fetch(`${dev.uiUrl}/traces/${first}`)).status).toBe(404);
      expect((await fetch(`${dev.uiUrl}/api/traces/${first}`, { method: 'DELETE' })).status).toBe(
        404,
      );

      // One trace, by the page's form: back to its session, which still has traces.
      const form = await rawRequest(`${dev.uiUrl}/traces/${second}/delete`, { method: 'POST' });
      expect(form.status).toBe(303);
      expect(form.headers.location).toBe('/sessions/a');

      // The session, by the API: everything of it goes, the other session stays.
      const session = await fetch(`${dev.uiUrl}/api/sessions/a`, { method: 'DELETE' });
      expect(session.status).toBe(200);
      expect(dev.spanCount()).toBe(spansOfB);
      expect((await fetch(`${dev.uiUrl}/sessions/a`)).status).toBe(404);
      const sessions = (await (await fetch(`${dev.uiUrl}/api/sessions`)).json()) as Array<{
        id: string;
      }>;
      expect(sessions.map((s) => s.id)).toEqual(['b']);
      expect((await fetch(`${dev.uiUrl}/api/sessions/a`, { method: 'DELETE' })).status).toBe(404);
      // Its bookmark went too: the session cannot be bookmarked again while it has no traces.
      expect(
        (await fetch(`${dev.uiUrl}/api/sessions/a/bookmark`, { method: 'DELETE' })).status,
      ).toBe(404);

      // The other session, by the page's form: back to the list.
      const page = await rawRequest(`${dev.uiUrl}/sessions/b/delete`, { method: 'POST' });
      expect(page.status).toBe(303);
      expect(page.headers.location).toBe('/');
      expect(dev.spanCount()).toBe(0);
      expect((await rawRequest(`${dev.uiUrl}/sessions/b/delete`, { method: 'POST' })).status).toBe(
        404,
      );
    } finally {
      await dev.close();
    }
  });

  it('empties the store on start with reset, and keeps it otherwise', async () => {
    const db = join(dir, 'reset.db');
    const first = await startDevServer({ port: 0, uiPort: 0, db });
    await exportConversation({ tracesUrl: first.tracesUrl, sessionId: 'kept', userId: 'u' });
    await fetch(`${first.uiUrl}/api/sessions/kept/bookmark`, { method: 'PUT' });
    const stored = first.spanCount();
    await first.close();

    const again = await startDevServer({ port: 0, uiPort: 0, db });
    expect(again.spanCount()).toBe(stored);
    await again.close();

    const reset = await startDevServer({ port: 0, uiPort: 0, db, reset: true });
    try {
      expect(reset.spanCount()).toBe(0);
      expect(await (await fetch(`${reset.uiUrl}/api/sessions`)).json()).toEqual([]);
      await exportConversation({ tracesUrl: reset.tracesUrl, sessionId: 'kept', userId: 'u' });
      const [session] = (await (await fetch(`${reset.uiUrl}/api/sessions`)).json()) as Array<{
        bookmarked: boolean;
      }>;
      expect(session!.bookmarked).toBe(false);
    } finally {
      await reset.close();
    }
  });
});
