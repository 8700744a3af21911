import {
  registerThreadlineTelemetry,
  type ThreadlineTelemetryOptions,
} from '@threadline/ai-sdk/otel';
import { afterAll, beforeAll } from 'vitest';

/** Registers Threadline's integration for the tests of a `describe` and takes it out after. */
export function useRegistration(options: ThreadlineTelemetryOptions = {}): void {
  beforeAll(() => {
    registerThreadlineTelemetry(options);
  });
  afterAll(() => {
    globalThis.AI_SDK_TELEMETRY_INTEGRATIONS = [];
  });
}
