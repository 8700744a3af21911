import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevServer, startDevServer } from '../src/index';
import { launchChromium, SKIP_BROWSER_TESTS } from './support/chromium';
import { exportConversation } from './support/conversation';
import { DEMO_SESSION_ID, DEMO_SESSION_SPANS } from './support/demo-session';
import { HOSTILE_SESSION, hostileSpans } from './support/hostile-spans';
import { postSpans } from './support/otlp-json';
import { makeSpan } from './support/spans';

/*
 * Acceptance in headless Chromium: with spans stored that once took every page down,
 * every page loads; totals, tool names, time zones, long ids and deleting as a person sees them;
 * with `--host 0.0.0.0` the page works through the printed address and its cookie only.
 */

const OUTPUT = join(import.meta.dirname, '..', 'test-output');
const LONG_USER = `user-${'x'.repeat(300)}`;
const TRACE = hostileSpans()[0]!.traceId;

/** The text of an element as rendered (Playwright's Locator.innerText, not the DOM property). */
function shown(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: a Playwright method; rendered text is what a person sees.
  return locator.innerText();
}

/** The cell of `row` under the column headed `heading`. */
async function cell(page: Page, row: Locator, heading: string): Promise<string> {
  const headings = await page.locator('table thead th').allInnerTexts();
  const index = headings.findIndex((h) => h.trim().toLowerCase() === heading.toLowerCase());
  expect(index, heading).toBeGreaterThanOrEqual(0);
  return shown(row.locator('td').nth(index));
}

describe.skipIf(SKIP_BROWSER_TESTS)(
  'hostile input, exposure and totals in headless Chromium',
  () => {
    let dir: string;
    let dev: DevServer;
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    let page: Page;
    const errors: string[] = [];

    beforeAll(async () => {
      mkdirSync(OUTPUT, { recursive: true });
      dir = mkdtempSync(join(tmpdir(), 'threadline-dev-hostile-'));
      dev = await startDevServer({ port: 0, uiPort: 0, db: join(dir, 'dev.db') });
      await postSpans(dev.tracesUrl, [...DEMO_SESSION_SPANS, ...hostileSpans()]);
      // Longer than Threadline lets through, but other SDKs send what they like.
      await postSpans(dev.tracesUrl, [
        makeSpan({
          trace: 0x1009,
          span: 1,
          startMs: 5_000,
          attributes: {
            'session.id': 'long-user',
            'user.id': LONG_USER,
            'langfuse.observation.input': '"Is my id too long?"',
          },
        }),
      ]);
      browser = await launchChromium();
      page = browser.context.pages()[0] ?? (await browser.context.newPage());
      page.on('pageerror', (error) => errors.push(error.message));
    });

    afterAll(async () => {
      await browser?.close();
      await dev?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('loads every page with the hostile spans stored, their values cut and marked', async () => {
      const session = encodeURIComponent(HOSTILE_SESSION);
      for (const path of [
        '/',
        '/users',
        '/traces',
        `/sessions/${session}`,
        `/traces/${TRACE}`,
        `/sessions/${DEMO_SESSION_ID}`,
      ]) {
        const response = await page.goto(dev.uiUrl + path);
        expect(response?.status(), path).toBe(200);
        expect(await page.locator('main h1').count(), path).toBe(1);
      }
      expect(errors).toEqual([]);

      await page.goto(`${dev.uiUrl}/traces/${TRACE}`);
      // A span that ends before it starts: the axis spans the trace's second, not 56 years.
      const ticks = await page.locator('.wf-axis .ticks span').allInnerTexts();
      expect(ticks.at(-1)).toBe('1.00 s');
      expect(await shown(page.locator('[data-testid=waterfall]'))).toContain(
        'ai.toolCall lookupShipment',
      );
      const root = page.locator('details.wf-item').first();
      await root.locator('summary').click();
      expect(await shown(root.locator('.wf-detail'))).toContain(
        'JSON nested deeper than 1000 levels',
      );
      await page.screenshot({ path: join(OUTPUT, 'hostile-trace.png'), fullPage: true });
    });

    it('totals the demo session over its model calls, with times in a named zone', async () => {
      await page.goto(dev.uiUrl);
      const row = page.locator(`tr[data-session="${DEMO_SESSION_ID}"]`);
      expect(await cell(page, row, 'Tokens')).toBe('454');
      expect(await cell(page, row, 'First')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
      await page.goto(`${dev.uiUrl}/sessions/${DEMO_SESSION_ID}`);
      expect(await shown(page.locator('.meta'))).toContain('454 (');
      const turns = await page.locator('[data-testid=turn] .turn-head .right').allInnerTexts();
      expect(turns[1]).toContain('146 tokens');
      await page.goto(`${dev.uiUrl}/users`);
      expect(await cell(page, page.locator('tr[data-user="user-7f3a"]'), 'Total tokens')).toBe(
        '454',
      );
    });

    it('keeps the sessions table inside the page with a 300-character user id', async () => {
      await page.goto(dev.uiUrl);
      const row = page.locator('tr[data-session="long-user"]');
      await expect.poll(() => row.count()).toBe(1);
      // The whole id is there, wrapped.
      expect((await cell(page, row, 'Users')).replace(/\s/g, '')).toBe(LONG_USER);
      // A string, not a function: this project is typed without the DOM library.
      const pageOverflow = await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(pageOverflow).toBeLessThanOrEqual(0);
      const main = (await page.locator('main').boundingBox())!;
      const table = (await page.locator('table[data-testid=sessions]').boundingBox())!;
      expect(table.x + table.width).toBeLessThanOrEqual(main.x + main.width);
      await page.screenshot({ path: join(OUTPUT, 'long-user-id.png'), fullPage: true });
    });

    it('deletes a trace and then its session from their pages', async () => {
      await page.goto(`${dev.uiUrl}/traces/${TRACE}`);
      await page.locator('details.delete > summary').click();
      await page.locator('[data-testid=delete-trace]').click();
      await page.waitForURL(`${dev.uiUrl}/traces`);
      expect((await page.goto(`${dev.uiUrl}/traces/${TRACE}`))?.status()).toBe(404);

      await page.goto(`${dev.uiUrl}/sessions/long-user`);
      await page.locator('details.delete > summary').click();
      await page.locator('[data-testid=delete-session]').click();
      await page.waitForURL(`${dev.uiUrl}/`);
      expect(await page.locator('tr[data-session="long-user"]').count()).toBe(0);
      expect(await page.locator(`tr[data-session="${DEMO_SESSION_ID}"]`).count()).toBe(1);
      expect(errors).toEqual([]);
    });

    it('with --host 0.0.0.0 works through the printed address only', async () => {
      const exposed = await startDevServer({
        port: 0,
        uiPort: 0,
        db: ':memory:',
        host: '0.0.0.0',
      });
      try {
        await exportConversation({
          tracesUrl: exposed.tracesUrl,
          sessionId: 'exposed',
          userId: 'u',
          turns: [{ user: 'hello', assistant: 'hi' }],
          headers: { 'x-threadline-token': exposed.token! },
        });
        const denied = await page.goto(exposed.uiUrl);
        expect(denied?.status()).toBe(401);

        await page.goto(`${exposed.uiUrl}/?token=${exposed.token}`);
        expect(page.url()).toBe(`${exposed.uiUrl}/`);
        await expect.poll(() => page.locator('tr[data-session="exposed"]').count()).toBe(1);
        // The live stream and the page's writes carry the cookie too.
        await expect.poll(() => shown(page.locator('#live-status'))).toBe('live');
        await page.locator('tr[data-session="exposed"] [data-bookmark]').click();
        await expect
          .poll(() => page.locator('tr[data-session="exposed"] .star.on').count())
          .toBe(1);
        const cookies = await browser.context.cookies(exposed.uiUrl);
        expect(cookies).toEqual([
          expect.objectContaining({ httpOnly: true, sameSite: 'Strict', value: exposed.token }),
        ]);
      } finally {
        await exposed.close();
      }
    });
  },
);
