import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runOffline } from '../../test-support/run-offline';

it('runs on its own with `pnpm start`, needing nothing from outside', async () => {
  const stdout = await runOffline({ cwd: join(import.meta.dirname, '..') });
  expect(stdout).toMatch(/^assistant: Order #A1042 left our warehouse/m);
  expect(stdout).toMatch(/^ {2}generation .+ · gpt-4o-mini · \d+ tokens$/m);
  expect(stdout).toMatch(/^1 of 1 spans carried session chat-[0-9a-f]{8} and user-7f3a$/m);
});
