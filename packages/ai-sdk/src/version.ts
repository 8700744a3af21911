/** This package's name and version, stamped in at build time (used as the tracer's scope). */
export const PACKAGE_NAME: string = __THREADLINE_PACKAGE_NAME__;
export const PACKAGE_VERSION: string = __THREADLINE_PACKAGE_VERSION__;
