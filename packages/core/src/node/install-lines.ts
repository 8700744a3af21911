/**
 * The combinations of OpenTelemetry packages that install cleanly beside `@threadline/core`
 * (the README lists them and how they were checked); errors about a missing package name them.
 */
export const INSTALL_LINES = {
  sdk3: 'npm install @opentelemetry/api@1.10 @opentelemetry/sdk-trace@3 @opentelemetry/context-async-hooks@3 @opentelemetry/exporter-trace-otlp-proto@0.301',
  sdk2: 'npm install @opentelemetry/api@1.9 @opentelemetry/sdk-trace-node@2 @opentelemetry/exporter-trace-otlp-proto@0.223',
} as const;

/** How to install either SDK, for the end of an error message. */
export function installHint(): string {
  return (
    `Install the OpenTelemetry SDK 3 (Node 22.15+): \`${INSTALL_LINES.sdk3}\`, ` +
    `or the SDK 2: \`${INSTALL_LINES.sdk2}\`.`
  );
}

/** The message of the error thrown when a package a call needs is not installed. */
export function missingPackageMessage(call: string, packageName: string): string {
  return `${call} needs ${packageName}, which is not installed. ${installHint()}`;
}
