import { join, resolve } from 'node:path';
import { packageProject } from '../../../../vitest.shared.ts';

const here = import.meta.dirname;
// Resolving from a file in this package finds this package's node_modules: openai 7.
const importer = join(here, 'vitest.config.ts');
const SDK = /^openai(?:-v5)?(?=\/|$)/;

/**
 * The tests of packages/openai, run against openai 7 (Node 22+). The adapter's tests import
 * `openai` (and `openai-v5`, the previous major beside it) by name; this resolver sends both,
 * bare specifier and subpaths, to this package's openai 7, so the project tests that one major
 * and the shared SDK list (test/support/sdks.ts) holds it once.
 */
export default packageProject(here, {
  plugins: [
    {
      name: 'threadline-openai-7',
      enforce: 'pre',
      resolveId(source: string, from: string | undefined, options: object) {
        if (!SDK.test(source) || from === importer) return null;
        return this.resolve(source.replace(SDK, 'openai'), importer, {
          ...options,
          skipSelf: true,
        });
      },
    },
  ],
  test: {
    name: 'openai-7',
    root: resolve(here, '../..'),
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
