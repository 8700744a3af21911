import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

// `cli` is the `threadline` binary; its hashbang line makes tsup mark dist/cli.js executable.
export default defineConfig(
  packageBuild(import.meta.dirname, { index: 'src/index.ts', cli: 'src/cli.ts' }),
);
