import { createRequire } from 'node:module';

/**
 * packages/core/src/node/package-require.ts for the `core-otel-sdk-3` project: resolves the SDK
 * packages from this compat package, which installs SDK 3 and api 1.10, instead of from core,
 * which installs SDK 2. Everything registerThreadline does with what it loads stays the same.
 */
export const packageRequire: NodeJS.Require = createRequire(
  new URL('../package.json', import.meta.url),
);
