import { join } from 'node:path';
import type { Options } from 'tsup';

/**
 * One build recipe for every published package: ESM + CJS + types. The package's version is
 * in src/version.ts (scripts/stamp-versions.mjs), so nothing reads package.json at run time.
 */
export function packageBuild(dir: string, entry: Record<string, string>): Options {
  return {
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    tsconfig: join(dir, 'tsconfig.build.json'),
  };
}
