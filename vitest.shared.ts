import { basename } from 'node:path';
import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

/**
 * One vitest project per workspace package. Tests import the other packages through the
 * `@threadline/source` export condition, so they run against source with no build step.
 */
export function packageProject(dir: string, extra: UserWorkspaceConfig = {}): UserWorkspaceConfig {
  return defineProject({
    ...extra,
    resolve: { conditions: ['@threadline/source'], ...extra.resolve },
    ssr: { resolve: { conditions: ['@threadline/source'], externalConditions: [] } },
    test: {
      name: basename(dir),
      root: dir,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 30_000,
      ...extra.test,
    },
  });
}
