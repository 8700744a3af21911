export type { EndReason } from '@threadline/core/adapter';
export { PACKAGE_VERSION as VERSION } from '../version';
export type { ThreadlineTelemetryOptions } from './create-threadline-telemetry';
export { registerThreadlineTelemetry } from './register-threadline-telemetry';
export {
  type TelemetryOptions,
  type ThreadlineTelemetrySettings,
  telemetry,
} from './telemetry';
export type {
  ExecuteOptions,
  LifecycleHook,
  TelemetryIntegration,
} from './telemetry-integration';
export type { ThreadlineTelemetry } from './threadline-telemetry';
