import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevServer, startDevServer } from '../src/index';
import { launchChromium, SKIP_BROWSER_TESTS } from './support/chromium';
import { exportConversation, SUPPORT_TURNS } from './support/conversation';

/*
 * Acceptance: a conversation made by a real tracer with ThreadlineSpanProcessor and
 * exported by the real OTLP exporter to a running `threadline dev` shows in headless Chromium:
 * the sessions list, the replay in order with its texts, the users page, the trace waterfall.
 * Each page is saved as a screenshot under test-output/.
 */

const OUTPUT = join(import.meta.dirname, '..', 'test-output');
const SESSION = 'support-4512';
const USER = 'customer-42';
/** The text of an element as rendered (Playwright's Locator.innerText, not the DOM property). */
function shown(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: a Playwright method; rendered text is what a person sees.
  return locator.innerText();
}

const XSS = `<img src=x onerror="window.__pwned=1">"'><script>window.__pwned=2</script>`;

describe.skipIf(SKIP_BROWSER_TESTS)('the page in headless Chromium', () => {
  let dir: string;
  let dev: DevServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'threadline-dev-page-'));
    dev = await startDevServer({ port: 0, uiPort: 0, db: join(dir, 'dev.db') });
    await exportConversation({ tracesUrl: dev.tracesUrl, sessionId: SESSION, userId: USER });
    await exportConversation({
      tracesUrl: dev.tracesUrl,
      encoding: 'json',
      sessionId: 'onboarding-7',
      userId: 'customer-9',
      tags: ['onboarding'],
      startAt: Date.now() - 600_000,
      model: 'gpt-4.1-mini',
      turns: [
        {
          user: 'How do I invite my team?',
          assistant: 'Open Settings → Members and click Invite.',
        },
      ],
    });
    browser = await launchChromium();
    context = browser.context;
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await dev?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists the session with its user, traces, tokens, errors and cost', async () => {
    await page.goto(dev.uiUrl);
    const row = page.locator(`tr[data-session="${SESSION}"]`);
    await expect.poll(() => row.count()).toBe(1);
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[1]).toContain(SESSION);
    expect(cells[1]).toContain(SUPPORT_TURNS[0]!.user);
    expect(cells[2]).toContain(USER);
    expect(cells[5]).toMatch(/^\d+\.\d\d s$/);
    expect(cells[6]).toBe('3');
    expect(Number(cells[7]!.replace(/,/g, ''))).toBeGreaterThan(0);
    expect(cells[8]).toBe('1');
    expect(cells[9]).toMatch(/^\$0\.\d+$/);
    await expect.poll(() => shown(page.locator('#live-status'))).toBe('live');
    await page.screenshot({ path: join(OUTPUT, 'sessions.png'), fullPage: true });
  });

  it('filters the sessions by user, tag and search text', async () => {
    await page.goto(dev.uiUrl);
    await page.selectOption('select[name=user]', 'customer-9');
    await expect.poll(() => page.locator('tr[data-session]').count()).toBe(1);
    expect(await page.locator('tr[data-session]').getAttribute('data-session')).toBe(
      'onboarding-7',
    );
    expect(page.url()).toContain('user=customer-9');

    await page.goto(`${dev.uiUrl}/?tag=support`);
    expect(await page.locator('tr[data-session]').getAttribute('data-session')).toBe(SESSION);

    await page.goto(dev.uiUrl);
    await page.fill('input[name=q]', 'invite my team');
    await expect.poll(() => page.locator('tr[data-session]').count()).toBe(1);
    expect(await page.locator('tr[data-session]').getAttribute('data-session')).toBe(
      'onboarding-7',
    );
  });

  it('replays the session as a conversation, turns in order with their texts', async () => {
    await page.goto(dev.uiUrl);
    await page.click(`tr[data-session="${SESSION}"] a[href="/sessions/${SESSION}"]`);
    await page.waitForURL(`**/sessions/${SESSION}`);
    const turns = page.locator('[data-testid=turn]');
    expect(await turns.count()).toBe(SUPPORT_TURNS.length);
    const users = await page.locator('[data-testid=user-text]').allInnerTexts();
    const answers = await page.locator('[data-testid=assistant-text]').allInnerTexts();
    SUPPORT_TURNS.forEach((turn, n) => {
      expect(users[n]).toContain(turn.user);
      expect(answers[n]).toContain(turn.assistant);
    });
    // The observation tree of the first turn: generation, tool, generation under the request.
    await turns.nth(0).locator('details.tree > summary').click();
    const tree = await shown(turns.nth(0).locator('details.tree'));
    expect(tree).toMatch(
      /support-turn[\s\S]*chat gpt-4o-mini[\s\S]*execute_tool lookup_order[\s\S]*chat gpt-4o-mini/,
    );
    expect(tree).toContain('gpt-4o-mini');
    expect(tree).toMatch(/\d+ in · \d+ out tokens/);
    await turns.nth(1).locator('details.tree > summary').click();
    expect(await shown(turns.nth(1).locator('.obs-line.error'))).toContain('carrier refused');
    await page.screenshot({ path: join(OUTPUT, 'session-replay.png'), fullPage: true });
  });

  it('shows the user with traces, tokens, errors and cost', async () => {
    await page.goto(`${dev.uiUrl}/users`);
    const row = page.locator(`tr[data-user="${USER}"]`);
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[0]).toBe(USER);
    expect(cells[1]).toBe('1');
    expect(cells[2]).toBe('3');
    expect(cells[7]).toBe('1');
    expect(cells[8]).toMatch(/^\$0\.\d+$/);
    expect(await page.locator('tr[data-user]').count()).toBe(2);
    await page.screenshot({ path: join(OUTPUT, 'users.png'), fullPage: true });
  });

  it('draws the trace as a waterfall, bars placed by time', async () => {
    await page.goto(`${dev.uiUrl}/sessions/${SESSION}`);
    await page.locator('[data-testid=turn]').nth(0).locator('.turn-head a').click();
    await page.waitForURL('**/traces/*');
    const rows = page.locator('[data-testid=waterfall] .wf-row');
    expect(await rows.count()).toBe(4);
    const boxes = await page.locator('[data-testid=waterfall] .wf-bar').evaluateAll((bars) =>
      bars.map((bar) => {
        const box = bar.getBoundingClientRect();
        return { x: box.x, width: box.width };
      }),
    );
    // The root spans the whole track; each child starts after the one before it.
    expect(boxes[0]!.width).toBeGreaterThan(boxes[1]!.width);
    expect(boxes[2]!.x).toBeGreaterThan(boxes[1]!.x);
    expect(boxes[3]!.x).toBeGreaterThan(boxes[2]!.x);
    await rows.nth(2).click();
    expect(await shown(page.locator('details.wf-item[open] .wf-detail'))).toContain(
      '"orderId": "4512"',
    );
    await page.screenshot({ path: join(OUTPUT, 'trace-waterfall.png'), fullPage: true });
  });

  it('keeps scores and bookmarks, and shows them in the lists', async () => {
    await page.goto(`${dev.uiUrl}/sessions/${SESSION}`);
    const form = page.locator('[data-testid=scores-session] form');
    await form.locator('input[name=name]').fill('resolved');
    await form.locator('input[name=value]').fill('yes');
    await form.locator('input[name=comment]').fill('customer happy');
    await form.locator('button[type=submit]').click();
    await expect
      .poll(() => shown(page.locator('[data-testid=scores-session] .chip')))
      .toContain('resolved: yes');
    await page.locator('.title-row [data-bookmark]').click();
    await expect.poll(() => page.locator('.title-row .star.on').count()).toBe(1);

    const response = await fetch(`${dev.uiUrl}/api/sessions`);
    const sessions = (await response.json()) as Array<{
      id: string;
      bookmarked: boolean;
      scores: Array<{ name: string; value: unknown }>;
    }>;
    // Bookmarked first, although the other session is no older.
    expect(sessions[0]).toMatchObject({
      id: SESSION,
      bookmarked: true,
      scores: [{ name: 'resolved', value: 'yes' }],
    });

    await page.goto(`${dev.uiUrl}/?bookmarked=1`);
    expect(await page.locator('tr[data-session]').count()).toBe(1);
    expect(await shown(page.locator(`tr[data-session="${SESSION}"] .chip`))).toContain(
      'resolved: yes',
    );
  });

  it('shows new sessions live, without a reload', async () => {
    await page.goto(dev.uiUrl);
    await expect.poll(() => shown(page.locator('#live-status'))).toBe('live');
    await page.evaluate(() => {
      (globalThis as unknown as { marker: boolean }).marker = true;
    });
    await exportConversation({
      tracesUrl: dev.tracesUrl,
      sessionId: 'live-session',
      userId: 'customer-77',
      turns: [{ user: 'Is anyone there?', assistant: 'Yes, how can I help?' }],
    });
    await expect
      .poll(() => page.locator('tr[data-session="live-session"]').count(), { timeout: 10_000 })
      .toBe(1);
    // Same document: the row came over the event stream, not from navigating.
    expect(await page.evaluate(() => (globalThis as unknown as { marker?: boolean }).marker)).toBe(
      true,
    );
  });

  it('shows untrusted span values as text, never as markup', async () => {
    await exportConversation({
      tracesUrl: dev.tracesUrl,
      sessionId: `xss-${XSS}`.slice(0, 200),
      userId: `u-${XSS}`.slice(0, 200),
      tags: [XSS],
      turns: [
        {
          user: XSS,
          assistant: `answer ${XSS}`,
          tool: { name: XSS, args: { q: XSS }, result: XSS },
        },
      ],
    });
    await page.goto(dev.uiUrl);
    const link = page.locator('tr[data-session^="xss-"] td.id a');
    await link.click();
    await page.waitForURL('**/sessions/**');
    expect(await shown(page.locator('[data-testid=user-text]'))).toContain(XSS);
    await page.locator('details.tree > summary').click();
    await page.goto(`${dev.uiUrl}/users`);
    await page.goto(`${dev.uiUrl}/traces`);
    await page.locator('tr[data-trace] a').first().click();
    await page.waitForURL('**/traces/*');
    expect(
      await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.locator('img[src=x]').count()).toBe(0);
  });

  it('exports a session as one self-contained HTML file that loads nothing', async () => {
    await page.goto(`${dev.uiUrl}/sessions/${SESSION}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a[download]'),
    ]);
    expect(download.suggestedFilename()).toBe(`threadline-session-${SESSION}.html`);
    // Kept out of test-output: the linter would read it as source.
    const file = join(dir, 'session-export.html');
    await download.saveAs(file);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/<script|<link|src=|url\(/i);

    const requests: string[] = [];
    const offline = await context.newPage();
    offline.on('request', (request) => requests.push(request.url()));
    await offline.goto(pathToFileURL(file).href);
    expect(requests).toEqual([pathToFileURL(file).href]);
    const users = await offline.locator('[data-testid=user-text]').allInnerTexts();
    expect(users).toEqual(SUPPORT_TURNS.map((t) => t.user));
    expect(await offline.locator('[data-testid=scores-session]').count()).toBe(0);
    expect(await shown(offline.locator('.scores'))).toContain('resolved: yes');
    await offline.screenshot({ path: join(OUTPUT, 'session-export.png'), fullPage: true });
    await offline.close();
  });
});
