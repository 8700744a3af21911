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
  expect(stdout).toMatch(/^assistant: I have passed this to our delivery team/m);
  expect(stdout).toMatch(/^tools called: escalateToHuman$/m);
  expect(stdout).toMatch(/^ {2}tool escalateToHuman$/m);
  const [, carried, total] =
    stdout.match(/^(\d+) of (\d+) spans carried session chat-\w+ and user-7f3a$/m) ?? [];
  expect(Number(total)).toBeGreaterThanOrEqual(4);
  expect(carried).toBe(total);
});
