import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startOtlpReceiver } from '@threadline/testing';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../../..');

/** A fresh shell's environment: no API key and no exporter configured. */
function offlineEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(OPENAI_|OTEL_|LANGFUSE_)/.test(key) || key === 'NODE_OPTIONS') delete env[key];
  }
  return { ...env, ...extra };
}

it('`pnpm demo` runs from the repository root, with no build and nothing from outside', async () => {
  const { stdout } = await run('pnpm', ['-s', 'demo'], {
    cwd: root,
    env: offlineEnv(),
    timeout: 90_000,
  });
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
    const { stdout } = await run('pnpm', ['-s', 'demo', '--dev'], {
      cwd: root,
      env: offlineEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: dev.url }),
      timeout: 90_000,
    });
    const [, total] = stdout.match(/^✓ \d+ of (\d+) exported spans/m) ?? [];
    expect(stdout).toContain(`✓ threadline dev: ${total} spans → ${dev.url}`);
    expect(dev.spans()).toHaveLength(Number(total));
  } finally {
    await dev.close();
  }
});
