import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** A fresh shell's environment: no API key and no exporter configured, then `extra` on top. */
export function offlineEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(OPENAI_|OTEL_|LANGFUSE_)/.test(key) || key === 'NODE_OPTIONS') delete env[key];
  }
  return { ...env, ...extra };
}

export interface RunOfflineOptions {
  /** The folder to run in: an example's own for `pnpm start`, the repository root for `pnpm demo`. */
  cwd: string;
  /** What follows `pnpm -s`. */
  args?: string[];
  /** Variables set on top of the offline environment. */
  env?: Record<string, string>;
  timeout?: number;
}

/**
 * Runs `pnpm -s <args>` the way a reader would after cloning, in a fresh shell's environment
 * (so a key or collector in the developer's own shell cannot make it pass), and returns stdout.
 */
export async function runOffline({
  cwd,
  args = ['start'],
  env = {},
  timeout = 60_000,
}: RunOfflineOptions): Promise<string> {
  const { stdout } = await execFileAsync('pnpm', ['-s', ...args], {
    cwd,
    env: offlineEnv(env),
    timeout,
  });
  return stdout;
}
