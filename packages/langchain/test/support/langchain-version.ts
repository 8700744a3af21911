import corePackage from '@langchain/core/package.json';

/** The version of `@langchain/core` these tests run against (1.x here, 0.3.x in the compat project). */
export const LANGCHAIN_CORE_VERSION: string = corePackage.version;

/** Its major line: `1` or `0.3`. */
export const LANGCHAIN_LINE = LANGCHAIN_CORE_VERSION.startsWith('0.') ? '0.3' : '1';

/** LangGraph support (and its tests) is for the 1.x line. */
export const HAS_LANGGRAPH = LANGCHAIN_LINE === '1';
