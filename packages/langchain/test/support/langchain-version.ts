import corePackage from '@langchain/core/package.json';

/**
 * The version of `@langchain/core` these tests run against: 1.2 in `langchain`, 0.3 in
 * `langchain-core-0.3`, 1.4 in `langchain-core-1.4`.
 */
export const LANGCHAIN_CORE_VERSION: string = corePackage.version;

/** Its major line: `1` or `0.3`. */
export const LANGCHAIN_LINE = LANGCHAIN_CORE_VERSION.startsWith('0.') ? '0.3' : '1';

/** LangGraph support (and its tests) is for the 1.x line. */
export const HAS_LANGGRAPH = LANGCHAIN_LINE === '1';
