import { createRequire } from 'node:module';

/**
 * Loads the OpenTelemetry SDK packages, which are optional peers: only when `registerThreadline`
 * or `exportersFromEnv` runs (so this entry loads without them) and synchronously (the
 * registration returns the provider it made). Resolved from this package, as a peer is: from
 * the CJS build's `__filename`, or the ESM build's URL.
 */
export const packageRequire: NodeJS.Require = createRequire(
  typeof __filename === 'string' ? __filename : import.meta.url,
);
