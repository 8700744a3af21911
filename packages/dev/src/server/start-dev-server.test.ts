import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportConversation } from '../../test/support/conversation';
import { formatCost } from '../page/format';
import { startDevServer } from './start-dev-server';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'threadline-dev-server-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A request with a chosen Host header, which fetch does not allow. */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startDevServer', () => {
  it('loses nothing across a restart: spans, scores, bookmarks', async () => {
    const db = join(dir, 'restart.db');
    const first = await startDevServer({ port: 0, uiPort: 0, db });
    const spans = await exportConversation({
      tracesUrl: first.tracesUrl,
      sessionId: 'kept',
      userId: 'u',
    });
    const score = await fetch(`${first.uiUrl}/api/scores`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ targetType: 'session', targetId: 'kept', name: 'ok', value: 1 }),
    });
    expect(score.status).toBe(201);
    expect(
      (await fetch(`${first.uiUrl}/api/sessions/kept/bookmark`, { method: 'PUT' })).status,
    ).toBe(200);
    await first.close();

    const second = await startDevServer({ port: 0, uiPort: 0, db });
    try {
      expect(second.spanCount()).toBe(spans);
      const sessions = (await (await fetch(`${second.uiUrl}/api/sessions`)).json()) as unknown[];
      expect(sessions).toEqual([
        expect.objectContaining({
          id: 'kept',
          traces: 3,
          bookmarked: true,
          scores: [expect.objectContaining({ name: 'ok', value: 1 })],
        }),
      ]);
      const page = await (await fetch(`${second.uiUrl}/sessions/kept`)).text();
      expect(page).toContain('Where is my order #4512?');
    } finally {
      await second.close();
    }
  });

  it('prices model calls from the bundled price data, a price table winning', async () => {
    const dev = await startDevServer({
      port: 0,
      uiPort: 0,
      db: ':memory:',
      prices: { 'gpt-4o-mini': { input: 1000, output: 2000 } },
    });
    try {
      await exportConversation({ tracesUrl: dev.tracesUrl, sessionId: 'mini', userId: 'u' });
      await exportConversation({
        tracesUrl: dev.tracesUrl,
        sessionId: 'big',
        userId: 'u',
        model: 'gpt-4o',
      });
      type Row = {
        id: string;
        tokens: { input: number; output: number };
        cost: { usd: number; priced: boolean; unpricedModels: string[] };
      };
      const rows = (await (await fetch(`${dev.uiUrl}/api/sessions`)).json()) as Row[];
      const usd = (id: string, input: number, output: number) => {
        const row = rows.find((r) => r.id === id)!;
        expect(row.cost.priced).toBe(true);
        expect(row.cost.usd).toBeCloseTo(
          (row.tokens.input * input + row.tokens.output * output) / 1e6,
          12,
        );
        return row.cost;
      };
      usd('mini', 1000, 2000);
      // gpt-4o is not in the table: $2.50 input, $10 output from the data.
      const big = usd('big', 2.5, 10);
      const page = await (await fetch(`${dev.uiUrl}/sessions/big`)).text();
      expect(page).toContain(`>${formatCost(big)}<`);
    } finally {
      await dev.close();
    }
  });

  it('guards the page against other sites: Host names and cross-origin writes', async () => {
    const dev = await startDevServer({ port: 0, uiPort: 0, db: ':memory:' });
    try {
      expect(await getWithHost(dev.uiUrl, 'attacker.example')).toBe(421);
      expect(await getWithHost(dev.uiUrl, new URL(dev.uiUrl).host)).toBe(200);
      expect(await getWithHost(dev.uiUrl, `localhost:${new URL(dev.uiUrl).port}`)).toBe(200);
      const crossSite = await fetch(`${dev.uiUrl}/api/sessions/x/bookmark`, {
        method: 'PUT',
        headers: { origin: 'https://attacker.example' },
      });
      expect(crossSite.status).toBe(403);
      const page = await fetch(dev.uiUrl);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      const text = await page.text();
      expect(text).toContain(`OTEL_EXPORTER_OTLP_ENDPOINT=${dev.otlpUrl}`);
      expect(text).not.toContain('OTEL_EXPORTER_OTLP_HEADERS');
    } finally {
      await dev.close();
    }
  });

  it('refuses bad scores with the reason and answers 404 for what does not exist', async () => {
    const dev = await startDevServer({ port: 0, uiPort: 0, db: ':memory:' });
    try {
      const bad = await fetch(`${dev.uiUrl}/api/scores`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ targetType: 'session', targetId: 's', name: '', value: 1 }),
      });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toMatch(/name must be/);
      expect(
        (await fetch(`${dev.uiUrl}/api/scores`, { method: 'POST', body: 'nope' })).status,
      ).toBe(400);
      expect((await fetch(`${dev.uiUrl}/api/scores/42`, { method: 'DELETE' })).status).toBe(404);
      expect((await fetch(`${dev.uiUrl}/sessions/none`)).status).toBe(404);
      expect((await fetch(`${dev.uiUrl}/traces/none`)).status).toBe(404);
      expect((await fetch(`${dev.uiUrl}/sessions/%E0%A4%A`)).status).toBe(404);
    } finally {
      await dev.close();
    }
  });

  it('escapes span values on every page and exports a file that loads nothing', async () => {
    const dev = await startDevServer({ port: 0, uiPort: 0, db: ':memory:' });
    const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    try {
      await exportConversation({
        tracesUrl: dev.tracesUrl,
        encoding: 'json',
        sessionId: `s-${evil}`,
        userId: `u-${evil}`,
        tags: [evil],
        turns: [
          { user: evil, assistant: evil, tool: { name: evil, args: { evil }, result: evil } },
        ],
      });
      const session = encodeURIComponent(`s-${evil}`);
      const traceId = (
        (await (await fetch(`${dev.uiUrl}/api/traces`)).json()) as Array<{ id: string }>
      )[0]!.id;
      for (const path of [
        '/',
        '/users',
        '/traces',
        `/sessions/${session}`,
        `/traces/${traceId}`,
        `/?q=${encodeURIComponent(evil)}`,
      ]) {
        const page = await (await fetch(dev.uiUrl + path)).text();
        expect(page, path).not.toContain('<img src=x');
        expect(page, path).not.toContain('<script>alert');
        expect(page, path).toContain('&lt;img src=x onerror=alert(1)&gt;');
      }
      const exported = await fetch(`${dev.uiUrl}/sessions/${session}/export`);
      expect(exported.headers.get('content-disposition')).toBe(
        'attachment; filename="threadline-session-s-_img_src_x_onerror_alert_1_script_alert_2_script_.html"',
      );
      const file = await exported.text();
      // No element that loads anything: escaped text may mention them, markup may not.
      expect(file).not.toMatch(/<(script|link|img|iframe)\b|<[^>]+\s(src|href)=|url\(/i);
      expect(file).toContain("default-src 'none'");
      expect(file).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    } finally {
      await dev.close();
    }
  });

  it('says which flag to change when a port is taken', async () => {
    const dev = await startDevServer({ port: 0, uiPort: 0, db: ':memory:' });
    try {
      const port = Number(new URL(dev.otlpUrl).port);
      await expect(startDevServer({ port, uiPort: 0, db: ':memory:' })).rejects.toThrow(
        /in use \(choose another with --port\)/,
      );
      const uiPort = Number(new URL(dev.uiUrl).port);
      await expect(startDevServer({ port: 0, uiPort, db: ':memory:' })).rejects.toThrow(
        /--ui-port/,
      );
    } finally {
      await dev.close();
    }
  });
});
