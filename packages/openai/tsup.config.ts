import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

export default defineConfig(
  packageBuild(
    import.meta.dirname,
    {
      index: 'src/index.ts',
      'instrumentation/index': 'src/instrumentation/index.ts',
    },
    { external: ['@opentelemetry/instrumentation'] },
  ),
);
