import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Options } from 'tsup';

/**
 * One build recipe for every published package: ESM + CJS + types, the package's own version
 * stamped in at build time so nothing reads package.json at run time.
 */
export function packageBuild(dir: string, entry: Record<string, string>): Options {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  return {
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    tsconfig: join(dir, 'tsconfig.build.json'),
    define: {
      __THREADLINE_PACKAGE_NAME__: JSON.stringify(pkg.name),
      __THREADLINE_PACKAGE_VERSION__: JSON.stringify(pkg.version),
    },
  };
}
