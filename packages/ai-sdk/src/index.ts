export { CLOSED_WITH_CALL_EVENT } from './call-span';
export { type TelemetryOptions, type ThreadlineTelemetrySettings, telemetry } from './telemetry';
export { PACKAGE_VERSION as VERSION } from './version';
