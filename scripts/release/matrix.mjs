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
 * claim; `high` takes the newest release in the range that runs on Node 20 (npm prefers versions
 * whose `engines` accept the running Node, and consumer-test checks the result).
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
    '@opentelemetry/api': '^1.9.0',
    '@opentelemetry/sdk-trace-base': '^2.0.0',
    '@opentelemetry/context-async-hooks': '^2.0.0',
    openai: '^6.0.0',
    ai: '^6.0.0',
    '@ai-sdk/openai': '^3.0.0',
    '@langchain/core': '^1.0.0',
    '@langchain/openai': '^1.0.0',
    zod: '^4.0.0',
  },
};

/** The project kinds every version set is installed into. */
export const PROJECT_KINDS = ['esm', 'cjs', 'ts-node16', 'ts-bundler'];
