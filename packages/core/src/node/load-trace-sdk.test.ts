import { describe, expect, it } from 'vitest';
import { requireHiding } from '../../test/require-hiding';
import { INSTALL_LINES } from './install-lines';
import { loadTraceSdk } from './load-trace-sdk';
import { packageRequire } from './package-require';

const SDKS = [
  '@opentelemetry/sdk-trace',
  '@opentelemetry/sdk-trace-node',
  '@opentelemetry/sdk-trace-base',
];

describe('loadTraceSdk', () => {
  it('throws, naming the install lines of both majors, when no SDK is installed', () => {
    const load = requireHiding(packageRequire, SDKS);
    expect(() => loadTraceSdk(load)).toThrow(INSTALL_LINES.sdk3);
    expect(() => loadTraceSdk(load)).toThrow(INSTALL_LINES.sdk2);
  });

  it('asks for @opentelemetry/context-async-hooks to register a provider with no register()', () => {
    // SDK 3's TracerProvider, or SDK 2's BasicTracerProvider once sdk-trace-node is hidden.
    const load = requireHiding(packageRequire, [
      '@opentelemetry/sdk-trace-node',
      '@opentelemetry/context-async-hooks',
    ]);
    const sdk = loadTraceSdk(load);
    expect(() => sdk.globalRegistration()).toThrow(
      /needs @opentelemetry\/context-async-hooks, which is not installed/,
    );
  });
});
