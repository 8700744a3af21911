import { configuredSettings } from '../configuration/configure-threadline';

/**
 * Whether a mask is configured (configureThreadline's `mask`) right now. Without one,
 * `maskContent` returns every value as it is: an adapter may then skip looking for the
 * content among a span's attributes at all.
 */
export function isMaskConfigured(): boolean {
  return configuredSettings().mask !== undefined;
}
