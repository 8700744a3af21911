import { join } from 'node:path';
import { startOtlpReceiver } from '@threadline/testing';
import { expect, it } from 'vitest';
import { runOffline } from '../../test-support/run-offline';

const root = join(import.meta.dirname, '../../..');

it('`pnpm demo` runs from the repository root, with no build and nothing from outside', async () => {
  const stdout = await runOffline({ cwd: root, args: ['demo'], timeout: 90_000 });
  expect(stdout).toMatch(/^Session support-[0-9a-f]{8}$/m);
  expect(stdout).toMatch(/^user user-7f3a · 4 traces · (\d+) observations$/m);
  const [, carried, total] =
    stdout.match(/^✓ (\d+) of (\d+) exported spans carried the session and user$/m) ?? [];
  expect(carried).toBe(total);
  expect(stdout).not.toContain('jane.doe');
});

it('`pnpm demo --dev` also exports to the OTLP endpoint (threadline dev)', async () => {
  const dev = await startOtlpReceiver();
  try {
    const stdout = await runOffline({
      cwd: root,
      args: ['demo', '--dev'],
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: dev.url },
      timeout: 90_000,
    });
    const [, total] = stdout.match(/^✓ \d+ of (\d+) exported spans/m) ?? [];
    expect(stdout).toContain(`✓ threadline dev: ${total} spans → ${dev.url}`);
    expect(dev.spans()).toHaveLength(Number(total));
  } finally {
    await dev.close();
  }
});
