import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runOffline } from '../../test-support/run-offline';

it('runs on its own with `pnpm start`, needing nothing from outside', async () => {
  const stdout = await runOffline({ cwd: join(import.meta.dirname, '..') });
  expect(stdout).toMatch(/^assistant: I have passed this to our delivery team/m);
  expect(stdout).toMatch(/^tools called: escalateToHuman$/m);
  expect(stdout).toMatch(/^ {2}tool escalateToHuman$/m);
  const [, carried, total] =
    stdout.match(/^(\d+) of (\d+) spans carried session chat-\w+ and user-7f3a$/m) ?? [];
  expect(Number(total)).toBeGreaterThanOrEqual(4);
  expect(carried).toBe(total);
});
