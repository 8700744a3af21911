import { createRequire } from 'node:module';
import { installHint, missingPackageMessage } from './install-lines';
import { packageRequire } from './package-require';
import { resolveInstalled } from './require-peer';
import type { TraceSdk } from './trace-sdk';
import { traceSdk2 } from './trace-sdk-2';
import { traceSdkUnified } from './trace-sdk-unified';

interface OtelCore {
  SDK_INFO?: Record<string, unknown>;
}

/**
 * The SDK version, as `@opentelemetry/core` beside the SDK reports it: every SDK package pins
 * core to its own version, and core tells it in its resource defaults.
 */
function versionBeside(fromSdk: NodeJS.Require): string {
  const info = (fromSdk('@opentelemetry/core') as OtelCore).SDK_INFO;
  const version = info?.['telemetry.sdk.version'];
  return typeof version === 'string' ? version : '0.0.0';
}

const majorOf = (version: string): number => Number.parseInt(version, 10) || 0;

/**
 * Finds the OpenTelemetry JS trace SDK the application installed: SDK 3's
 * `@opentelemetry/sdk-trace`, else SDK 2's `@opentelemetry/sdk-trace-node`, else its
 * `@opentelemetry/sdk-trace-base`, else an `@opentelemetry/sdk-trace` 2.9+ on its own (what
 * `npm install @opentelemetry/sdk-trace` gives on Node 20). An `@opentelemetry/sdk-trace` 2.x comes
 * last because SDK 2 depends on it, and npm hoists it beside an application that chose SDK 2
 * through the other two packages. Throws, naming the install lines, when none is installed or
 * the one found is SDK 1.
 */
export function loadTraceSdk(load: NodeJS.Require = packageRequire): TraceSdk {
  const unified = resolveInstalled(load, '@opentelemetry/sdk-trace');
  const fromUnified = unified === undefined ? undefined : createRequire(unified);
  const unifiedVersion = fromUnified && versionBeside(fromUnified);
  if (fromUnified && unifiedVersion && majorOf(unifiedVersion) >= 3) {
    return traceSdkUnified(load, fromUnified, unifiedVersion);
  }
  for (const packageName of [
    '@opentelemetry/sdk-trace-node',
    '@opentelemetry/sdk-trace-base',
  ] as const) {
    const found = resolveInstalled(load, packageName);
    if (found === undefined) continue;
    const fromSdk = createRequire(found);
    const base =
      packageName === '@opentelemetry/sdk-trace-base'
        ? fromSdk
        : createRequire(fromSdk.resolve('@opentelemetry/sdk-trace-base'));
    const version = versionBeside(base);
    if (majorOf(version) !== 2) {
      throw new Error(
        `registerThreadline needs the OpenTelemetry SDK 2 or 3, but ${packageName} ${version} is installed. ${installHint()}`,
      );
    }
    return traceSdk2(load, packageName, base, version);
  }
  if (fromUnified && unifiedVersion) return traceSdkUnified(load, fromUnified, unifiedVersion);
  throw new Error(
    missingPackageMessage(
      'registerThreadline',
      'an OpenTelemetry trace SDK (@opentelemetry/sdk-trace 3, or @opentelemetry/sdk-trace-node 2)',
    ),
  );
}
