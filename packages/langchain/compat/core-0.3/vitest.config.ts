import { join, resolve } from 'node:path';
import { packageProject } from '../../../../vitest.shared.ts';

const here = import.meta.dirname;
// Resolving from a file in this package finds this package's node_modules: @langchain/core 0.3,
// @langchain/openai 0.6 and zod 3, not the 1.x peer set of packages/langchain.
const importer = join(here, 'vitest.config.ts');
const REDIRECTED = /^(?:@langchain\/core|@langchain\/openai|zod)(?:\/.*)?$/;

/**
 * The tests of packages/langchain, run against the @langchain/core 0.3 line. The adapter source
 * and the shared test files import `@langchain/core` (and `@langchain/openai`, `zod`) by name;
 * this resolver sends those imports, bare specifier and subpaths, to this package's copies.
 */
export default packageProject(here, {
  plugins: [
    {
      name: 'threadline-langchain-core-0.3',
      enforce: 'pre',
      resolveId(source: string, from: string | undefined, options: object) {
        if (!REDIRECTED.test(source) || from === importer) return null;
        return this.resolve(source, importer, { ...options, skipSelf: true });
      },
    },
  ],
  test: {
    name: 'langchain-core-0.3',
    root: resolve(here, '../..'),
    include: ['test/**/*.test.ts'],
  },
});
