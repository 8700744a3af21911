// What the release checks hold the packages to: which framework each adapter is a peer of, and
// the versions the consumer test installs at the low and the high end of each supported range.
// check-packages verifies that these versions lie inside the published peer ranges;
// consumer-test installs them.

/** The framework each adapter instruments; it must be a peer, never a dependency. */
export const FRAMEWORK_PEERS = {
  '@threadline/openai': ['openai'],
  '@threadline/ai-sdk': ['ai'],
  '@threadline/langchain': ['@langchain/core'],
};

/** Every public package that is a library declares this as a peer and bundles none of it. */
export const OTEL_API = '@opentelemetry/api';

/**
 * Versions installed into the consumer projects. `low` pins the first release of each range we
 * claim; `high` takes the newest release of the previous majors, which run on Node 20 (npm
 * prefers versions whose `engines` accept the running Node, and consumer-test checks the
 * result); `current` takes the newest majors (ai 7, openai 7, LangChain 1.4, OpenTelemetry SDK 3
 * with api 1.10), which need Node 22.15 or later: the sets of the core README's install lines.
 */
export const VERSION_SETS = {
  low: {
    '@opentelemetry/api': '1.9.0',
    '@opentelemetry/sdk-trace-base': '2.0.0',
    '@opentelemetry/context-async-hooks': '2.0.0',
    openai: '5.0.0',
    ai: '5.0.0',
    '@ai-sdk/openai': '2.0.0',
    '@langchain/core': '0.3.10',
    '@langchain/openai': '0.3.0',
    zod: '3.25.76',
  },
  high: {
    // The SDK 2 packages accept api below 1.10 only; api 1.10 goes with SDK 3 (current).
    '@opentelemetry/api': '~1.9.0',
    '@opentelemetry/sdk-trace-base': '^2.0.0',
    '@opentelemetry/context-async-hooks': '^2.0.0',
    openai: '^6.0.0',
    ai: '^6.0.0',
    '@ai-sdk/openai': '^3.0.0',
    '@langchain/core': '^1.0.0',
    '@langchain/openai': '^1.0.0',
    zod: '^4.0.0',
  },
  current: {
    '@opentelemetry/api': '~1.10.0',
    '@opentelemetry/sdk-trace': '^3.0.0',
    '@opentelemetry/context-async-hooks': '^3.0.0',
    '@opentelemetry/exporter-trace-otlp-proto': '^0.301.0',
    '@opentelemetry/exporter-trace-otlp-http': '^0.301.0',
    openai: '^7.0.0',
    ai: '^7.0.0',
    '@ai-sdk/otel': '^1.0.0',
    '@ai-sdk/openai': '^4.0.0',
    '@langchain/core': '~1.4.0',
    '@langchain/openai': '~1.6.0',
    zod: '^4.0.0',
  },
};

/**
 * Where each set runs and which APIs its smokes use. consumer-test runs the sets whose `node`
 * range holds the running Node: low and high on Node 20, high and current on Node 22.15+.
 * `otelSdk` is the OpenTelemetry SDK major (2: `BasicTracerProvider` from sdk-trace-base;
 * 3: `TracerProvider` from sdk-trace), `ai` the AI SDK major (7 takes `@threadline/ai-sdk/otel`),
 * `tsNode` the TypeScript `module` of the ts-node16 kind: `node20` where ESM-only packages (ai 7)
 * are required from CommonJS, as Node 22 allows. `typescriptOn` is the Node that runs the set's
 * TypeScript kinds unless `--kinds` names them: tsc checks the same declarations on any Node, so
 * a set type-checks once and runs its JavaScript kinds on every Node it supports.
 */
export const SET_PROFILES = {
  low: { node: '>=20.6.0 <22.0.0', otelSdk: 2, ai: 5, tsNode: 'node16', typescriptOn: '*' },
  high: { node: '>=20.6.0', otelSdk: 2, ai: 6, tsNode: 'node16', typescriptOn: '<22.0.0' },
  current: { node: '>=22.15.0', otelSdk: 3, ai: 7, tsNode: 'node20', typescriptOn: '<24.0.0' },
};

/** The project kinds every version set is installed into. */
export const PROJECT_KINDS = ['esm', 'cjs', 'ts-node16', 'ts-bundler'];
