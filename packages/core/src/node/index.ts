export { exportersFromEnv, langfuseExporterConfig } from './exporter-from-env';
export {
  type RegisterThreadlineOptions,
  registerThreadline,
  type ThreadlineRegistration,
} from './register-threadline';
