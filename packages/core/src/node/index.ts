export type { LogLevel } from './diagnostics';
export { exportersFromEnv, langfuseExporterConfig } from './exporter-from-env';
export {
  type RegisterThreadlineOptions,
  registerThreadline,
  type ThreadlineRegistration,
} from './register-threadline';
export type { SpanExporter, ThreadlineTracerProvider } from './sdk-types';
export type { TraceSdkInfo } from './trace-sdk';
