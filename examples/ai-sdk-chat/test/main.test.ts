import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runOffline } from '../../test-support/run-offline';

it('runs on its own with `pnpm start`, needing nothing from outside', async () => {
  const stdout = await runOffline({ cwd: join(import.meta.dirname, '..') });
  expect(stdout).toMatch(/^assistant: It is held at the Leeds depot/m);
  expect(stdout).toMatch(/^tools called: lookupShipment$/m);
  const [, carried, total] =
    stdout.match(/^(\d+) of (\d+) spans carried session chat-\w+ and user-7f3a$/m) ?? [];
  expect(Number(total)).toBeGreaterThanOrEqual(4);
  expect(carried).toBe(total);
});
