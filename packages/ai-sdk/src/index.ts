export { CLOSE_REASON_ATTRIBUTE, CLOSED_EVENT, type CloseReason } from './close-reason';
export {
  type TelemetryOptions,
  type ThreadlineTelemetryIntegration,
  type ThreadlineTelemetrySettings,
  telemetry,
} from './telemetry';
export { PACKAGE_VERSION as VERSION } from './version';
