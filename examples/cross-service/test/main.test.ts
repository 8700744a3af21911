import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runOffline } from '../../test-support/run-offline';

it('runs on its own with `pnpm start`, needing nothing from outside', async () => {
  const stdout = await runOffline({ cwd: join(import.meta.dirname, '..') });
  expect(stdout).toMatch(/^assistant: Noted on ticket ESC-2291/m);
  // Both services' spans carry the session: the agent service's from the gateway's baggage.
  for (const service of ['gateway', 'agent-service']) {
    const [, carried, total] =
      stdout.match(new RegExp(`^${service}: (\\d+) of (\\d+) spans carried chat-`, 'm')) ?? [];
    expect(Number(total)).toBeGreaterThanOrEqual(2);
    expect(carried).toBe(total);
  }
});
