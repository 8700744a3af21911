import { join, resolve } from 'node:path';
import { packageProject } from '../../../../vitest.shared.ts';

const here = import.meta.dirname;
const core = resolve(here, '../..');
// Resolving from a file in this package finds this package's node_modules: the OpenTelemetry
// SDK 3 and api 1.10, not the SDK 2 and api 1.9 of packages/core.
const importer = join(here, 'vitest.config.ts');
const REDIRECTED = /^@opentelemetry\/[^/]+/;
/** SDK 2 only: a shared test or source file that still imports them would run on SDK 2. */
const SDK_2_ONLY = /^@opentelemetry\/sdk-trace-(?:base|node)(?:\/.*)?$/;
/** Core's modules that name the SDK, and their SDK 3 replacements in this package. */
const REPLACED = new Map([
  [join(core, 'test/trace-sdk.ts'), join(here, 'test/trace-sdk.ts')],
  [join(core, 'src/node/package-require.ts'), join(here, 'test/package-require.ts')],
]);

/**
 * Core's processor, scope, baggage and registerThreadline tests, run against the OpenTelemetry
 * JS SDK 3 and `@opentelemetry/api` 1.10 (Node 22.15+). Bare `@opentelemetry/*` imports go to
 * this package's copies; the test provider factory and the module registerThreadline loads the
 * SDK through are swapped for their SDK 3 versions, so the same test files run on both majors.
 */
export default packageProject(here, {
  plugins: [
    {
      name: 'threadline-core-otel-sdk-3',
      enforce: 'pre',
      async resolveId(source: string, from: string | undefined, options: object) {
        if (from === importer) return null;
        if (SDK_2_ONLY.test(source)) {
          throw new Error(`${from} imports ${source}, which SDK 3 does not have`);
        }
        if (REDIRECTED.test(source)) {
          return this.resolve(source, importer, { ...options, skipSelf: true });
        }
        if (!source.startsWith('.')) return null;
        const resolved = await this.resolve(source, from, { ...options, skipSelf: true });
        const replacement = resolved && REPLACED.get(resolved.id);
        return replacement ?? resolved;
      },
    },
  ],
  test: {
    name: 'core-otel-sdk-3',
    root: core,
    include: [
      'src/processor/**/*.test.ts',
      'src/scope/**/*.test.ts',
      'src/baggage/**/*.test.ts',
      'src/node/**/*.test.ts',
      'compat/otel-sdk-3/test/**/*.test.ts',
    ],
    // SDK 2's own packages (sdk-trace-node, sdk-trace-base) are tested by the core project.
    exclude: ['src/node/trace-sdk-2.test.ts'],
  },
});
