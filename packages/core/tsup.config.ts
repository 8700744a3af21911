import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

export default defineConfig({
  ...packageBuild(import.meta.dirname, {
    index: 'src/index.ts',
    'node/index': 'src/node/index.ts',
    'adapter/index': 'src/adapter/index.ts',
  }),
  esbuildOptions(options, { format }) {
    // src/node/package-require.ts reads import.meta.url only where `__filename` is missing,
    // which it never is in the CJS build.
    if (format === 'cjs') options.logOverride = { 'empty-import-meta': 'silent' };
  },
});
