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
  expect(stdout).toMatch(/^assistant: Order #A1042 left our warehouse/m);
  expect(stdout).toMatch(/^ {2}generation .+ · gpt-4o-mini · \d+ tokens$/m);
  expect(stdout).toMatch(/^1 of 1 spans carried session chat-[0-9a-f]{8} and user-7f3a$/m);
});
