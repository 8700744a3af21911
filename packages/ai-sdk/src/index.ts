export type { EndReason } from '@threadline/core/adapter';
export {
  type TelemetryOptions,
  type ThreadlineTelemetryIntegration,
  type ThreadlineTelemetrySettings,
  telemetry,
} from './telemetry';
export { PACKAGE_VERSION as VERSION } from './version';
