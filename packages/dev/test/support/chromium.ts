import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); THREADLINE_CHROMIUM points elsewhere. */
export const CHROMIUM_PATH = process.env.THREADLINE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Browser tests run wherever Chromium is installed, and always in CI (CI=true), where a missing
 * Chromium must fail the run instead of skipping it quietly.
 */
export const SKIP_BROWSER_TESTS = !existsSync(CHROMIUM_PATH) && process.env.CI !== 'true';

if (SKIP_BROWSER_TESTS) {
  console.warn(
    `[@threadline/dev] browser tests skipped: no Chromium at ${CHROMIUM_PATH} ` +
      '(apt-get install -y chromium, or set THREADLINE_CHROMIUM); they always run when CI=true',
  );
}

/** A headless Chromium with a fresh profile, removed again by `close()`. */
export async function launchChromium(): Promise<{
  context: BrowserContext;
  close(): Promise<void>;
}> {
  const profile = mkdtempSync(join(tmpdir(), 'threadline-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 860 },
    acceptDownloads: true,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
