import { context } from '@opentelemetry/api';
import type { ResolvedAttributes } from '@threadline/core';
import { contextWithExplicitAttributes } from '@threadline/core/adapter';
import type { TelemetryIntegration } from './telemetry-integration';

/**
 * `integration` for one AI SDK call whose options name Threadline fields: each of its hooks
 * runs in a context where those fields are explicit (docs/contract.md#precedence, level 1). Spans an integration
 * starts there (the operation's root span, in `@ai-sdk/otel`) get them, and so does every span
 * started under those, steps, model calls, tool calls and the tools' own work included.
 *
 * A proxy rather than a copy: every hook of the integration, also one this package does not
 * know of, is wrapped, and it still runs on the integration itself.
 */
export function withCallContext(
  integration: TelemetryIntegration,
  explicit: ResolvedAttributes,
): TelemetryIntegration {
  return new Proxy(integration, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        context.with(
          contextWithExplicitAttributes(context.active(), explicit),
          value as (...args: unknown[]) => unknown,
          target,
          ...args,
        );
    },
  });
}
