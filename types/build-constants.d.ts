/** Stamped in by tsup at build time and by vitest for tests run against source. */
declare const __THREADLINE_PACKAGE_NAME__: string;
declare const __THREADLINE_PACKAGE_VERSION__: string;
