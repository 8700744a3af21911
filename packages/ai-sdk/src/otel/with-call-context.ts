import { context } from '@opentelemetry/api';
import { contextWithExplicitAttributes } from '@threadline/core/adapter';
import type { CallFields } from '../prompt/call-fields';
import { withNoPrompt } from '../prompt/link-prompt';
import type { TelemetryIntegration } from './telemetry-integration';

/**
 * `integration` for one AI SDK call whose options name Threadline fields: each of its hooks
 * runs in a context where those fields are explicit (docs/contract.md#precedence, level 1). Spans an integration
 * starts there (the operation's root span, in `@ai-sdk/otel`) get them, and so does every span
 * started under those, steps, model calls, tool calls and the tools' own work included. A call
 * that says it used no managed prompt says so on that context too, for its model calls.
 *
 * A proxy rather than a copy: every hook of the integration, also one this package does not
 * know of, is wrapped, and it still runs on the integration itself.
 */
export function withCallContext(
  integration: TelemetryIntegration,
  { explicit, noPrompt }: CallFields,
): TelemetryIntegration {
  const callContext = () => {
    const ctx = explicit
      ? contextWithExplicitAttributes(context.active(), explicit)
      : context.active();
    return noPrompt ? withNoPrompt(ctx) : ctx;
  };
  return new Proxy(integration, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        context.with(callContext(), value as (...args: unknown[]) => unknown, target, ...args);
    },
  });
}
