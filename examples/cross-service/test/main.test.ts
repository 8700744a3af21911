import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

/** A fresh shell's environment: no API key and no exporter configured. */
function offlineEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(OPENAI_|OTEL_|LANGFUSE_)/.test(key) || key === 'NODE_OPTIONS') delete env[key];
  }
  return env;
}

it('runs on its own with `pnpm start`, needing nothing from outside', async () => {
  const { stdout } = await run('pnpm', ['-s', 'start'], {
    cwd: join(import.meta.dirname, '..'),
    env: offlineEnv(),
    timeout: 60_000,
  });
  expect(stdout).toMatch(/^assistant: Noted on ticket ESC-2291/m);
  // Both services' spans carry the session: the agent service's from the gateway's baggage.
  for (const service of ['gateway', 'agent-service']) {
    const [, carried, total] =
      stdout.match(new RegExp(`^${service}: (\\d+) of (\\d+) spans carried chat-`, 'm')) ?? [];
    expect(Number(total)).toBeGreaterThanOrEqual(2);
    expect(carried).toBe(total);
  }
});
