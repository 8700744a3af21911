import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CONDITION = '--conditions=@threadline/source';

/**
 * Measure the source, not a possibly stale build: the workspace packages resolve to `src/` only
 * under this export condition. Without it, re-runs the bench at `benchUrl` with it and exits
 * with the child's status; with it, returns.
 */
export function withSourceCondition(benchUrl: string): void {
  if (process.execArgv.includes(CONDITION)) return;
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, CONDITION, fileURLToPath(benchUrl), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exit(child.status ?? 1);
}
