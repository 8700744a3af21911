import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

/**
 * One vitest project per workspace package. Tests import the other packages through the
 * `@threadline/source` export condition, so they run against source with no build step.
 */
export function packageProject(dir: string, extra: UserWorkspaceConfig = {}): UserWorkspaceConfig {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  return defineProject({
    ...extra,
    define: {
      __THREADLINE_PACKAGE_NAME__: JSON.stringify(pkg.name),
      __THREADLINE_PACKAGE_VERSION__: JSON.stringify(pkg.version),
      ...extra.define,
    },
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
