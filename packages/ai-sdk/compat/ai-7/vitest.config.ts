import { join } from 'node:path';
import { packageProject } from '../../../../vitest.shared.ts';

const here = import.meta.dirname;
// Resolving from a file in this package finds this package's node_modules: ai 7, @ai-sdk/otel 1,
// @ai-sdk/openai 4 (not the ai 6 set of packages/ai-sdk).
const importer = join(here, 'vitest.config.ts');
const REDIRECTED = /^(?:ai|@ai-sdk\/(?:otel|openai|provider)|zod)(?:\/.*)?$/;

/**
 * The ai 7 tests of @threadline/ai-sdk (its `@threadline/ai-sdk/otel` entry), Node 22+. The
 * adapter's source imports `ai` and `@ai-sdk/otel` by name; this resolver sends those imports,
 * from wherever they come, to this package's copies.
 */
export default packageProject(here, {
  plugins: [
    {
      name: 'threadline-ai-7',
      enforce: 'pre',
      resolveId(source: string, from: string | undefined, options: object) {
        if (!REDIRECTED.test(source) || from === importer) return null;
        return this.resolve(source, importer, { ...options, skipSelf: true });
      },
    },
  ],
  test: { name: 'ai-sdk-ai-7', include: ['test/**/*.test.ts'] },
});
