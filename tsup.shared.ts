import { join } from 'node:path';
import type { Options } from 'tsup';

/**
 * One build recipe for every published package: ESM + CJS + types. The package's version is
 * in src/version.ts (scripts/stamp-versions.mjs), so nothing reads package.json at run time.
 */
export function packageBuild(
  dir: string,
  entry: Record<string, string>,
  { external = [] }: { external?: string[] } = {},
): Options {
  return {
    entry,
    // tsup keeps dependencies and peers external by itself; `external` names what an entry
    // imports without the package declaring it (an optional integration the user installs).
    external,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    tsconfig: join(dir, 'tsconfig.build.json'),
  };
}
