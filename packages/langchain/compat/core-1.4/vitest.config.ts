import { join, resolve } from 'node:path';
import { packageProject } from '../../../../vitest.shared.ts';

const here = import.meta.dirname;
// Resolving from a file in this package finds this package's node_modules: @langchain/core 1.4,
// @langchain/openai 1.6, @langchain/langgraph 1.7 and zod 4, not the 1.2 set of packages/langchain.
const importer = join(here, 'vitest.config.ts');
const REDIRECTED = /^(?:@langchain\/core|@langchain\/openai|@langchain\/langgraph|zod)(?:\/.*)?$/;

/**
 * The tests of packages/langchain, run against @langchain/core 1.4 with @langchain/openai 1.6
 * and @langchain/langgraph 1.7 (which need Node 22). The adapter source and the shared test
 * files import these packages by name; this resolver sends those imports, bare specifier and
 * subpaths, to this package's copies.
 */
export default packageProject(here, {
  plugins: [
    {
      name: 'threadline-langchain-core-1.4',
      enforce: 'pre',
      resolveId(source: string, from: string | undefined, options: object) {
        if (!REDIRECTED.test(source) || from === importer) return null;
        return this.resolve(source, importer, { ...options, skipSelf: true });
      },
    },
  ],
  test: {
    name: 'langchain-core-1.4',
    root: resolve(here, '../..'),
    include: ['test/**/*.test.ts'],
  },
});
